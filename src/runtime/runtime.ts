import { Container } from 'inversify';
import type { Logger } from 'pino';
import { PlugboardError, describeThrown, isPlugboardError } from '../errors.js';
import type { ClassNode, Dependency, ModuleNode, WiringGraph } from '../model/types.js';
import { dependantViewOf, type DependantViewContext, type ServiceRef } from '../tokens/service-ref.js';
import { runtimeRefs, type RootContext } from './context-refs.js';
import { unwrapCreation } from './creation-failure.js';
import { Creator } from './creator.js';
import { ShutdownRunner } from './shutdown-runner.js';
import { StartupReport, timings } from './startup-report.js';
import { containerFailure, initFailure, initTimeout } from './failures.js';
import { HookRegistry, type StartupHook } from './hook-registry.js';
import { PluginRuntime, type PluginHost } from './plugin-runtime.js';
import type { Scope } from './scope.js';
import { ShutdownStack } from './shutdown-stack.js';
import { withTimeout } from './timeouts.js';
import { after, isThenable, walk } from './walk.js';

/** What to do when a plugin or module fails to start. */
export type BootFailurePolicy = 'abort' | 'continue';

/** How a runtime behaves: the builder's options and config, resolved. */
export interface RuntimeSettings {
  readonly initTimeoutMs: number | undefined;
  readonly shutdownTimeoutMs: number;
  /** Policy for a failing plugin: 'abort' fails start(), 'continue' leaves the plugin out. */
  readonly onPluginBootFailure: (pluginId: string) => BootFailurePolicy;
  /** Policy for a failing module of a plugin: 'abort' fails the plugin, 'continue' leaves the module out. */
  readonly onModuleBootFailure: (pluginId: string) => BootFailurePolicy;
  /** A plugin still initialising after this long is named in a warning (repeated at this interval). */
  readonly slowInitWarningMs: number;
  /**
   * Called once root services exist (config among them), to refine these settings from them.
   * Errors it throws fail start() like a failing root service.
   */
  readonly refine?: (get: <T>(ref: ServiceRef<T>) => T | undefined) => Partial<Omit<RuntimeSettings, 'refine'>>;
  /** Where plugboard logs its own lines until `loggerRef` is created. */
  readonly logger: Logger;
  /** The root logger ref: once created, plugboard logs through it (so a replaced logger sees everything). */
  readonly loggerRef?: ServiceRef<Logger>;
}

/** What the root context carries besides the hook registry (filled from the builder's options). */
export type RootContextData = Omit<RootContext, 'hooks'>;

/** What `stop()` found: how many steps failed or timed out. */
export interface ShutdownReport {
  readonly failures: number;
}

/**
 * The running app: a root container, one child per plugin, and the order in which everything
 * starts and stops. `start()` reads like the start sequence; the graph walk does the ordering.
 */
export class Runtime implements PluginHost, Scope {
  container: Container;
  readonly stack: ShutdownStack;
  readonly hooks: HookRegistry;
  readonly plugins: PluginRuntime[];
  private readonly pluginsById = new Map<string, PluginRuntime>();
  private readonly rootInstances: Map<string, unknown>;
  /** Plugins in the order they finished starting; stop goes the other way. */
  private readonly startedOrder: PluginRuntime[] = [];
  private haltRequested = false;
  private onPluginUp: ((plugin: PluginRuntime) => void) | undefined;
  private logger: Logger;
  private failedUnderAbort = false;

  private settings: RuntimeSettings;
  private readonly creator = new Creator(this);
  private readonly shutdown = new ShutdownRunner(
    () => this.settings.shutdownTimeoutMs,
    () => this.logger,
  );

  /**
   * @param inherit A runtime whose root services already exist (created for feature loaders):
   * its root container, instances and shutdown steps become this runtime's.
   */
  constructor(
    private readonly graph: WiringGraph,
    settings: RuntimeSettings,
    rootContext: RootContextData,
    inherit?: Runtime,
  ) {
    this.settings = settings;
    this.logger = inherit?.logger ?? settings.logger;
    this.plugins = graph.plugins.map((node) => new PluginRuntime(node, this));
    for (const plugin of this.plugins) this.pluginsById.set(plugin.pluginId, plugin);
    if (inherit !== undefined) {
      this.container = inherit.container;
      this.stack = inherit.stack;
      this.hooks = inherit.hooks;
      this.rootInstances = inherit.rootInstances;
      return;
    }
    this.container = new Container();
    this.stack = new ShutdownStack();
    this.hooks = new HookRegistry('the app (root)', this.stack);
    this.rootInstances = new Map();
    const context: RootContext = { ...rootContext, hooks: this.hooks };
    this.container.bind(runtimeRefs.rootContext.key).toConstantValue(context);
  }

