import { wiringProblem, type WiringProblem } from '../errors/index.js';
import type { ServiceMetadata } from '../decorators/metadata.js';
import { isInternalRef } from '../tokens/internal-refs.js';
import { RESERVED_ID_PREFIX } from '../tokens/ids.js';
import type { AnyServiceRef, ServiceFactory, ServiceInitialization } from '../tokens/service-ref.js';
import type { Constructor } from '../tokens/types.js';
import { collectDefaults } from './defaults.js';
import type { FeatureSet, InstalledService } from './features.js';
import { reachableRefs } from './reachable-refs.js';

/** One implementation chosen for a ref, before the graph is built. */
export type CatalogImplementation =
  | { readonly kind: 'class'; readonly cls: Constructor; readonly metadata: ServiceMetadata | undefined }
  | { readonly kind: 'factory'; readonly factory: ServiceFactory };

/** The implementations chosen for one ref id. */
export interface CatalogEntry {
  readonly ref: AnyServiceRef;
  readonly source: 'installed' | 'default' | 'builtin';
  /** One for a singleton (none for a builtin); every one for a multiton, in registration order. */
  readonly implementations: readonly CatalogImplementation[];
  readonly initialization: ServiceInitialization;
  /** Loader-provided implementations that one passed to add() replaced. */
  readonly replaced: ReadonlyArray<{ readonly implementation: string; readonly loader: string }>;
}

/** Refs the runtime provides itself, root refs every app creates, and how long a defaultFactory may take. */
export interface CatalogOptions {
  readonly builtins?: readonly AnyServiceRef[];
  readonly seeds?: readonly AnyServiceRef[];
  /** Bound on an async `defaultFactory` (initTimeoutMs). */
  readonly timeoutMs?: number;
}

/** Refs by id, checked for one id used by two different refs and for reserved ids. */
export class RefRegistry {
  private readonly seen = new Map<string, AnyServiceRef>();
  readonly #reported = new Set<string>();

  constructor(private readonly problems: WiringProblem[]) {}

  check(ref: AnyServiceRef): void {
    const first = this.seen.get(ref.id);
    if (first === undefined) {
      this.seen.set(ref.id, ref);
      if (ref.id.startsWith(RESERVED_ID_PREFIX) && !isInternalRef(ref)) {
        this.problems.push(wiringProblem('RESERVED_ID', { kind: 'service ref', refId: ref.id }));
      }
      return;
    }
    if (first === ref) return;
    if (first.scope !== ref.scope) {
      this.problems.push(
        wiringProblem('DUPLICATE_REF_ID', { refId: ref.id, first: `${first.scope}-scoped`, second: `${ref.scope}-scoped` }),
      );
    } else if (first.multiton !== ref.multiton) {
      this.problems.push(wiringProblem('DUPLICATE_REF_ID', { refId: ref.id, first: 'a multiton', second: 'a singleton' }));
    } else if (isInternalRef(first) !== isInternalRef(ref)) {
      this.problems.push(wiringProblem('RESERVED_ID', { kind: 'service ref', refId: ref.id }));
    } else if (first.defaultFactory !== ref.defaultFactory && this.#reported.has(ref.id) === false) {
      // Which default would win is an accident of discovery order: two definitions of one service.
      this.#reported.add(ref.id);
      this.problems.push(wiringProblem('DUPLICATE_REF_ID', { refId: ref.id, first: 'with one defaultFactory', second: 'with another' }));
    }
  }
}

/**
 * Chooses the implementations of every ref the app can reach: installed ones first (an
 * implementation passed to add() replaces a loader's; two of either kind for one singleton ref is
 * `DUPLICATE_SERVICE`; a multiton ref takes them all), then each unimplemented ref's
 * `defaultFactory`, called once with the ref and only when nothing is installed. Refs that stay
 * unimplemented are reported later, with their dependants, by the graph builder.
 */
