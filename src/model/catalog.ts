import { describeThrown, type WiringProblem } from '../errors.js';
import { readMetadata, type ExtensionPointProvider } from '../decorators/metadata.js';
import { isServiceFactory, isServiceRef, type ServiceFactory, type ServiceRef } from '../tokens/service-ref.js';
import { className, isThenable, type Constructor } from '../tokens/types.js';
import type { FeatureSet } from './features.js';

const NONE: readonly never[] = [];

/** The implementation chosen for one ref id, before the graph is built. */
export interface CatalogEntry {
  readonly ref: ServiceRef<unknown>;
  readonly source: 'installed' | 'default' | 'builtin';
  readonly implementation: { kind: 'class'; cls: Constructor } | { kind: 'factory'; factory: ServiceFactory } | { kind: 'builtin' };
}

/** Refs the runtime provides itself, and root refs every app creates. */
export interface CatalogOptions {
  readonly builtins?: readonly ServiceRef<unknown>[];
  readonly seeds?: readonly ServiceRef<unknown>[];
}

/**
 * Chooses an implementation for every ref the app can reach: installed ones first (two for one
 * ref is `DUPLICATE_SERVICE`), then each unimplemented ref's `defaultFactory`, called once and
 * only when nothing is installed. Refs that stay unimplemented are reported later, with their
 * dependants, by the graph builder.
 */
export function buildCatalog(
  features: FeatureSet,
  options: CatalogOptions,
  problems: WiringProblem[],
): Map<string, CatalogEntry> | Promise<Map<string, CatalogEntry>> {
  const catalog = new Map<string, CatalogEntry>();
  const seenRefs = new Map<string, ServiceRef<unknown>>();
  const checkRef = (ref: ServiceRef<unknown>): void => {
    const first = seenRefs.get(ref.id);
    if (first === undefined) seenRefs.set(ref.id, ref);
    else if (first !== ref && first.scope !== ref.scope) {
      problems.push({
        code: 'DUPLICATE_REF_ID',
        message:
          `Two different service refs have the id '${ref.id}' (one ${first.scope}-scoped, one ${ref.scope}-scoped). ` +
          `Ref ids are unique in the app: rename one of them.`,
        refId: ref.id,
      });
    }
  };

  for (const ref of options.builtins ?? []) {
    checkRef(ref);
    catalog.set(ref.id, { ref, source: 'builtin', implementation: { kind: 'builtin' } });
  }

  for (const service of features.services) {
    const entry: CatalogEntry = isServiceFactory(service)
      ? { ref: service.service, source: 'installed', implementation: { kind: 'factory', factory: service } }
      : {
          ref: service.metadata.service!.provides!,
          source: 'installed',
          implementation: { kind: 'class', cls: service.cls },
        };
    checkRef(entry.ref);
    const existing = catalog.get(entry.ref.id);
    if (existing !== undefined) {
      problems.push({
        code: 'DUPLICATE_SERVICE',
        message:
          existing.source === 'builtin'
            ? `Service '${entry.ref.id}' is provided by plugboard itself and cannot be replaced; remove ${implementationName(entry)} from add().`
            : `Service '${entry.ref.id}' has two implementations installed: ${implementationName(existing)} and ` +
              `${implementationName(entry)}. Install exactly one (a later one does not override an earlier one).`,
        refId: entry.ref.id,
      });
      continue;
    }
    catalog.set(entry.ref.id, entry);
  }

  // Walk everything reachable, resolving defaults for refs nothing implements.
  const pending: ServiceRef<unknown>[] = [...(options.seeds ?? [])];
  // Thousands of classes inject the same few refs: queue each ref object once.
  const queued = new Set<unknown>();
  const visitedClasses = new Set<unknown>();
  const visitClass = (cls: unknown, metadata = readMetadata(cls)): void => {
    if (metadata === undefined) return;
    const parameters = metadata.parameters;
    for (let index = 0; index < parameters.length; index++) {
      const token = parameters[index]?.token;
      if (token === undefined || queued.has(token)) continue;
      if (isServiceRef(token)) {
        queued.add(token);
        pending.push(token);
      } else if (typeof token === 'function' && !visitedClasses.has(token)) {
        visitedClasses.add(token);
        visitClass(token);
      }
    }
    visitProviders(metadata.plugin?.extensionPoints ?? NONE);
    visitProviders(metadata.module?.extensionPoints ?? NONE);
  };
  const visitProviders = (providers: readonly ExtensionPointProvider[]): void => {
    for (let index = 0; index < providers.length; index++) {
      const provider = providers[index]!;
      if ('useClass' in provider) visitClassOnce(provider.useClass);
    }
  };
  const visitClassOnce = (cls: unknown): void => {
    if (typeof cls !== 'function' || visitedClasses.has(cls)) return;
    visitedClasses.add(cls);
    visitClass(cls);
  };
  const visitEntry = (entry: CatalogEntry): void => {
    if (entry.implementation.kind === 'class') visitClassOnce(entry.implementation.cls);
    else if (entry.implementation.kind === 'factory') pending.push(...Object.values(entry.implementation.factory.deps));
  };
  // Plugin and module classes are distinct features: their metadata is at hand, no lookup needed.
  for (let index = 0; index < features.plugins.length; index++) visitClass(features.plugins[index]!.cls, features.plugins[index]!.metadata);
  for (let index = 0; index < features.modules.length; index++) visitClass(features.modules[index]!.cls, features.modules[index]!.metadata);
  for (const decorator of features.decorators) pending.push(...Object.values(decorator.deps));
  for (const entry of catalog.values()) visitEntry(entry);

  // Stays synchronous unless a defaultFactory returns a promise (a lazy import()).
  const defaulted = new Set<string>();
  const drain = (): Map<string, CatalogEntry> | Promise<Map<string, CatalogEntry>> => {
    while (pending.length > 0) {
      const ref = pending.pop()!;
      checkRef(ref);
      if (catalog.has(ref.id) || defaulted.has(ref.id)) continue;
      defaulted.add(ref.id);
      if (ref.defaultFactory === undefined) continue;
      let implementation: unknown;
      try {
        implementation = ref.defaultFactory();
      } catch (error) {
        defaultFailed(ref, error, problems);
        continue;
      }
      const accept = (value: unknown): void => {
        const entry = defaultEntry(ref, value, problems);
        if (entry === undefined) return;
        catalog.set(ref.id, entry);
        visitEntry(entry);
      };
      if (isThenable(implementation)) {
        return Promise.resolve(implementation)
          .then(accept, (error: unknown) => defaultFailed(ref, error, problems))
          .then(drain);
      }
      accept(implementation);
    }
    return catalog;
  };
  return drain();
}

