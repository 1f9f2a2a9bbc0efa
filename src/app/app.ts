import type { Logger } from 'pino';
import { implementationLabel, plugboardError, type WiringProblem } from '../errors/index.js';
import { describeGraph, type AppDescription } from '../model/describe.js';
import type { WiringGraph } from '../model/types.js';
import type { InstalledPlugin } from '../runtime/context-refs.js';
import type { StartupResult } from '../errors/index.js';
import { logFailure } from '../runtime/log-failure.js';
import { StartRecords } from '../runtime/records.js';
import type { RootScope } from '../runtime/root-scope.js';
import { Runtime, type RootContextData } from '../runtime/runtime.js';
import { createRootLogger, isLogger } from '../services/logger.js';
import { isServiceRef, type ServiceInstance, type ServiceMultiplicity, type ServiceRef, type ServiceScope } from '../tokens/service-ref.js';
import type { AppState } from './app-state.js';
import type { FeatureSource } from './feature-source.js';
import type { ContainerBuilderOptions, StartOptions } from './options.js';
import { runtimeSettings } from './settings.js';
import { handleSignals } from './signals.js';
import { WiringAnalysis } from './wiring-analysis.js';

/**
 * A built app: call `start()`, then `stop()`. Created by `ContainerBuilder.build()`.
 * States: `built → starting → started → stopping → stopped`, or `failed`. Every public method
 * checks the state here; `stop()` during `start()` is the state `stopping` while starting, and
 * nothing else.
 */
export class App {
  #state: AppState = 'built';
  readonly #source: FeatureSource;
  readonly #options: ContainerBuilderOptions;
  readonly #wiring: WiringAnalysis;
  #runtime?: Runtime;
  #starting?: Promise<StartupResult>;
  #stopping?: Promise<void>;
  #unregisterSignals?: () => void;
  #shutdownFailures = 0;
  #baseLogger?: Logger;
  /** The started graph's plugins and modules for instanceMetadata; built on first request. */
  #installedGraph?: WiringGraph;
  #installed?: readonly InstalledPlugin[];
  #rootContext?: RootContextData;

