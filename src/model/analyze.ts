import type { WiringProblem } from '../errors/index.js';
import { isThenable } from '../tokens/types.js';
import { buildCatalog, type CatalogOptions } from './catalog.js';
import type { CatalogEntry } from './catalog-entry.js';
import { buildGraph } from './build-graph.js';
import { collectFeatures, type LoadedOrigin } from './features.js';
import type { WiringGraph } from './types.js';

/** The result of analysing an app's features: the graph, and every problem found. */
export interface Analysis {
  readonly graph: WiringGraph;
  readonly problems: readonly WiringProblem[];
}

/**
 * Validates loaded features without running user code (a ref's `defaultFactory` is the only user
 * function called; it must only return a factory). `problems` is empty when the wiring is sound.
 */
export function analyzeWiring(
  features: readonly unknown[],
  options: CatalogOptions = {},
  earlierProblems: readonly WiringProblem[] = [],
  origins: ReadonlyMap<unknown, LoadedOrigin> = new Map(),
): Analysis | Promise<Analysis> {
  const problems: WiringProblem[] = [...earlierProblems];
  const set = collectFeatures(features, problems, origins);
  const catalog = buildCatalog(set, options, problems);
  const finish = (entries: Map<string, CatalogEntry>): Analysis => ({ graph: buildGraph(set, entries, problems), problems });
  // Synchronous unless a defaultFactory is async, so describe() can work before start().
  return isThenable(catalog) ? Promise.resolve(catalog).then(finish) : finish(catalog);
}
