import { wiringProblem, type PluginScopedTarget, type WiringProblem } from '../../errors/index.js';
import type { ClassNode, Dependency, ServiceNode } from '../types.js';

/**
 * A root-scoped service or class may not depend on anything created per plugin: it is shared by
 * every plugin, so it would capture one plugin's instance (InversifyJS would allow it).
 */
export function checkScopes(services: Iterable<ServiceNode>, classes: Iterable<ClassNode>, problems: WiringProblem[]): void {
  for (const node of services) {
    if (node.scope !== 'root') continue;
    for (const dep of node.deps) {
      const target = pluginScopedTarget(dep, 'service');
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
      const target = pluginScopedTarget(dep, 'class');
      if (target !== undefined)
        problems.push(wiringProblem('SCOPE_VIOLATION', { reason: 'root-class', className: node.recipe.name, target }));
    }
  }
}

/** What `dep` is when it is made per plugin (so a root-scoped holder may not have it), else undefined. */
function pluginScopedTarget(dep: Dependency, holder: 'service' | 'class'): PluginScopedTarget | undefined {
  if (dep.kind === 'service' && dep.node.scope === 'plugin') return { kind: 'service', refId: dep.node.id };
  if (dep.kind === 'class' && dep.node.scope === 'plugin') return { kind: 'class', className: dep.node.recipe.name };
  // A service injecting an extension point is its own problem (checkServicesUseNoExtensionPoint); a
  // class may inject one, and each plugin has its own.
  if (dep.kind === 'extensionPoint' && holder === 'class') return { kind: 'extensionPoint', extensionPointId: dep.extensionPoint.id };
  return undefined;
}
