import type { ServiceDecorator } from '../tokens/service-decorator.js';
import type { Constructor } from '../tokens/types.js';
import type { CatalogEntry } from './catalog-entry.js';
import type { RecipeBook } from './recipes.js';
import type { Dependency, Implementation, NamedDeps, RootContextNode, ServiceNode } from './types.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * One node per catalog entry, made in two steps: shells first (recipes point at them), then
 * {@link fillServiceNodes} once a recipe book exists.
 */
export function serviceShells(catalog: ReadonlyMap<string, CatalogEntry>): {
  readonly services: Map<string, ServiceNode>;
  /** Classes that implement a singleton ref: injecting one by class yields that ref's instance. */
  readonly implementingClasses: Map<Constructor, ServiceNode>;
} {
  const services = new Map<string, ServiceNode>();
  const implementingClasses = new Map<Constructor, ServiceNode>();
  for (const entry of catalog.values()) {
    const node: ServiceNode = {
      kind: 'service',
      id: entry.ref.id,
      ref: entry.ref,
      scope: entry.ref.scope,
      multiton: entry.ref.multiton,
      initialization: entry.initialization,
      source: entry.source,
      implementations: [],
      decorators: [],
      rootContext: undefined,
      replaced: entry.replaced,
      deps: [],
      needs: [],
    };
    services.set(node.id, node);
    if (!node.multiton)
      for (const implementation of entry.implementations)
        if (implementation.kind === 'class') implementingClasses.set(implementation.cls, node);
  }
  return { services, implementingClasses };
}

/** Fills each shell: implementations with their recipes or factory deps, decorators, root context. */
export function fillServiceNodes(
  catalog: ReadonlyMap<string, CatalogEntry>,
  services: ReadonlyMap<string, ServiceNode>,
  decorators: readonly ServiceDecorator[],
  book: RecipeBook,
): void {
  for (const entry of catalog.values()) {
    const node = services.get(entry.ref.id) as Mutable<ServiceNode>;
    const owner = { refId: node.id };
    const named = (deps: Readonly<Record<string, unknown>>): NamedDeps =>
      Object.keys(deps).map((name) => [name, book.dependency(deps[name], false, owner)] as const);
    node.implementations = entry.implementations.map((implementation): Implementation =>
      implementation.kind === 'class'
        ? { kind: 'class', recipe: book.recipe(implementation.cls, owner) }
        : { kind: 'factory', factory: implementation.factory, deps: named(implementation.factory.deps) },
    );
    node.decorators = decorators
      .filter((decorator) => decorator.service.id === node.id)
      .map((decorator) => ({ decorator, deps: named(decorator.deps) }));
    node.deps = allDeps(node);
    const withContext = node.implementations.find(
      (implementation) => implementation.kind === 'factory' && implementation.factory.createRootContext,
    );
    if (withContext !== undefined && withContext.kind === 'factory') {
      const rootContext: RootContextNode = {
        kind: 'rootContext',
        scope: 'root',
        service: node,
        create: withContext.factory.createRootContext!,
        deps: withContext.deps,
        needs: [],
      };
      node.rootContext = rootContext;
    }
  }
}

/** Everything a service injects: every implementation's dependencies, then its decorators'. */
function allDeps(node: ServiceNode): readonly Dependency[] {
  const deps: Dependency[] = [];
  for (const implementation of node.implementations) {
    if (implementation.kind === 'class') for (const dep of implementation.recipe.deps) deps.push(dep);
    else for (const [, dep] of implementation.deps) deps.push(dep);
  }
  for (const { deps: named } of node.decorators) for (const [, dep] of named) deps.push(dep);
  return deps;
}
