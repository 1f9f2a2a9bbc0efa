import type { Logger } from 'pino';
import { PlugboardError, type WiringProblem } from '../errors.js';
import { analyzeWiring, type Analysis } from '../model/analyze.js';
import { describeGraph, type AppDescription, type FeatureRecord } from '../model/describe.js';
import type { WiringGraph } from '../model/types.js';
import { runtimeRefs, type InstalledPlugin } from '../runtime/context-refs.js';
import { Runtime, type RootContextData } from '../runtime/runtime.js';
import { coreRootRefs } from '../services/core-services.js';
import { createRootLogger, isLogger } from '../services/logger.js';
import { isFeatureLoader, type FeatureLoader } from '../tokens/feature-loader.js';
import type { ServiceRef } from '../tokens/service-ref.js';
import { isThenable } from '../tokens/types.js';
import { assertState, type AppState } from './app-state.js';
import { bootstrapConflicts, runFeatureLoaders } from './feature-loading.js';
import type { FeatureSource } from './feature-source.js';
import type { ContainerBuilderOptions, StartOptions } from './options.js';
import { runtimeSettings } from './settings.js';
import { installSignalHandlers } from './signals.js';

const catalogOptions = { builtins: [runtimeRefs.pluginContext, runtimeRefs.rootContext], seeds: coreRootRefs };

/** Features loaded and analysed; `bootstrap` holds root services feature loaders used. */
interface Prepared {
  readonly analysis: Analysis;
  readonly bootstrap?: Runtime;
}

/**
 * A built app: call `start()`, then `stop()`. Created by `ContainerBuilder.build()`.
 * States: `built → starting → started → stopping → stopped`, or `failed`.
 */
export class App {
  #state: AppState = 'built';
  #analysis?: Analysis | Promise<Analysis>;
  #runtime?: Runtime;
  #starting?: Promise<void>;
  #stopping?: Promise<void>;
  #haltRequested = false;
  #removeSignalHandlers?: () => void;
  #shutdownFailures = 0;
  #baseLogger?: Logger;
  #hasLoaders = false;
  /** The started graph's plugins and modules for instanceMetadata; built on first request. */
  #installedGraph?: WiringGraph;
  #installed?: readonly InstalledPlugin[];
  #rootContext?: RootContextData;

  /** @internal Use `ContainerBuilder.build()`. */
  constructor(
    private readonly source: FeatureSource,
    private readonly options: ContainerBuilderOptions,
  ) {}

  /** Where the app is in its life: `built`, `starting`, `started`, `stopping`, `stopped` or `failed`. */
  get state(): AppState {
    return this.#state;
  }

  /**
   * Validates the whole wiring and returns every problem (an empty array when the wiring is
   * sound). Constructs nothing and runs no plugin, module or service code; the only exceptions
   * are feature loaders (they decide what the wiring is) and the root services they depend on,
   * which are shut down again before this resolves.
   */
  async validate(): Promise<WiringProblem[]> {
    const analysis = await this.analyze();
    return [...analysis.problems];
  }

