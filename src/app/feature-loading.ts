import { wiringProblem, type WiringProblem } from '../errors/index.js';
import { readMetadata } from '../decorators/metadata.js';
import { analyzeWiring, type Analysis } from '../model/analyze.js';
import type { CatalogOptions } from '../model/catalog.js';
import { featureRejection, featuresOfModule, isModuleLike, type LoadedOrigin } from '../model/features.js';
import type { ServiceNode, WiringGraph } from '../model/types.js';
import type { RootScope } from '../runtime/root-scope.js';
import { withTimeout } from '../runtime/timeouts.js';
import type { FeatureLoader } from '../tokens/feature-loader.js';
import { isServiceDecorator } from '../tokens/service-decorator.js';
import { type AnyServiceRef } from '../tokens/service-ref.js';
import { isServiceFactory } from '../tokens/service-factory.js';

/** What feature loaders produced, and the root scope that holds the root services they used. */
export interface LoadedFeatures {
  readonly features: unknown[];
  /** Where each loaded feature came from: its loader (explicit add() beats it; discovery may skip orphans). */
  readonly origins: Map<unknown, LoadedOrigin>;
  readonly problems: WiringProblem[];
  /** Undefined when validation of the loaders' services failed. */
  readonly bootstrap?: RootScope;
  readonly bootstrapGraph?: WiringGraph;
}

/** How feature loading makes (and later releases) the root scope the loaders' services live in. */
export interface BootstrapScopes {
  create(graph: WiringGraph): RootScope;
  /** Shuts down a bootstrap scope (what was created in it) that nobody will take over. */
  release(scope: RootScope): Promise<void>;
  /** Bound on each loader (initTimeoutMs). */
  readonly timeoutMs: number | undefined;
}

/**
 * Runs feature loaders: validates and creates the root services they depend on (using the
 * services added so far), calls each loader, and collects what they return. The caller owns the
 * returned bootstrap scope: the app's root scope takes it over, or the caller shuts it down.
 */
export async function runFeatureLoaders(
  features: readonly unknown[],
  loaders: readonly FeatureLoader[],
  options: CatalogOptions,
  scopes: BootstrapScopes,
): Promise<LoadedFeatures> {
  const problems: WiringProblem[] = [];
  const seeds: AnyServiceRef[] = [...(options.seeds ?? [])];
  for (const loader of loaders) {
    for (const [name, ref] of Object.entries(loader.deps)) {
      if (ref.scope !== 'root')
        problems.push(wiringProblem('SCOPE_VIOLATION', { reason: 'loader-dep', loader: loader.name, name, refId: ref.id }));
      seeds.push(ref);
    }
  }
  const services = features.filter(isServiceFeature);
  const analysis: Analysis = await analyzeWiring(services, { ...options, seeds });
  problems.push(
    ...analysis.problems.map((problem) => ({
      ...problem,
      message: `${problem.message} (while preparing the services feature loaders use)`,
    })),
  );
  const origins = new Map<unknown, LoadedOrigin>();
  if (problems.length > 0) return { features: [...features], origins, problems };

  const bootstrap = scopes.create(analysis.graph);
  const needed = [...new Set(loaders.flatMap((loader) => Object.values(loader.deps)))].map((ref) => analysis.graph.services.get(ref.id)!);
  try {
    await bootstrap.ensure([...analysis.graph.rootAtStart, ...needed]);
  } catch (error) {
    // What was created before the failure started: it stops before the failure is reported.
    await scopes.release(bootstrap);
    throw error;
  }
  const loaded: unknown[] = [...features];
  for (const loader of loaders) {
    const deps: Record<string, unknown> = {};
    for (const [name, ref] of Object.entries(loader.deps)) deps[name] = bootstrap.get(ref);
    let items: unknown[];
    try {
      items = await withTimeout(collect(loader.loader(deps)), scopes.timeoutMs, () => new LoaderTimeout(loader.name));
    } catch (error) {
      problems.push(
        error instanceof LoaderTimeout
          ? wiringProblem('FEATURE_LOAD_FAILED', { reason: 'loader-timeout', loader: loader.name, ms: scopes.timeoutMs! })
          : wiringProblem('FEATURE_LOAD_FAILED', { reason: 'loader', loader: loader.name, cause: error }),
      );
      continue;
    }
    for (const item of items) {
      // A loader may yield import()ed modules (CommonJS ones with one extra default level) as well as features.
      const found = isModuleLike(item) ? featuresOfModule(item) : { features: [item] };
      const rejection =
        'rejection' in found ? found.rejection : found.features.map(featureRejection).find((reason) => reason !== undefined);
      if (rejection !== undefined) {
        problems.push(wiringProblem('INVALID_FEATURE', { reason: 'loader-result', loader: loader.name, rejection }));
        continue;
      }
      for (const feature of (found as { features: readonly unknown[] }).features) {
        loaded.push(feature);
        origins.set(feature, { loader: loader.name, skipOrphanModules: loader.skipOrphanModules });
      }
    }
  }
  return { features: loaded, origins, problems, bootstrap, bootstrapGraph: analysis.graph };
}

/**
 * Problems when a root service created for the loaders is not what the final wiring would use
 * (a loader installed another implementation of it).
 */
export function bootstrapConflicts(bootstrapGraph: WiringGraph, bootstrap: RootScope, graph: WiringGraph): WiringProblem[] {
  const problems: WiringProblem[] = [];
  for (const id of bootstrap.createdServiceIds()) {
    const before = bootstrapGraph.services.get(id);
    const after = graph.services.get(id);
    if (before === undefined || after === undefined || sameImplementation(before, after)) continue;
    problems.push(wiringProblem('DUPLICATE_SERVICE', { reason: 'bootstrap', refId: id }));
  }
  return problems;
}

function sameImplementation(before: ServiceNode, after: ServiceNode): boolean {
  // A default is made anew by each analysis: equal as long as both used the default.
  if (before.source === 'default' || after.source === 'default') return before.source === after.source;
  if (before.implementations.length !== after.implementations.length) return false;
  return before.implementations.every((implementation, index) => {
    const other = after.implementations[index]!;
    if (implementation.kind === 'class') return other.kind === 'class' && other.recipe.cls === implementation.recipe.cls;
    return other.kind === 'factory' && other.factory === implementation.factory;
  });
}

function isServiceFeature(value: unknown): boolean {
  return isServiceFactory(value) || isServiceDecorator(value) || (typeof value === 'function' && readMetadata(value)?.role === 'service');
}

class LoaderTimeout extends Error {}

async function collect(result: unknown): Promise<unknown[]> {
  const value = await result;
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return (value as unknown[]).flat();
  if (typeof (value as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function') {
    const items: unknown[] = [];
    for await (const item of value as AsyncIterable<unknown>) items.push(...(Array.isArray(item) ? (item as unknown[]) : [item]));
    return items;
  }
  if (typeof (value as Iterable<unknown>)[Symbol.iterator] === 'function') {
    return [...(value as Iterable<unknown>)].flatMap((item): unknown[] => (Array.isArray(item) ? (item as unknown[]) : [item]));
  }
  return [value];
}
