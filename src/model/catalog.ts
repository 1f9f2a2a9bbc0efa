import { wiringProblem, type WiringProblem } from '../errors/index.js';
import type { AnyServiceRef } from '../tokens/service-ref.js';
import { entry, implementationSubject, type CatalogEntry, type CatalogImplementation } from './catalog-entry.js';
import { collectDefaults } from './defaults.js';
import type { FeatureSet, InstalledService } from './features.js';
import { RefRegistry } from './ref-registry.js';
import { reachableRefs } from './reachable-refs.js';

/** Refs the runtime provides itself, root refs every app creates, and how long a defaultFactory may take. */
export interface CatalogOptions {
  readonly builtins?: readonly AnyServiceRef[];
  readonly seeds?: readonly AnyServiceRef[];
  /** Bound on an async `defaultFactory` (initTimeoutMs). */
  readonly timeoutMs?: number;
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
        implementation: implementationSubject(implementationOf(installed[0]!)),
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
      implementation: implementationSubject(implementationOf(service)),
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
    first: implementationSubject(implementationOf(first)),
    second: implementationSubject(implementationOf(second)),
  });
}

export type { CatalogEntry, CatalogImplementation } from './catalog-entry.js';