  /**
   * Validates, then starts: root services, plugins concurrently (each after its modules), then
   * startup hooks. Resolves when every plugin is up. Rejects with `INVALID_WIRING` (nothing ran),
   * `INIT_FAILED`, `INIT_TIMEOUT` or `CONFIG_INVALID` (everything that started was shut down
   * first), `START_ABORTED` (stop() was called meanwhile), or `INVALID_STATE` (called twice).
   * With `{ handleSignals: true }`, SIGTERM/SIGINT stop the app and exit the process.
   */
  start(options: StartOptions = {}): Promise<void> {
    try {
      assertState(this.#state, ['built'], 'start()', 'an app starts once; build a new one with builder.build().');
    } catch (error) {
      return Promise.reject(error);
    }
    this.#state = 'starting';
    if (options.handleSignals) {
      this.#removeSignalHandlers = installSignalHandlers(
        () => this.stop().then(() => this.#shutdownFailures === 0),
        (error) => this.log.error({ err: error }, 'stopping on a signal failed'),
      );
    }
    const starting = this.runStart();
    this.#starting = starting;
    // Only stop() during start needs it; dropping it after lets a failed app release what failed.
    const forget = (): void => {
      if (this.#starting === starting) this.#starting = undefined;
    };
    starting.then(forget, forget);
    return starting;
  }

  /**
   * Shuts down in reverse order of initialisation. Safe to call twice, before start, or while
   * start() is running (start then rejects with `START_ABORTED` after undoing what it did).
   */
  stop(): Promise<void> {
    switch (this.#state) {
      case 'built':
        this.#state = 'stopped';
        return Promise.resolve();
      case 'starting':
        this.#haltRequested = true;
        this.#runtime?.halt();
        this.#stopping ??= this.#starting!.then(
          () => this.stopRunning(),
          () => {
            this.#state = 'stopped';
            this.removeSignalHandlers();
          },
        );
        return this.#stopping;
      case 'started':
        this.#stopping = this.stopRunning();
        return this.#stopping;
      case 'stopping':
        return this.#stopping!;
      default:
        this.removeSignalHandlers();
        return this.#stopping ?? Promise.resolve();
    }
  }

  /** A root-scoped service created at start. Throws `INVALID_STATE` before start. */
  get<T>(ref: ServiceRef<T>): T {
    assertState(
      this.#state,
      ['started'],
      `app.get('${ref?.id}')`,
      'root services exist between start() and stop(); await app.start() first.',
    );
    return this.#runtime!.get(ref);
  }

  /**
   * The wiring graph as plain data: plugins with their modules and status, extension points
   * (provider and users), services (scope, implementation, dependants), and init order. Before
   * start it needs the features loaded: when add() was given promises, await validate() first.
   */
  describe(): AppDescription {
    const analysis = this.#analysis ?? (this.source.isSync ? this.analyze() : undefined);
    if (analysis === undefined || isThenable(analysis)) {
      throw new PlugboardError(
        'INVALID_STATE',
        'describe() needs the features loaded, and add() was given promises (or a defaultFactory is async): await app.validate() or app.start() first.',
      );
    }
    const runtime = this.#runtime;
    const lookup = (pluginId: string, moduleId?: string): FeatureRecord | undefined => {
      const plugin = runtime?.pluginRuntime(pluginId);
      if (plugin === undefined) return undefined;
      return moduleId === undefined ? plugin.record : plugin.moduleRecord(moduleId);
    };
    return describeGraph(analysis.graph, this.#state, analysis.problems, lookup);
  }

  /** Loads features (running feature loaders if any) and analyses the wiring. Sync when it can be. */
  private prepare(): Prepared | Promise<Prepared> {
    const loaded = this.source.load();
    const next = ({ features, problems }: { features: unknown[]; problems: WiringProblem[] }): Prepared | Promise<Prepared> => {
      const loaders = features.filter(isFeatureLoader);
      if (loaders.length === 0) {
        const analysis = analyzeWiring(features, catalogOptions, problems);
        return isThenable(analysis) ? Promise.resolve(analysis).then((done) => ({ analysis: done })) : { analysis };
      }
      this.#hasLoaders = true;
      return this.prepareWithLoaders(
        features.filter((f) => !isFeatureLoader(f)),
        loaders,
        problems,
      );
    };
    return isThenable(loaded) ? Promise.resolve(loaded).then(next) : next(loaded);
  }

  private async prepareWithLoaders(features: unknown[], loaders: FeatureLoader[], earlier: WiringProblem[]): Promise<Prepared> {
    const settings = runtimeSettings(this.options, this.log);
    const loaded = await runFeatureLoaders(features, loaders, catalogOptions, (graph) => new Runtime(graph, settings, this.rootContext()));
    const analyzed = await analyzeWiring(loaded.features, catalogOptions, [...earlier, ...loaded.problems], loaded.skippable);
    const conflicts =
      loaded.bootstrap !== undefined && loaded.bootstrapGraph !== undefined
        ? bootstrapConflicts(loaded.bootstrapGraph, loaded.bootstrap, analyzed.graph)
        : [];
    const analysis: Analysis = { graph: analyzed.graph, problems: [...analyzed.problems, ...conflicts] };
    return loaded.bootstrap === undefined ? { analysis } : { analysis, bootstrap: loaded.bootstrap };
  }

  /** The analysis for validate() and describe(): cached, with any loader runtime stopped. */
  private analyze(): Analysis | Promise<Analysis> {
    if (this.#analysis !== undefined) return this.#analysis;
    const prepared = this.prepare();
    if (!isThenable(prepared)) return (this.#analysis = prepared.analysis);
    const analysis = Promise.resolve(prepared).then(async ({ analysis: done, bootstrap }) => {
      if (bootstrap !== undefined) await bootstrap.stop();
      return done;
    });
    this.#analysis = analysis;
    void analysis.then(
      (done) => (this.#analysis = done),
      () => (this.#analysis = undefined),
    );
    return analysis;
  }

  private rootContext(): RootContextData {
    this.#rootContext ??= {
      baseLogger: this.log,
      ownsBaseLogger: !isLogger(this.options.logger),
      configData: this.options.config ?? {},
      configFiles: this.options.configFiles,
      installedPlugins: () => this.installedPlugins(),
    };
    return this.#rootContext;
  }

  // Deep-frozen, and only built when asked for: most apps never read it, and it has an object per module.
  private installedPlugins(): readonly InstalledPlugin[] {
    const graph = this.#installedGraph;
    if (graph === undefined) return NOTHING_INSTALLED;
    this.#installed ??= Object.freeze(
      graph.plugins.map((plugin) =>
        Object.freeze({ pluginId: plugin.id, modules: Object.freeze(plugin.modules.map((m) => Object.freeze({ moduleId: m.id }))) }),
      ),
    );
    return this.#installed;
  }

  private async runStart(): Promise<void> {
    let bootstrap: Runtime | undefined;
    try {
      // Loaders run again at start: the services they used must stay up for the app.
      const prepared = this.#hasLoaders || this.#analysis === undefined ? await this.prepare() : { analysis: await this.analyze() };
      bootstrap = prepared.bootstrap;
      const { graph, problems } = prepared.analysis;
      this.#analysis = prepared.analysis;
      if (problems.length > 0) throw wiringError(problems);
      if (this.#haltRequested) throw new PlugboardError('START_ABORTED', 'stop() was called before the app started; nothing ran.');
      this.#installedGraph = graph;
      this.#runtime = new Runtime(graph, runtimeSettings(this.options, this.log), this.rootContext(), bootstrap);
      bootstrap = undefined; // the app's runtime owns it now
      if (graph.skippedModules.length > 0) {
        const names = graph.skippedModules.map((m) => `${m.pluginId}/${m.moduleId}`);
        this.log.info(
          { modules: names },
          `left out ${names.length} discovered module(s) whose plugin is not installed: ${names.join(', ')}`,
        );
      }
      await this.#runtime.start();
      this.#state = 'started';
    } catch (error) {
      if (bootstrap !== undefined) await bootstrap.stop();
      this.#state = 'failed';
      this.removeSignalHandlers();
      throw error;
    }
  }

  private async stopRunning(): Promise<void> {
    this.#state = 'stopping';
    try {
      const report = await this.#runtime!.stop();
      this.#shutdownFailures += report.failures;
    } finally {
      this.#state = 'stopped';
      this.removeSignalHandlers();
    }
  }

  private removeSignalHandlers(): void {
    this.#removeSignalHandlers?.();
    this.#removeSignalHandlers = undefined;
  }

  /** @internal The logger plugboard logs with: the installed root logger once started, else the builder's. */
  get log(): Logger {
    if (this.#runtime !== undefined) return this.#runtime.log;
    this.#baseLogger ??= createRootLogger(this.options.logger);
    return this.#baseLogger;
  }
}

const NOTHING_INSTALLED: readonly InstalledPlugin[] = Object.freeze([]);

function wiringError(problems: readonly WiringProblem[]): PlugboardError {
  const lines = problems.map((problem, index) => `  ${index + 1}. [${problem.code}] ${problem.message}`);
  return new PlugboardError(
    'INVALID_WIRING',
    `The app's wiring has ${problems.length} problem${problems.length === 1 ? '' : 's'}; nothing was started:\n${lines.join('\n')}`,
    { problems },
  );
}
