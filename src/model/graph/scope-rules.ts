import { wiringProblem, type WiringProblem } from '../../errors/index.js';
import type { ClassNode, Dependency, ServiceNode } from '../types.js';
import { serviceDeps } from './service-deps.js';

/**
 * A root-scoped service or class may not depend on anything created per plugin: it is shared by
 * every plugin, so it would capture one plugin's instance (InversifyJS would allow it).
 */
export function checkScopes(services: Iterable<ServiceNode>, classes: Iterable<ClassNode>, problems: WiringProblem[]): void {
  for (const node of services) {
    if (node.scope !== 'root') continue;
    for (const dep of serviceDeps(node)) {
      const target = pluginScopedTarget(dep, false);
      if (target === undefined) continue;
      problems.push(
        wiringProblem('SCOPE_VIOLATION', {
          reason: 'root-service',
          refId: node.id,
          target,
          ...(dep.kind === 'service' ? { related: [dep.node.id] } : {}),
        }),
      );
    }
  }
  for (const node of classes) {
    if (node.scope !== 'root') continue;
    for (const dep of node.recipe.deps) {
      const target = pluginScopedTarget(dep, true);
      if (target !== undefined)
        problems.push(wiringProblem('SCOPE_VIOLATION', { reason: 'root-class', className: node.recipe.name, target }));
    }
  }
}

function pluginScopedTarget(dep: Dependency, fromClass: boolean): string | undefined {
  if (dep.kind === 'service' && dep.node.scope === 'plugin') return `plugin-scoped service '${dep.node.id}'`;
  if (dep.kind === 'class' && dep.node.scope === 'plugin') {
    return fromClass ? `plugin-scoped class ${dep.node.recipe.name}` : `class ${dep.node.recipe.name}, which is created once per plugin`;
  }
  if (dep.kind === 'extensionPoint' && fromClass) return `extension point '${dep.extensionPoint.id}'`;
  return undefined;
}
