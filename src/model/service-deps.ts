import type { Dependency, ServiceNode } from './types.js';

/** Everything a service needs: its constructor's or factory's dependencies, then its decorators'. */
export function serviceDeps(node: ServiceNode): readonly Dependency[] {
  const own =
    node.implementation.kind === 'class'
      ? node.implementation.recipe.deps
      : node.implementation.kind === 'factory'
        ? node.implementation.deps.map(([, dep]) => dep)
        : [];
  if (node.decorators.length === 0) return own;
  return [...own, ...node.decorators.flatMap(({ deps }) => deps.map(([, dep]) => dep))];
}
