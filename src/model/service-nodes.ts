import type { ServiceDecorator } from '../tokens/service-decorator.js';
import type { CatalogEntry } from './catalog.js';
import type { Owner, RecipeBook } from './recipes.js';
import type { ServiceNode } from './types.js';

/** One node per catalog entry: its implementation's recipe or factory deps, and its decorators. */
export function buildServiceNodes(
  catalog: ReadonlyMap<string, CatalogEntry>,
  decorators: readonly ServiceDecorator[],
  book: RecipeBook,
): Map<string, ServiceNode> {
  const services = new Map<string, ServiceNode>();
  for (const entry of catalog.values()) {
    const owner: Owner = { label: `service '${entry.ref.id}'`, refId: entry.ref.id };
    const implementation: ServiceNode['implementation'] =
      entry.implementation.kind === 'class'
        ? { kind: 'class', recipe: book.recipe(entry.implementation.cls, owner) }
        : entry.implementation.kind === 'factory'
          ? {
              kind: 'factory',
              factory: entry.implementation.factory,
              deps: Object.entries(entry.implementation.factory.deps).map(
                ([name, ref]) => [name, book.dependency(ref, false, owner)] as const,
              ),
            }
          : { kind: 'builtin' };
    const wrappers = decorators
      .filter((decorator) => decorator.service.id === entry.ref.id)
      .map((decorator) => ({
        decorator,
        deps: Object.entries(decorator.deps).map(([name, ref]) => [name, book.dependency(ref, false, owner)] as const),
      }));
    services.set(entry.ref.id, {
      id: entry.ref.id,
      ref: entry.ref,
      scope: entry.ref.scope,
      source: entry.source,
      implementation,
      decorators: wrappers,
    });
  }
  return services;
}