export function buildCatalog(
  features: FeatureSet,
  options: CatalogOptions,
  problems: WiringProblem[],
): Map<string, CatalogEntry> | Promise<Map<string, CatalogEntry>> {
  const catalog = new Map<string, CatalogEntry>();
  const refs = new RefRegistry(problems);
  for (const ref of options.builtins ?? []) {
    refs.check(ref);
    catalog.set(ref.id, { ref, source: 'builtin', implementations: [], initialization: 'lazy', replaced: [] });
  }
  for (const [id, installed] of groupByRef(features.services)) {
    const ref = refOf(installed[0]!);
    for (const service of installed) refs.check(refOf(service));
    catalog.set(id, chooseInstalled(ref, installed, catalog.get(id), problems));
  }
  // Everything reachable from the features, seeds and installed implementations; defaults for the rest.
  const pending = reachableRefs(features, catalog, options.seeds ?? []);
  return collectDefaults(pending, catalog, refs, options.timeoutMs, problems);
}

function refOf(service: InstalledService): AnyServiceRef {
  return 'factory' in service ? service.factory.service : service.metadata.service!.provides!;
}

function groupByRef(services: readonly InstalledService[]): Map<string, InstalledService[]> {
  const groups = new Map<string, InstalledService[]>();
  for (const service of services) {
    const id = refOf(service).id;
    const group = groups.get(id);
    if (group === undefined) groups.set(id, [service]);
    else group.push(service);
  }
  return groups;
}

function implementationOf(service: InstalledService): CatalogImplementation {
  return 'factory' in service
    ? { kind: 'factory', factory: service.factory }
    : { kind: 'class', cls: service.cls, metadata: service.metadata.service };
}

/** The entry for one ref's installed implementations (the first, when a problem was reported). */
function chooseInstalled(
  ref: AnyServiceRef,
  installed: readonly InstalledService[],
  builtin: CatalogEntry | undefined,
  problems: WiringProblem[],
): CatalogEntry {
  if (builtin !== undefined) {
    problems.push(
      wiringProblem('DUPLICATE_SERVICE', {
        reason: 'builtin',
        refId: ref.id,
        implementation: implementationName(implementationOf(installed[0]!)),
      }),
    );
    return builtin;
  }
  if (ref.multiton) return entry(ref, installed.map(implementationOf), []);
  const direct = installed.filter((service) => service.origin === undefined);
  const loaded = installed.filter((service) => service.origin !== undefined);
  // A refused pair still leaves the first in place, so dependants are not also reported as missing.
  if (direct.length > 1) {
    problems.push(twoInstalled(ref, direct[0]!, direct[1]!));
    return entry(ref, [implementationOf(direct[0]!)], []);
  }
  if (direct.length === 1) {
    const replaced = loaded.map((service) => ({
      implementation: implementationName(implementationOf(service)),
      loader: service.origin!.loader,
    }));
    return entry(ref, [implementationOf(direct[0]!)], replaced);
  }
  const loaders = [...new Set(loaded.map((service) => service.origin!.loader))];
  if (loaders.length > 1) problems.push(wiringProblem('DUPLICATE_SERVICE', { reason: 'two-loaders', refId: ref.id, loaders }));
  else if (loaded.length > 1) problems.push(twoInstalled(ref, loaded[0]!, loaded[1]!));
  return entry(ref, [implementationOf(loaded[0]!)], []);
}

function twoInstalled(ref: AnyServiceRef, first: InstalledService, second: InstalledService): WiringProblem {
  return wiringProblem('DUPLICATE_SERVICE', {
    reason: 'two-installed',
    refId: ref.id,
    first: implementationName(implementationOf(first)),
    second: implementationName(implementationOf(second)),
  });
}

/** An installed entry; its initialization is the first one an implementation declares, else the scope's default. */
export function entry(
  ref: AnyServiceRef,
  implementations: readonly CatalogImplementation[],
  replaced: CatalogEntry['replaced'],
  source: CatalogEntry['source'] = 'installed',
): CatalogEntry {
  let initialization: ServiceInitialization | undefined;
  for (const implementation of implementations) {
    initialization ??= implementation.kind === 'class' ? implementation.metadata?.initialization : implementation.factory.initialization;
  }
  return { ref, source, implementations, initialization: initialization ?? (ref.scope === 'root' ? 'always' : 'lazy'), replaced };
}

/** How an implementation is named in messages and describe(). */
export function implementationName(implementation: CatalogImplementation): string {
  if (implementation.kind === 'class') {
    const descriptor = Object.getOwnPropertyDescriptor(implementation.cls, 'name');
    return `class ${typeof descriptor?.value === 'string' && descriptor.value !== '' ? descriptor.value : '<anonymous class>'}`;
  }
  return `a factory (createServiceFactory) for '${implementation.factory.service.id}'`;
}