  /** @internal Use `ContainerBuilder.build()`. */
  constructor(source: FeatureSource, options: ContainerBuilderOptions) {
    this.#source = source;
    this.#options = options;
    this.#wiring = new WiringAnalysis(
      source,
      options,
      () => this.rootContext(),
      () => this.log,
    );
  }

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
    const { analysis } = await this.#wiring.analyze(false);
    return [...analysis.problems];
  }

  /**
   * Validates, then starts: root services, plugins concurrently (each after its modules), then
   * startup hooks. Resolves with the {@link StartupResult} when every plugin is up (or was left
   * out under 'continue'). Rejects with `INVALID_WIRING` (nothing ran), `INIT_FAILED`,
   * `INIT_TIMEOUT`, a config error (everything that started was shut down first; the error's
   * `result` says what happened to each plugin), `START_ABORTED` (stop() was called meanwhile),
   * or `INVALID_STATE` (called twice). With `{ handleSignals: true }`, SIGTERM/SIGINT stop the app
   * and exit the process.
   */
  start(options: StartOptions = {}): Promise<StartupResult> {
    if (this.#state !== 'built') return Promise.reject(plugboardError('INVALID_STATE', { reason: 'start-twice', state: this.#state }));
    this.#state = 'starting';
    if (options.handleSignals === true) {
      this.#unregisterSignals = handleSignals({
        stop: () => this.stop().then(() => this.#shutdownFailures === 0),
        onError: (error) => logFailure(this.log, 'error', {}, error, 'stopping on a signal failed'),
      });
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
        this.#state = 'stopping';
        this.#stopping = this.#starting!.then(
          () => this.stopRunning(),
          () => this.finish(),
        );
        return this.#stopping;
      case 'started':
        this.#state = 'stopping';
        this.#stopping = this.stopRunning();
        return this.#stopping;
      case 'stopping':
        return this.#stopping!;
      default:
        this.unregisterSignals();
        return this.#stopping ?? Promise.resolve();
    }
  }

  /**
   * A root-scoped service (for a multiton ref, the array of all its implementations). Lazy root
   * services are created on first `get()` when that can be done synchronously.
   *
   * @throws PlugboardError `INVALID_STATE` before start or after stop, `SCOPE_VIOLATION` for a
   * plugin-scoped ref, `SERVICE_NOT_FOUND` for a ref that is not part of the app.
   */
  get<T, TMultiplicity extends ServiceMultiplicity>(
    ref: ServiceRef<T, ServiceScope, TMultiplicity>,
  ): ServiceInstance<ServiceRef<T, ServiceScope, TMultiplicity>> {
    if (this.#state !== 'started') {
      throw plugboardError('INVALID_STATE', { reason: 'get-not-started', state: this.#state, refId: isServiceRef(ref) ? ref.id : ref });
    }
    if (!isServiceRef(ref)) {
      throw plugboardError('INVALID_OPTIONS', {
        reason: 'type',
        what: 'app.get()',
        name: 'ref',
        expected: 'a service ref created with createServiceRef()',
        value: ref,
      });
    }
    return this.#runtime!.get(ref) as ServiceInstance<ServiceRef<T, ServiceScope, TMultiplicity>>;
  }

  /**
   * The wiring graph as plain data: plugins with their modules and status, extension points
   * (provider and users), services (scope, implementations, dependants), and init order. Before
   * start it needs the features loaded: when add() was given promises, await validate() first.
   */
  describe(): AppDescription {
    const analysis = this.#source.isSync ? this.#wiring.analyzeNow() : this.#wiring.latest;
    if (analysis === undefined) throw plugboardError('INVALID_STATE', { reason: 'describe-before-load' });
    const records = this.#runtime?.records;
    return describeGraph(analysis.graph, this.#state, analysis.problems, (node) => records?.lookup(node));
  }

  /** @internal The logger plugboard logs with: the installed root logger once started, else the builder's. */
  get log(): Logger {
    if (this.#runtime !== undefined) return this.#runtime.log;
    this.#baseLogger ??= createRootLogger(this.#options.logger);
    return this.#baseLogger;
  }

  private async runStart(): Promise<StartupResult> {
    let bootstrap: RootScope | undefined;
    try {
      const prepared = await this.#wiring.analyze(true);
      bootstrap = prepared.bootstrap;
      const { graph, problems } = prepared.analysis;
      if (problems.length > 0) {
        // A copy of its own: what a caller does to the error's list changes nothing for validate().
        const copy = Object.freeze([...problems]);
        throw plugboardError(
          'INVALID_WIRING',
          { problems: copy },
          { problems: copy, result: new StartRecords(graph.plugins).result('failure') },
        );
      }
      if (this.#state === 'stopping') throw plugboardError('START_ABORTED', { reason: 'before-start' });
      this.#installedGraph = graph;
      this.#runtime = new Runtime(graph, runtimeSettings(this.#options, this.log), this.rootContext(), {
        stopRequested: () => this.#state === 'stopping',
        ...(bootstrap === undefined ? {} : { inherit: bootstrap }),
      });
      bootstrap = undefined; // the app's runtime owns it now
      this.logWiringNotes(graph);
      const result = await this.#runtime.start();
      if (this.#state === 'starting') this.#state = 'started';
      return result;
    } catch (error) {
      if (bootstrap !== undefined) await this.#wiring.release(bootstrap);
      if (this.#state === 'starting') this.#state = 'failed';
      this.unregisterSignals();
      throw error;
    }
  }

  private logWiringNotes(graph: WiringGraph): void {
    if (graph.skippedModules.length > 0) {
      const names = graph.skippedModules.map((m) => `${m.pluginId}/${m.moduleId}`);
      this.log.info({ modules: names }, `left out ${names.length} discovered module(s) whose plugin is not installed: ${names.join(', ')}`);
    }
    for (const node of graph.services.values()) {
      for (const { implementation, loader } of node.replaced) {
        this.log.debug(
          { service: node.id, loader },
          `service '${node.id}': the implementation added with add() replaces ${implementationLabel(implementation)} from feature loader '${loader}'`,
        );
      }
    }
  }

  private async stopRunning(): Promise<void> {
    this.#state = 'stopping';
    try {
      const report = await this.#runtime!.stop();
      this.#shutdownFailures += report.failures;
    } finally {
      this.finish();
    }
  }

  private finish(): void {
    this.#state = 'stopped';
    this.unregisterSignals();
  }

  private unregisterSignals(): void {
    this.#unregisterSignals?.();
    this.#unregisterSignals = undefined;
  }

  private rootContext(): RootContextData {
    this.#rootContext ??= {
      baseLogger: this.log,
      ownsBaseLogger: !isLogger(this.#options.logger),
      configData: this.#options.config ?? {},
      configFiles: this.#options.configFiles,
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
}

const NOTHING_INSTALLED: readonly InstalledPlugin[] = Object.freeze([]);
