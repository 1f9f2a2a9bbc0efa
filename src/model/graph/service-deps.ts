import type { Dependency, ServiceNode } from '../types.js';

/** Everything a service needs: every implementation's dependencies, then its decorators'. */
export function serviceDeps(node: ServiceNode): readonly Dependency[] {
  const deps: Dependency[] = [];
  for (const implementation of node.implementations) {
    if (implementation.kind === 'class') deps.push(...implementation.recipe.deps);
    else for (const [, dep] of implementation.deps) deps.push(dep);
  }
  for (const { deps: named } of node.decorators) for (const [, dep] of named) deps.push(dep);
  return deps;
}
