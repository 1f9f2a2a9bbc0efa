import type { WiringProblem } from '../errors.js';
import { serviceDeps } from './service-deps.js';
import type { ClassNode, ServiceNode } from './types.js';

/**
 * A root-scoped service or class may not depend on anything created per plugin: it is shared by
 * every plugin, so it would capture one plugin's instance (InversifyJS would allow it).
 */
export function checkScopes(services: Iterable<ServiceNode>, classes: Iterable<ClassNode>, problems: WiringProblem[]): void {
  for (const node of services) {
    if (node.scope !== 'root') continue;
    for (const dep of serviceDeps(node)) {
      const target =
        dep.kind === 'service' && dep.ref.scope === 'plugin'
          ? `plugin-scoped service '${dep.ref.id}'`
          : dep.kind === 'class' && dep.node.scope === 'plugin'
            ? `class ${dep.node.recipe.name}, which is created once per plugin`
            : undefined;
      if (target === undefined) continue;
      problems.push({
        code: 'SCOPE_VIOLATION',
        message:
          `Root-scoped service '${node.id}' depends on ${target}. A root service is shared by every plugin, so it ` +
          `would capture one plugin's instance. Make '${node.id}' plugin-scoped, or make the dependency root-scoped.`,
        refId: node.id,
        ...(dep.kind === 'service' ? { related: [dep.ref.id] } : {}),
      });
    }
  }
  for (const node of classes) {
    if (node.scope !== 'root') continue;
    for (const dep of node.recipe.deps) {
      const target =
        dep.kind === 'service' && dep.ref.scope === 'plugin'
          ? `plugin-scoped service '${dep.ref.id}'`
          : dep.kind === 'class' && dep.node.scope === 'plugin'
            ? `plugin-scoped class ${dep.node.recipe.name}`
            : dep.kind === 'extensionPoint'
              ? `extension point '${dep.extensionPoint.id}'`
              : undefined;
      if (target === undefined) continue;
      problems.push({
        code: 'SCOPE_VIOLATION',
        message:
          `Root-scoped class ${node.recipe.name} depends on ${target}. A root instance is shared by every plugin; ` +
          `make ${node.recipe.name} plugin-scoped (the default) or its dependency root-scoped.`,
      });
    }
  }
}