  /** Ids of root services that exist already. */
  get createdRootServices(): ReadonlySet<string> {
    return new Set(this.rootInstances.keys());
  }

  get root(): Container {
    return this.container;
  }

  get initTimeoutMs(): number | undefined {
    return this.settings.initTimeoutMs;
  }

  /** The logger plugboard logs with: the installed root logger once created. */
  get log(): Logger {
    return this.logger;
  }

  get halted(): boolean {
    return this.haltRequested || this.failedUnderAbort;
  }

  /** Asks a running start() to begin nothing new; it then shuts down what started and rejects. */
  halt(): void {
    this.haltRequested = true;
  }

  /**
   * Creates root services, starts plugins concurrently (respecting dependsOn), then runs startup
   * hooks. On failure under 'abort' (or after halt()), waits for running inits, shuts down
   * everything that started, and rejects: no user code is left running.
   */
  async start(): Promise<void> {
    const startedAt = performance.now();
    await this.startRoot();
    const logger = this.logger;

    const report = new StartupReport(this.plugins, () => this.logger, this.settings.slowInitWarningMs);
    this.onPluginUp = (plugin) => report.pluginUp(plugin);
    let failures: Map<PluginRuntime, unknown>;
    try {
      failures = await this.startPlugins();
    } finally {
      report.stop();
      this.onPluginUp = undefined;
    }
    if (this.halted) {
      await this.stop();
      // The real cause, not a plugin that was only cut short by the halt.
      const first = [...failures.values()].find((error) => !isPlugboardError(error, 'START_ABORTED'));
      if (this.haltRequested && !this.failedUnderAbort) {
        throw new PlugboardError(
          'START_ABORTED',
          'stop() was called while the app was starting; everything that had started was shut down.',
        );
      }
      const cause: unknown = first ?? new PlugboardError('START_ABORTED', 'start() was halted.');
      throw cause;
    }
    for (const [plugin, error] of failures) {
      logger.error(
        { err: error, plugin: plugin.pluginId },
        `plugin '${plugin.pluginId}' failed to start and was left out (onPluginBootFailure: 'continue'): ${describeThrown(error)}`,
      );
    }

    try {
      await this.runStartupHooks();
    } catch (error) {
      await this.stop();
      throw error;
    }
    // The timings object has an entry per feature: only built when the line will be written.
    if (logger.isLevelEnabled('info')) {
      const up = this.plugins.filter((p) => p.record.status === 'started').length;
      logger.info(
        { plugins: up, failed: failures.size, ms: Math.round(performance.now() - startedAt), timings: timings(this.plugins) },
        `plugboard started ${up}/${this.plugins.length} plugins`,
      );
    }
  }

  /**
   * Shuts down in reverse order of initialisation: root before-shutdown hooks, then each plugin
   * (after every plugin that depends on it) from its last-started feature back, then root hooks
   * and root services. A step that throws or overruns shutdownTimeoutMs is logged; the rest run.
   */
  async stop(): Promise<ShutdownReport> {
    let failures = 0;
    const before = this.hooks.beforeShutdownHooks.splice(0);
    for (const hook of before) failures += await this.shutdown.run({ hook: hook.fn, hookKind: 'before-shutdown hook', ...owner(hook) });

    const dependants = new Map<PluginRuntime, PluginRuntime[]>();
    for (const plugin of this.plugins) {
      for (const id of plugin.node.dependsOn) {
        const dependency = this.pluginsById.get(id);
        if (dependency === undefined) continue;
        const list = dependants.get(dependency) ?? [];
        list.push(plugin);
        dependants.set(dependency, list);
      }
    }
    await walk(this.plugins, {
      prerequisites: (plugin) => dependants.get(plugin) ?? [],
      runAfterFailedPrerequisite: true,
      visit: (plugin) =>
        after(this.shutdown.unwind(plugin.stack), (failed) => {
          failures += failed;
          if (plugin.record.status === 'started') plugin.record.status = 'stopped';
          plugin.release();
        }),
    });
    failures += await this.shutdown.unwind(this.stack);
    this.container = undefined as unknown as Container;
    this.rootInstances.clear();
    return { failures };
  }

  /** A root-scoped service created at start. */
  get<T>(ref: ServiceRef<T>): T {
    if (ref.scope !== 'root') {
      throw new PlugboardError(
        'SCOPE_VIOLATION',
        `app.get() returns root-scoped services, but '${ref.id}' is plugin-scoped (one instance per plugin). ` +
          `Inject it into a plugin or module instead.`,
        { refId: ref.id },
      );
    }
    if (!this.rootInstances.has(ref.id)) {
      throw new PlugboardError(
        'SERVICE_NOT_FOUND',
        `Service '${ref.id}' is not part of this app: nothing installed it and nothing depends on it. Install it with add().`,
        { refId: ref.id },
      );
    }
    return this.rootInstances.get(ref.id) as T;
  }

