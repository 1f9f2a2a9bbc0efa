import { describeThrown, type WiringProblem } from '../errors.js';
import { readMetadata } from '../decorators/metadata.js';
import { analyzeWiring, type Analysis } from '../model/analyze.js';
import { featureRejection } from '../model/features.js';
import type { WiringGraph } from '../model/types.js';
import type { Runtime } from '../runtime/runtime.js';
import type { FeatureLoader } from '../tokens/feature-loader.js';
import { isServiceDecorator } from '../tokens/service-decorator.js';
import { isServiceFactory, type ServiceRef } from '../tokens/service-ref.js';
import type { CatalogOptions } from '../model/catalog.js';

/** What feature loaders produced, and the runtime that holds the root services they used. */
export interface LoadedFeatures {
  readonly features: unknown[];
  /** Modules from discovery: left out (not an error) when their plugin is not installed. */
  readonly skippable: Set<unknown>;
  readonly problems: WiringProblem[];
  /** Undefined when validation of the loaders' services failed. */
  readonly bootstrap?: Runtime;
  readonly bootstrapGraph?: WiringGraph;
}

/**
 * Runs feature loaders: validates and creates the root services they depend on (using the
 * services added so far), calls each loader, and collects what they return. The caller owns the
 * returned bootstrap runtime: the app's runtime inherits it, or validation stops it.
 */
export async function runFeatureLoaders(
  features: readonly unknown[],
  loaders: readonly FeatureLoader[],
  options: CatalogOptions,
  makeRuntime: (graph: WiringGraph) => Runtime,
): Promise<LoadedFeatures> {
  const problems: WiringProblem[] = [];
  const seeds: ServiceRef<unknown>[] = [...(options.seeds ?? [])];
  for (const loader of loaders) {
    for (const [name, ref] of Object.entries(loader.deps)) {
      if (ref.scope !== 'root') {
        problems.push({
          code: 'SCOPE_VIOLATION',
          message: `Feature loader '${loader.name}' depends on plugin-scoped service '${ref.id}' (as '${name}'); loaders run before any plugin exists, so they can use root-scoped services only.`,
          refId: ref.id,
        });
      }
      seeds.push(ref);
    }
  }
  const services = features.filter(isServiceFeature);
  const bootstrapAnalysis: Analysis = await analyzeWiring(services, { ...options, seeds });
  problems.push(
    ...bootstrapAnalysis.problems.map((problem) => ({
      ...problem,
      message: `${problem.message} (while preparing the services feature loaders use)`,
    })),
  );
  if (problems.length > 0) return { features: [...features], skippable: new Set(), problems };

  const bootstrap = makeRuntime(bootstrapAnalysis.graph);
  await bootstrap.startRoot();
  const loaded: unknown[] = [...features];
  const skippable = new Set<unknown>();
  for (const loader of loaders) {
    const deps: Record<string, unknown> = {};
    for (const [name, ref] of Object.entries(loader.deps)) deps[name] = bootstrap.get(ref);
    let items: unknown[];
    try {
      items = await collect(loader.loader(deps));
    } catch (error) {
      problems.push({ code: 'FEATURE_LOAD_FAILED', message: `Feature loader '${loader.name}' failed: ${describeThrown(error)}` });
      continue;
    }
    for (const item of items) {
      const reason = featureRejection(item);
      if (reason !== undefined) {
        problems.push({
          code: 'INVALID_FEATURE',
          message: `Feature loader '${loader.name}' returned something that is not a feature: ${reason}.`,
        });
        continue;
      }
      loaded.push(item);
      if (loader.skipOrphanModules) skippable.add(item);
    }
  }
  return { features: loaded, skippable, problems, bootstrap, bootstrapGraph: bootstrapAnalysis.graph };
}

/**
 * Problems when a root service created for the loaders is not what the final wiring would use
 * (a loader installed another implementation of it).
 */
export function bootstrapConflicts(bootstrapGraph: WiringGraph, bootstrap: Runtime, graph: WiringGraph): WiringProblem[] {
  const problems: WiringProblem[] = [];
  for (const id of bootstrap.createdRootServices) {
    const before = bootstrapGraph.services.get(id);
    const after = graph.services.get(id);
    if (before === undefined || after === undefined || implementationOf(before) === implementationOf(after)) continue;
    problems.push({
      code: 'DUPLICATE_SERVICE',
      message: `Service '${id}' was created for the feature loaders, and a feature a loader returned installs another implementation of it. Install that implementation with add() instead, so the loaders use it too.`,
      refId: id,
    });
  }
  return problems;
}

function implementationOf(node: WiringGraph['services'] extends Map<string, infer N> ? N : never): unknown {
  // A default is made anew by each analysis: equal as long as both used the default.
  if (node.source === 'default') return 'default';
  const implementation = node.implementation;
  if (implementation.kind === 'class') return implementation.recipe.cls;
  if (implementation.kind === 'factory') return implementation.factory;
  return 'builtin';
}

function isServiceFeature(value: unknown): boolean {
  return isServiceFactory(value) || isServiceDecorator(value) || (typeof value === 'function' && readMetadata(value)?.role === 'service');
}

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
