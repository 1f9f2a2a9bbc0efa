import type { Logger } from 'pino';
import { describeThrown, isPlugboardError, PlugboardError, plugboardError, type StartupResult } from '../errors/index.js';
import type { PluginNode, WiringGraph } from '../model/types.js';
import type { AnyServiceRef } from '../tokens/service-ref.js';
import type { RootContext } from './context-refs.js';
import { logFailure } from './log-failure.js';
import { ModuleFailureReports } from './module-failures.js';
import { PluginScope } from './plugin-scope.js';
import { PluginStart, type BootFailurePolicy, type PluginStartEnv } from './plugin-start.js';
import { recordFailure, StartRecords } from './records.js';
import { RootScope, type ScopeSettings } from './root-scope.js';
import { ShutdownRunner } from './shutdown/runner.js';
import { hookStep, type ShutdownStep } from './shutdown/stack.js';
import { runStartupHooks } from './hooks.js';
import { logStarted, StartupReport } from './startup-report.js';
import { dependantsAmong, walk } from './walk.js';

const NO_PLUGINS: readonly PluginNode[] = Object.freeze([]);

export type { BootFailurePolicy } from './plugin-start.js';

/** How a runtime behaves: the builder's options and config, resolved. */
export interface RuntimeSettings {
  readonly initTimeoutMs: number | undefined;
  readonly shutdownTimeoutMs: number;
  /** Policy for a failing plugin: 'abort' fails start(), 'continue' leaves the plugin out. */
  readonly onPluginBootFailure: (pluginId: string) => BootFailurePolicy;
  /** Policy for a failing module: 'abort' fails its plugin, 'continue' leaves the module out. */
  readonly onModuleBootFailure: (pluginId: string, moduleId: string) => BootFailurePolicy;
  /** A plugin still initialising after this long is named in a warning (repeated at this interval). */
  readonly slowInitWarningMs: number;
  /**
   * Called once root services exist (config among them), to refine these settings from them.
   * Errors it throws fail start() like a failing root service.
   */
  readonly refine?: (get: (ref: AnyServiceRef) => unknown) => Partial<Omit<RuntimeSettings, 'refine'>>;
  /** Where plugboard logs its own lines until `loggerRef` is created. */
  readonly logger: Logger;
  /** The root logger ref: once created, plugboard logs through it (so a replaced logger sees everything). */
  readonly loggerRef?: AnyServiceRef;
}

/** What the root context carries besides the hook registry (filled from the builder's options). */
export type RootContextData = Omit<RootContext, 'hooks'>;

/** What `stop()` found: how many steps failed or timed out. */
export interface ShutdownReport {
  readonly failures: number;
}

/** How the app tells its runtime that stop() was called during start. */
export interface RuntimeOptions {
  readonly stopRequested: () => boolean;
  /** A root scope whose services exist already (made for feature loaders): the app's root scope takes it over. */
  readonly inherit?: RootScope;
}

/**
 * The running app: the orchestrator of start and stop. The scopes create and hand out what they
 * own (the root its services, each plugin its own); this class runs the sequence, applies the
 * boot-failure policies, runs the hooks and keeps the records. Each method reads top-down.
 */
export class Runtime {
  readonly root: RootScope;
  readonly records: StartRecords;
  readonly #graph: WiringGraph;
  readonly #options: RuntimeOptions;
  readonly #runner: ShutdownRunner;
  readonly #scopes = new Map<PluginNode, PluginScope>();
  /** Plugins in the order they finished starting. */
  readonly #started: PluginNode[] = [];
  readonly #scopeSettings: ScopeSettings;
  /** What every plugin's start is given of the app (the same for all). */
  readonly #pluginEnv: PluginStartEnv;
  #settings: RuntimeSettings;
  #logger: Logger;
  #failedUnderAbort = false;