function defaultFailed(ref: ServiceRef<unknown>, error: unknown, problems: WiringProblem[]): void {
  problems.push({
    code: 'DEFAULT_FACTORY_FAILED',
    message: `The defaultFactory of service '${ref.id}' threw: ${describeThrown(error)}. Fix it, or install an implementation with add().`,
    refId: ref.id,
  });
}

function defaultEntry(ref: ServiceRef<unknown>, value: unknown, problems: WiringProblem[]): CatalogEntry | undefined {
  // An ES module namespace from a lazy import(): use its default export.
  const implementation = isModuleNamespace(value) ? value.default : value;
  if (isServiceFactory(implementation) && implementation.service.id === ref.id) {
    return { ref, source: 'default', implementation: { kind: 'factory', factory: implementation } };
  }
  if (typeof implementation === 'function') {
    return { ref, source: 'default', implementation: { kind: 'class', cls: implementation as Constructor } };
  }
  problems.push({
    code: 'DEFAULT_FACTORY_FAILED',
    message:
      `The defaultFactory of service '${ref.id}' returned ${isServiceFactory(implementation) ? `a factory for '${implementation.service.id}'` : typeof implementation}; ` +
      `it must return a factory for '${ref.id}' (createServiceFactory) or a class.`,
    refId: ref.id,
  });
  return undefined;
}

function isModuleNamespace(value: unknown): value is { default: unknown } {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { [Symbol.toStringTag]?: unknown })[Symbol.toStringTag] === 'Module' &&
    'default' in value
  );
}

/** How an implementation is named in messages. */
export function implementationName(entry: CatalogEntry): string {
  switch (entry.implementation.kind) {
    case 'class':
      return `class ${className(entry.implementation.cls)}`;
    case 'factory':
      return `a factory (createServiceFactory) for '${entry.ref.id}'`;
    default:
      return 'plugboard';
  }
}