  /** Per plugin: status, timings, and module records, for describe(). */
  pluginRuntime(id: string): PluginRuntime | undefined {
    return this.pluginsById.get(id);
  }

  // ---- PluginHost: how any scope resolves a dependency ----

  resolve(dep: Dependency, scope: Scope, module: ModuleNode | undefined, plugin: PluginRuntime | undefined): unknown {
    switch (dep.kind) {
      case 'absent':
        return undefined;
      case 'extensionPoint':
        return plugin?.extensionPointView(dep.extensionPoint.id, module?.id);
      case 'service': {
        const ref = dep.ref;
        // Root services are always resolved from the root, never through a child: no capture.
        const container = ref.scope === 'root' ? this.container : scope.container;
        // Anything of a plugin may get its own form of a service (the logger naming the module).
        const view = plugin === undefined ? undefined : dependantViewOf(ref);
        // Instances created at start are handed out directly; the container is asked otherwise.
        const known = ref.scope === 'root' ? this.rootInstances : undefined;
        const value =
          known?.has(ref.id) === true
            ? known.get(ref.id)
            : plugin !== undefined && ref.scope === 'plugin' && plugin.instance(ref.id) !== undefined
              ? plugin.instance(ref.id)
              : this.fromContainerFast(container, ref.key, scope);
        if (view === undefined) return value;
        const context: DependantViewContext =
          module === undefined ? { pluginId: plugin!.pluginId } : { pluginId: module.pluginId, moduleId: module.id };
        return isThenable(value) ? Promise.resolve(value).then((v) => view(v, context)) : view(value, context);
      }
      case 'class': {
        const container = dep.node.scope === 'root' ? this.container : scope.container;
        const known = dep.node.scope === 'plugin' ? plugin?.instance(dep.node.cls) : undefined;
        if (known !== undefined) return known;
        return this.fromContainerFast(container, dep.node.cls, scope);
      }
    }
  }

  /** Resolves a service's or class's dependency (no module context). */
  resolveFor(dep: Dependency, scope: Scope): unknown {
    return this.resolve(dep, scope, undefined, scope instanceof PluginRuntime ? scope : undefined);
  }

  bindService(container: Container, id: string, scope: Scope): void {
    const node = this.graph.services.get(id)!;
    if (node.implementation.kind === 'builtin') return;
    container
      .bind(node.ref.key)
      .toDynamicValue(() => this.creator.service(node, scope))
      .inSingletonScope();
  }

  serviceRef(id: string): ServiceRef<unknown> | undefined {
    const node = this.graph.services.get(id);
    return node === undefined || node.implementation.kind === 'builtin' ? undefined : node.ref;
  }

  bindClass(container: Container, node: ClassNode, scope: Scope): void {
    container
      .bind<unknown>(node.cls)
      .toDynamicValue(() => this.creator.class(node, scope))
      .inSingletonScope();
  }

  // ---- start, step by step ----

  /**
   * Binds and creates the root services (the ones not inherited), then refines the settings from
   * them. On failure, shuts down what was created and rethrows. `start()` begins with this; feature
   * loaders use it alone.
   */
  async startRoot(): Promise<void> {
    this.bindRoot();
    try {
      await this.createRootServices();
      const refine = this.settings.refine;
      if (refine !== undefined) this.settings = { ...this.settings, ...refine((ref) => this.rootInstances.get(ref.id) as never) };
    } catch (error) {
      await this.stop();
      throw error;
    }
    const rootLogger = this.settings.loggerRef && this.rootInstances.get(this.settings.loggerRef.id);
    if (rootLogger) this.logger = rootLogger as Logger;
  }

  private bindRoot(): void {
    for (const service of this.graph.rootServices) {
      if (!this.container.isCurrentBound(service.ref.key)) this.bindService(this.container, service.id, this);
    }
    for (const node of this.graph.rootClasses) {
      if (!this.container.isCurrentBound(node.cls)) this.bindClass(this.container, node, this);
    }
  }

  /**
   * Creates the root services. After one fails nothing new is created, but creations already
   * pending are awaited (they may have started user code) before the failure is thrown, so
   * stop() then shuts down everything that was created.
   */
  private async createRootServices(): Promise<void> {
    const pending: Array<Promise<unknown>> = [];
    let failure: { error: unknown } | undefined;
    for (const service of this.graph.rootServices) {
      if (this.rootInstances.has(service.id)) continue;
      try {
        const created = after(
          this.fromContainerFast(this.container, service.ref.key, this),
          (instance) => void this.rootInstances.set(service.id, instance),
        );
        if (isThenable(created)) pending.push(created);
      } catch (error) {
        failure = { error };
        break;
      }
    }
    const results = await Promise.allSettled(pending);
    if (failure !== undefined) throw failure.error;
    for (const result of results) if (result.status === 'rejected') throw result.reason;
  }