  constructor(graph: WiringGraph, settings: RuntimeSettings, context: RootContextData, options: RuntimeOptions) {
    this.#graph = graph;
    this.#settings = settings;
    this.#options = options;
    this.#logger = settings.logger;
    this.#runner = new ShutdownRunner(
      () => this.#settings.shutdownTimeoutMs,
      () => this.#logger,
    );
    this.#scopeSettings = { initTimeoutMs: () => this.#settings.initTimeoutMs, halted: () => this.halted };
    this.records = new StartRecords(graph.plugins);
    this.root = new RootScope(graph.services, this.#scopeSettings, context, (step) => this.runLate(step), options.inherit);
    this.#pluginEnv = {
      settings: this.#scopeSettings,
      modulePolicy: (pluginId, moduleId) => this.#settings.onModuleBootFailure(pluginId, moduleId),
      records: this.records,
      log: () => this.#logger,
      atStart: graph.pluginAtStart,
      runner: this.#runner,
      root: this.root,
    };
  }

  /** The logger plugboard logs with: the installed root logger once created. */
  get log(): Logger {
    return this.#logger;
  }

  /** True once start must begin nothing new: stop() was called, or a plugin failed under 'abort'. */
  get halted(): boolean {
    return this.#failedUnderAbort || this.#options.stopRequested();
  }

  /**
   * Starts the app. On failure under 'abort' (or after stop() was called), waits for running
   * inits, shuts down everything that started, and rejects with the result attached: no user
   * code is left running.
   */
  async start(): Promise<StartupResult> {
    const startedAt = performance.now();
    // 1. Root services created at start (initialization 'always'), then settings refined from config.
    await this.guard(() => this.startRoot());

    // 2. Plugins, concurrently, each after its dependsOn: scope, always-created services, modules in order, the plugin.
    const report = new StartupReport(this.#graph.plugins, this.records, () => this.#logger, this.#settings.slowInitWarningMs);
    let failures: Map<PluginNode, unknown>;
    try {
      failures = await walk(this.#graph.plugins, {
        prerequisites: (plugin) => plugin.dependsOn,
        keepGoing: () => !this.halted,
        skipped: (plugin) => (this.records.plugin(plugin).status = 'skipped'),
        visit: (plugin) => this.startPlugin(plugin, report),
      });
    } finally {
      report.stop();
    }

    // 3. A halted start is undone: everything that started shuts down before start() rejects.
    if (this.halted) {
      await this.stop();
      throw this.withResult(this.haltCause(failures), 'failure');
    }

    // 4. Startup hooks, once every plugin is up.
    await this.guard(() => this.runStartupHooks());

    // 5. The result.
    const outcome = failures.size > 0 || this.records.anyModuleFailed() ? 'partial' : 'success';
    logStarted(this.#logger, {
      plugins: this.#graph.plugins,
      records: this.records,
      up: this.#started.length,
      failed: failures.size,
      startedAt,
    });
    return this.records.result(outcome);
  }

  /**
   * Shuts down in reverse order of initialisation: root before-shutdown hooks, then each plugin
   * (after every plugin that depends on it) from its last-started feature back, then root hooks
   * and root services. A step that throws or overruns shutdownTimeoutMs is logged; the rest run.
   */
  async stop(): Promise<ShutdownReport> {
    let failures = 0;
    // 1. Before-shutdown hooks: the app stops taking work before anything shuts down.
    for (const hook of this.root.hooks.takeBeforeShutdownHooks())
      failures += await this.#runner.run(hookStep(hook.fn, hook.owner, 'before-shutdown hook'));

    // 2. Plugins, dependants first, each from its last-started feature back.
    const running = this.#graph.plugins.filter((plugin) => this.#scopes.has(plugin));
    const dependants = dependantsAmong(running, (plugin) => plugin.dependsOn);
    await walk(running, {
      prerequisites: (plugin) => dependants?.get(plugin) ?? NO_PLUGINS,
      runAfterFailedPrerequisite: true,
      visit: (plugin) => {
        const failed = this.stopPlugin(plugin);
        if (typeof failed === 'number') failures += failed;
        else return failed.then((count) => void (failures += count));
      },
    });

    // 3. The root: its shutdown hooks and services, last created first.
    failures += await this.#runner.unwind(this.root.stack);
    this.root.release();
    return { failures };
  }

  /** A root-scoped service (created at start, or now if it is lazy). */
  get(ref: AnyServiceRef): unknown {
    return this.root.get(ref);
  }

  // ---- start, step by step ----

  private async startRoot(): Promise<void> {
    await this.root.ensure(this.#graph.rootAtStart);
    const refine = this.#settings.refine;
    const read = (ref: AnyServiceRef): unknown => {
      const node = this.#graph.services.get(ref.id);
      return node === undefined || this.root.cell(node)?.state !== 'done' ? undefined : this.root.value(node);
    };
    if (refine !== undefined) this.#settings = { ...this.#settings, ...refine(read) };
    const logger = this.#settings.loggerRef === undefined ? undefined : read(this.#settings.loggerRef);
    if (logger !== undefined) this.#logger = logger as Logger;
  }

  private startPlugin(plugin: PluginNode, report: StartupReport): unknown {
    const up = (): void => {
      this.#started.push(plugin);
      report.pluginUp(plugin);
    };
    let started: unknown;
    try {
      // Making the scope asks the module policy (is a point's use recorded?): its errors are the plugin's too.
      const reports = new ModuleFailureReports(plugin);
      const scope = new PluginScope(plugin, this.root, {
        settings: this.#scopeSettings,
        reports,
        recordCalls: (ep) => ep.users.some((moduleId) => this.#settings.onModuleBootFailure(plugin.id, moduleId) === 'continue'),
        onLateStep: (step) => this.runLate(step),
      });
      this.#scopes.set(plugin, scope);
      started = new PluginStart(plugin, scope, reports, this.#pluginEnv).run();
    } catch (error) {
      return this.pluginFailed(plugin, error);
    }
    if (!(started instanceof Promise)) return up();
    return started.then(up, (error: unknown) => this.pluginFailed(plugin, error));
  }

  /** Records a failed plugin; under 'continue' shuts down what it started now. Rejects with the error. */
  private async pluginFailed(plugin: PluginNode, error: unknown): Promise<never> {
    recordFailure(this.records.plugin(plugin), error);
    // Cut short by a halt, it did not fail on its own: stop() will shut it down.
    if (isPlugboardError(error, 'START_ABORTED')) throw error;
    if (this.#settings.onPluginBootFailure(plugin.id) === 'abort') {
      this.#failedUnderAbort = true;
      throw error;
    }
    await this.stopPlugin(plugin);
    logFailure(
      this.#logger,
      'error',
      { plugin: plugin.id },
      error,
      `plugin '${plugin.id}' failed to start and was left out (onPluginBootFailure: 'continue'): ${describeThrown(error)}`,
    );
    throw error;
  }

  private stopPlugin(plugin: PluginNode): number | Promise<number> {
    const scope = this.#scopes.get(plugin);
    if (scope === undefined) return 0;
    this.#scopes.delete(plugin);
    const failed = this.#runner.unwind(scope.stack);
    if (typeof failed === 'number') return this.stopped(plugin, scope, failed);
    return failed.then((count) => this.stopped(plugin, scope, count));
  }

  /** Once a plugin's steps ran: it reads `stopped`, and its scope lets go of what it made. */
  private stopped(plugin: PluginNode, scope: PluginScope, failed: number): number {
    this.records.markStopped(plugin);
    scope.release();
    return failed;
  }

  private async runStartupHooks(): Promise<void> {
    const hooks = this.#started.flatMap((plugin) => this.#scopes.get(plugin)?.hooks.takeStartupHooks() ?? []);
    await runStartupHooks([...hooks, ...this.root.hooks.takeStartupHooks()], this.#settings.initTimeoutMs);
  }

  /** Runs a start step; on failure shuts down everything that started and rethrows with the result. */
  private async guard(step: () => Promise<void>): Promise<void> {
    try {
      await step();
    } catch (error) {
      await this.stop();
      throw this.withResult(error, 'failure');
    }
  }

  /** Why a halted start failed: the first real failure, not a plugin only cut short by the halt. */
  private haltCause(failures: ReadonlyMap<PluginNode, unknown>): unknown {
    if (!this.#failedUnderAbort) return plugboardError('START_ABORTED', { reason: 'stopped' });
    for (const error of failures.values()) if (!isPlugboardError(error, 'START_ABORTED')) return error;
    return plugboardError('START_ABORTED', { reason: 'halted' });
  }

  /** The error start() rejects with, carrying the start result. */
  private withResult(error: unknown, outcome: StartupResult['outcome']): unknown {
    const result = this.records.result(outcome);
    if (error instanceof PlugboardError && error.result === undefined)
      Object.defineProperty(error, 'result', { value: result, enumerable: true });
    return error;
  }

  /** A shutdown step that arrived after its scope was shut down (a creation that finished late): run it now. */
  private runLate(step: ShutdownStep): void {
    void Promise.resolve(this.#runner.run(step));
  }
}
