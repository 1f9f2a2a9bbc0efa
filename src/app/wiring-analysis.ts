import type { Logger } from 'pino';
import type { WiringProblem } from '../errors/index.js';
import { analyzeWiring, type Analysis } from '../model/analyze.js';
import type { CatalogOptions } from '../model/catalog.js';
import { runtimeRefs } from '../runtime/context-refs.js';
import type { RootScope } from '../runtime/root-scope.js';
import { bootstrapRoot, shutDownRoot } from '../runtime/bootstrap.js';
import type { RootContextData } from '../runtime/runtime.js';
import { coreRootRefs } from '../services/core-services.js';
import { isFeatureLoader, type FeatureLoader } from '../tokens/feature-loader.js';
import { isThenable } from '../tokens/types.js';
import { bootstrapConflicts, runFeatureLoaders } from './feature-loading.js';
import type { FeatureSource, SourceFeatures } from './feature-source.js';
import { DEFAULT_INIT_TIMEOUT_MS, DEFAULT_SHUTDOWN_TIMEOUT_MS, type ContainerBuilderOptions } from './options.js';

/** Features loaded and analysed; `bootstrap` holds the root services feature loaders used. */
export interface Prepared {
  readonly analysis: Analysis;
  readonly bootstrap?: RootScope;
}

/**
 * The one path to an app's analysis: loads the features (running feature loaders, if any, on a
 * bootstrap root scope) and analyses the wiring. validate(), describe() and start() all come
 * here; without feature loaders the analysis is made once and kept.
 */
export class WiringAnalysis {
  #latest: Analysis | undefined;

  constructor(
    private readonly source: FeatureSource,
    private readonly options: ContainerBuilderOptions,
    private readonly rootContext: () => RootContextData,
    private readonly log: () => Logger,
  ) {}

  /** The last analysis made, if any (describe() reads it). */
  get latest(): Analysis | undefined {
    return this.#latest;
  }

  /**
   * The analysis. `forStart` keeps a bootstrap scope for the runtime to take over; otherwise it
   * is shut down before this settles. Synchronous when it can be.
   */
  analyze(forStart: boolean): Prepared | Promise<Prepared> {
    const timeoutMs = this.options.initTimeoutMs ?? DEFAULT_INIT_TIMEOUT_MS;
    const catalog: CatalogOptions = { builtins: [runtimeRefs.pluginContext, runtimeRefs.rootContext], seeds: coreRootRefs, timeoutMs };
    const next = ({ features, problems }: SourceFeatures): Prepared | Promise<Prepared> => {
      const loaders = features.filter(isFeatureLoader);
      if (loaders.length > 0)
        return this.withLoaders(
          features.filter((feature) => !isFeatureLoader(feature)),
          loaders,
          problems,
          catalog,
          forStart,
        );
      if (this.#latest !== undefined) return { analysis: this.#latest };
      const analysis = analyzeWiring(features, catalog, problems);
      const keep = (done: Analysis): Prepared => ({ analysis: (this.#latest = done) });
      return isThenable(analysis) ? Promise.resolve(analysis).then(keep) : keep(analysis);
    };
    const loaded = this.source.load(timeoutMs);
    return isThenable(loaded) ? Promise.resolve(loaded).then(next) : next(loaded);
  }

  /**
   * The analysis if it can be made at once and without effects, for describe(): the features are
   * loaded and none is a feature loader (running one runs user code and creates root services).
   */
  analyzeNow(): Analysis | undefined {
    if (this.#latest !== undefined) return this.#latest;
    const loaded = this.source.load(this.options.initTimeoutMs ?? DEFAULT_INIT_TIMEOUT_MS);
    if (isThenable(loaded) || loaded.features.some(isFeatureLoader)) return undefined;
    const prepared = this.analyze(false);
    if (!isThenable(prepared)) return prepared.analysis;
    void Promise.resolve(prepared).then(undefined, () => undefined); // kept as latest when it settles
    return undefined;
  }

  /** Shuts down a bootstrap scope no runtime took over. */
  async release(bootstrap: RootScope): Promise<void> {
    await shutDownRoot(bootstrap, this.options.shutdownTimeoutMs ?? DEFAULT_SHUTDOWN_TIMEOUT_MS, this.log());
  }

  private async withLoaders(
    features: unknown[],
    loaders: FeatureLoader[],
    earlier: WiringProblem[],
    catalog: CatalogOptions,
    keepBootstrap: boolean,
  ): Promise<Prepared> {
    const timeouts = {
      initTimeoutMs: this.options.initTimeoutMs ?? DEFAULT_INIT_TIMEOUT_MS,
      shutdownTimeoutMs: this.options.shutdownTimeoutMs ?? DEFAULT_SHUTDOWN_TIMEOUT_MS,
    };
    const loaded = await runFeatureLoaders(features, loaders, catalog, {
      create: (graph) => bootstrapRoot(graph, timeouts, this.rootContext()),
      release: (scope) => this.release(scope),
      timeoutMs: catalog.timeoutMs,
    });
    const analyzed = await analyzeWiring(loaded.features, catalog, [...earlier, ...loaded.problems], loaded.origins);
    const conflicts =
      loaded.bootstrap !== undefined && loaded.bootstrapGraph !== undefined
        ? bootstrapConflicts(loaded.bootstrapGraph, loaded.bootstrap, analyzed.graph)
        : [];
    const analysis: Analysis = { graph: analyzed.graph, problems: [...analyzed.problems, ...conflicts] };
    this.#latest = analysis;
    if (loaded.bootstrap === undefined) return { analysis };
    if (keepBootstrap) return { analysis, bootstrap: loaded.bootstrap };
    await this.release(loaded.bootstrap);
    return { analysis };
  }
}