  private startPlugins(): Map<PluginRuntime, unknown> | Promise<Map<PluginRuntime, unknown>> {
    return walk(this.plugins, {
      prerequisites: (plugin) =>
        plugin.node.dependsOn.length === 0 ? NO_PLUGINS : plugin.node.dependsOn.map((id) => this.pluginsById.get(id)!).filter(Boolean),
      keepGoing: () => !this.halted,
      skipped: (plugin) => {
        plugin.record.status = 'skipped';
      },
      visit: (plugin) => {
        const up = (): void => {
          this.startedOrder.push(plugin);
          this.onPluginUp?.(plugin);
        };
        try {
          const started = plugin.start();
          if (!isThenable(started)) return up();
          return Promise.resolve(started).then(up, (error: unknown) => this.pluginFailed(plugin, error));
        } catch (error) {
          return this.pluginFailed(plugin, error);
        }
      },
    });
  }

  /** Records a failed plugin; under 'continue' stops what it started. Rejects with the error. */
  private async pluginFailed(plugin: PluginRuntime, error: unknown): Promise<never> {
    plugin.record.status = 'failed';
    plugin.record.error = describeThrown(error);
    // A plugin cut short by a halt did not fail on its own: stop() was called, or another failed.
    if (isPlugboardError(error, 'START_ABORTED')) throw error;
    if (this.settings.onPluginBootFailure(plugin.pluginId) === 'abort') this.failedUnderAbort = true;
    else {
      // Stop what this plugin started now; the others keep running.
      await this.shutdown.unwind(plugin.stack);
      plugin.release();
    }
    throw error;
  }

  /** Policy for a failing module of `pluginId`. */
  moduleBootFailure(pluginId: string): 'abort' | 'continue' {
    return this.settings.onModuleBootFailure(pluginId);
  }

  /** Logs a module left out under onModuleBootFailure: 'continue'. */
  moduleLeftOut(pluginId: string, moduleId: string, error: unknown): void {
    this.logger.error(
      { err: error, plugin: pluginId, module: moduleId },
      `module '${moduleId}' of plugin '${pluginId}' failed to start and was left out (onModuleBootFailure: 'continue'): ${describeThrown(error)}`,
    );
  }

  private async runStartupHooks(): Promise<void> {
    const hooks: StartupHook[] = [];
    for (const plugin of this.startedOrder) {
      plugin.hooks.startupDone = true;
      hooks.push(...plugin.hooks.startupHooks);
    }
    this.hooks.startupDone = true;
    hooks.push(...this.hooks.startupHooks);
    for (const hook of hooks) {
      const ids = { ...(hook.pluginId ? { pluginId: hook.pluginId } : {}), ...(hook.moduleId ? { moduleId: hook.moduleId } : {}) };
      try {
        const result = withTimeout(hook.fn(), this.settings.initTimeoutMs, () =>
          initTimeout(hook.label, this.settings.initTimeoutMs!, ids),
        );
        if (isThenable(result)) await result;
      } catch (error) {
        throw initFailure(hook.label, error, ids);
      }
    }
  }

  /**
   * Resolves through InversifyJS: synchronously with get() when nothing on the way is async (no
   * promise, no microtask), else with getAsync(). A sync get() that meets an async factory throws
   * before calling anything twice (the singleton keeps the pending promise), so falling back is
   * safe; async creations never reject inside InversifyJS (see {@link CreationFailure}).
   */
  fromContainerFast(container: Container, key: symbol | ClassNode['cls'], scope: Scope): unknown {
    let value: unknown;
    try {
      value = container.get<unknown>(key);
    } catch (error) {
      if (isPlugboardError(error)) throw error;
      if (error instanceof Error && error.message.includes('Unexpected asynchronous')) {
        return container.getAsync<unknown>(key).then(unwrapCreation);
      }
      throw containerFailure(
        typeof key === 'symbol' ? String(key.description) : key.name,
        error,
        scope.pluginId === undefined ? {} : { pluginId: scope.pluginId },
      );
    }
    return unwrapCreation(value);
  }
}

const NO_PLUGINS: readonly PluginRuntime[] = Object.freeze([]);

/** The plugin and module ids of a hook's owner, as fields of a step. */
function owner(hook: { readonly pluginId?: string; readonly moduleId?: string }): { pluginId?: string; moduleId?: string } {
  const result: { pluginId?: string; moduleId?: string } = {};
  if (hook.pluginId !== undefined) result.pluginId = hook.pluginId;
  if (hook.moduleId !== undefined) result.moduleId = hook.moduleId;
  return result;
}
