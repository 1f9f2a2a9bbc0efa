import { Container } from 'inversify';
import type { Logger } from 'pino';
import { PlugboardError, describeThrown, isPlugboardError } from '../errors.js';
import type { ClassNode, Dependency, ModuleNode, ServiceNode, WiringGraph } from '../model/types.js';
import { moduleViewOf, type ServiceRef } from '../tokens/service-ref.js';
import { runtimeRefs, type RootContext } from './context-refs.js';
import { containerFailure, initFailure, initTimeout } from './failures.js';
import { HookRegistry, type StartupHook } from './hook-registry.js';
import { callLifecycle, construct } from './instantiate.js';
import { PluginRuntime, type PluginHost } from './plugin-runtime.js';
import type { Scope } from './scope.js';
import { runStep, ShutdownStack, stepLabel, type ShutdownStep } from './shutdown-stack.js';
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
  readonly logger: Logger<string>;
  /** The root logger ref: once created, plugboard logs through it (so a replaced logger sees everything). */
  readonly loggerRef?: ServiceRef<Logger<string>>;
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
  private logger: Logger<string>;
  private failedUnderAbort = false;

  private settings: RuntimeSettings;

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
  get log(): Logger<string> {
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

    const failures = await this.withStartupReport(() => this.startPlugins());
    if (this.halted) {
      await this.stop();
      const [first] = failures.values();
      if (this.haltRequested && !this.failedUnderAbort) {
        throw new PlugboardError('START_ABORTED', 'stop() was called while the app was starting; everything that had started was shut down.');
      }
      throw first ?? new PlugboardError('START_ABORTED', 'start() was halted.');
    }
    for (const [plugin, error] of failures) {
      logger.error({ err: error, plugin: plugin.pluginId }, `plugin '${plugin.pluginId}' failed to start and was left out (onPluginBootFailure: 'continue'): ${describeThrown(error)}`);
    }

    try {
      await this.runStartupHooks();
    } catch (error) {
      await this.stop();
      throw error;
    }
    const up = this.plugins.filter((p) => p.record.status === 'started').length;
    logger.info(
      { plugins: up, failed: failures.size, ms: Math.round(performance.now() - startedAt), timings: this.timings() },
      `plugboard started ${up}/${this.plugins.length} plugins`,
    );
  }

  /** Per plugin: outcome, init time and each module's, for the final start line. */
  private timings(): Record<string, { status: string; ms?: number; modules?: Record<string, number | string> }> {
    const result: Record<string, { status: string; ms?: number; modules?: Record<string, number | string> }> = {};
    for (const plugin of this.plugins) {
      const entry: { status: string; ms?: number; modules?: Record<string, number | string> } = { status: plugin.record.status };
      if (plugin.record.initMs !== undefined) entry.ms = Math.round(plugin.record.initMs * 10) / 10;
      if (plugin.modules.size > 0) {
        entry.modules = {};
        for (const [id, record] of plugin.modules) {
          entry.modules[id] = record.initMs === undefined ? record.status : Math.round(record.initMs * 10) / 10;
        }
      }
      result[plugin.pluginId] = entry;
    }
    return result;
  }

  /**
   * Logs progress while plugins start (`3/12 plugins up`; every plugin for small apps, every
   * tenth otherwise) and warns, at each `slowInitWarningMs`, about plugins still initialising.
   */
  private async withStartupReport<T>(work: () => Promise<T>): Promise<T> {
    const total = this.plugins.length;
    const step = total <= 20 ? 1 : Math.ceil(total / 10);
    let up = 0;
    this.onPluginUp = (plugin) => {
      up++;
      if (up % step === 0 || up === total) {
        this.logger.info({ plugin: plugin.pluginId, ms: Math.round((plugin.record.initMs ?? 0) * 10) / 10 }, `${up}/${total} plugins up`);
      }
    };
    const startedAt = performance.now();
    const timer = setInterval(() => {
      const slow = this.plugins.filter((p) => p.record.status === 'starting').map((p) => p.pluginId);
      if (slow.length === 0) return;
      const seconds = Math.round((performance.now() - startedAt) / 1000);
      this.logger.warn({ plugins: slow }, `still initialising after ${seconds} s: ${slow.slice(0, 10).join(', ')}${slow.length > 10 ? ` and ${slow.length - 10} more` : ''}`);
    }, this.settings.slowInitWarningMs);
    timer.unref?.();
    try {
      return await work();
    } finally {
      clearInterval(timer);
      this.onPluginUp = undefined;
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
    for (const hook of before) failures += await this.runStep({ hook: hook.fn, hookKind: 'before-shutdown hook', ...owner(hook) });

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
        after(this.unwind(plugin.stack), (failed) => {
          failures += failed;
          if (plugin.record.status === 'started') plugin.record.status = 'stopped';
          plugin.release();
        }),
    });
    failures += await this.unwind(this.stack);
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
        const view = module === undefined ? undefined : moduleViewOf(ref);
        // Instances created at start are handed out directly; the container is asked otherwise.
        const known = ref.scope === 'root' ? this.rootInstances : undefined;
        const value =
          known?.has(ref.id) === true
            ? known.get(ref.id)
            : plugin !== undefined && ref.scope === 'plugin' && plugin.instance(ref.id) !== undefined
              ? plugin.instance(ref.id)
              : this.fromContainerFast(container, ref.key, scope);
        if (view === undefined) return value;
        const context = { pluginId: module!.pluginId, moduleId: module!.id };
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

  bindService(container: Container, id: string, scope: Scope): void {
    const node = this.graph.services.get(id)!;
    if (node.implementation.kind === 'builtin') return;
    container
      .bind(node.ref.key)
      .toDynamicValue(() => this.createService(node, scope))
      .inSingletonScope();
  }

  serviceRef(id: string): ServiceRef<unknown> | undefined {
    const node = this.graph.services.get(id);
    return node === undefined || node.implementation.kind === 'builtin' ? undefined : node.ref;
  }

  bindClass(container: Container, node: ClassNode, scope: Scope): void {
    container
      .bind<unknown>(node.cls)
      .toDynamicValue(() => this.createClass(node, scope))
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
    if (rootLogger) this.logger = rootLogger as Logger<string>;
  }

  private bindRoot(): void {
    for (const service of this.graph.rootServices) {
      if (!this.container.isCurrentBound(service.ref.key)) this.bindService(this.container, service.id, this);
    }
    for (const node of this.graph.rootClasses) {
      if (!this.container.isCurrentBound(node.cls)) this.bindClass(this.container, node, this);
    }
  }

  private async createRootServices(): Promise<void> {
    const results = await Promise.allSettled(
      this.graph.rootServices
        .filter((service) => !this.rootInstances.has(service.id))
        .map((service) => after(this.fromContainerFast(this.container, service.ref.key, this), (instance) => void this.rootInstances.set(service.id, instance))),
    );
    for (const result of results) if (result.status === 'rejected') throw result.reason;
  }

  private async startPlugins(): Promise<Map<PluginRuntime, unknown>> {
    return walk(this.plugins, {
      prerequisites: (plugin) => plugin.node.dependsOn.map((id) => this.pluginsById.get(id)!).filter(Boolean),
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
    if (this.settings.onPluginBootFailure(plugin.pluginId) === 'abort') this.failedUnderAbort = true;
    else {
      // Stop what this plugin started now; the others keep running.
      await this.unwind(plugin.stack);
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

  // ---- creation ----

  private createService(node: ServiceNode, scope: Scope): unknown {
    const label = scope.pluginId === undefined ? `service '${node.id}'` : `service '${node.id}' of plugin '${scope.pluginId}'`;
    const ids = { refId: node.id, ...(scope.pluginId === undefined ? {} : { pluginId: scope.pluginId }) };
    const fail = (error: unknown): never => {
      throw initFailure(label, error, ids);
    };
    const timed = (work: unknown): unknown =>
      withTimeout(work, this.settings.initTimeoutMs, () => initTimeout(label, this.settings.initTimeoutMs!, ids));
    try {
      const implementation = node.implementation;
      let created: unknown;
      if (implementation.kind === 'class') created = this.instantiate(implementation.recipe, scope, label, ids, fail);
      else if (implementation.kind === 'factory') created = then(this.resolveNamed(implementation.deps, scope), (deps) => timed(implementation.factory.factory(deps)));
      else return undefined;
      // Decorators wrap the instance in order of installation; each gets the previous result.
      for (const { decorator, deps } of node.decorators) {
        created = then(created, (instance) => then(this.resolveNamed(deps, scope), (resolved) => timed(decorator.decorate(instance, resolved))));
      }
      return isThenable(created) ? settle(Promise.resolve(created).then(undefined, fail)) : created;
    } catch (error) {
      return fail(error);
    }
  }

  /** Resolves named dependencies (a factory's or decorator's deps); sync when they all are. */
  private resolveNamed(deps: ReadonlyArray<readonly [string, Dependency]>, scope: Scope): Record<string, unknown> | Promise<Record<string, unknown>> {
    const resolved: Record<string, unknown> = {};
    const pending: Array<Promise<void>> = [];
    for (const [name, dep] of deps) {
      const value = this.resolve(dep, scope, undefined, undefined);
      if (isThenable(value)) pending.push(Promise.resolve(value).then((v) => void (resolved[name] = v)));
      else resolved[name] = value;
    }
    return pending.length === 0 ? resolved : Promise.all(pending).then(() => resolved);
  }

  private createClass(node: ClassNode, scope: Scope): unknown {
    const label = scope.pluginId === undefined ? `class ${node.recipe.name}` : `class ${node.recipe.name} of plugin '${scope.pluginId}'`;
    const ids = scope.pluginId === undefined ? {} : { pluginId: scope.pluginId };
    const fail = (error: unknown): never => {
      throw initFailure(label, error, ids);
    };
    try {
      const created = this.instantiate(node.recipe, scope, label, ids, fail);
      return isThenable(created) ? settle(created) : created;
    } catch (error) {
      return fail(error);
    }
  }

  /** Constructs, awaits @onInit, and records @onShutdown on the scope's stack. */
  private instantiate(
    recipe: ServiceNode['implementation'] & { kind: 'class' } extends { recipe: infer R } ? R : never,
    scope: Scope,
    label: string,
    ids: { pluginId?: string; refId?: string },
    fail: (error: unknown) => never,
  ): unknown {
    const made = construct(recipe, (dep) => this.resolve(dep, scope, undefined, scope instanceof PluginRuntime ? scope : undefined));
    const finish = (instance: object): unknown => {
      const init = callLifecycle(instance, recipe.onInit, this.settings.initTimeoutMs, () =>
        initTimeout(label, this.settings.initTimeoutMs!, ids),
      );
      const done = (): object => {
        if (recipe.onShutdown !== undefined) {
          const method = recipe.onShutdown;
          scope.stack.push({ target: instance, method, subject: label, ...(scope.pluginId === undefined ? {} : { pluginId: scope.pluginId }) });
        }
        return instance;
      };
      return isThenable(init) ? Promise.resolve(init).then(done) : done();
    };
    const result = isThenable(made) ? made.then(finish) : finish(made);
    return isThenable(result) ? Promise.resolve(result).then(undefined, fail) : result;
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
      throw containerFailure(typeof key === 'symbol' ? String(key.description) : key.name, error, scope.pluginId === undefined ? {} : { pluginId: scope.pluginId });
    }
    return unwrapCreation(value);
  }



  // ---- shutdown ----

  /**
   * Runs a stack's steps last to first, one at a time; returns how many failed. Stays synchronous
   * until a step returns a promise (most shutdown methods are sync: no promise per feature).
   */
  private unwind(stack: ShutdownStack): number | Promise<number> {
    const steps = stack.take();
    let failures = 0;
    const from = (start: number): number | Promise<number> => {
      for (let index = start; index >= 0; index--) {
        const outcome = this.runStep(steps[index]!);
        if (typeof outcome !== 'number') {
          return outcome.then((failed) => {
            failures += failed;
            return from(index - 1);
          });
        }
        failures += outcome;
      }
      return failures;
    };
    return from(steps.length - 1);
  }

  /** Runs one shutdown step; 1 when it failed or timed out (already logged), else 0. Sync when the step is. */
  private runStep(step: ShutdownStep): number | Promise<number> {
    try {
      const result = runStep(step);
      if (!isThenable(result)) return 0;
      const bounded = withTimeout(result, this.settings.shutdownTimeoutMs, () =>
        new PlugboardError('SHUTDOWN_TIMEOUT', `${stepLabel(step)} did not finish within ${this.settings.shutdownTimeoutMs} ms (shutdownTimeoutMs); moving on.`),
      );
      return Promise.resolve(bounded).then(
        () => 0,
        (error: unknown) => this.stepFailed(step, error),
      );
    } catch (error) {
      return this.stepFailed(step, error);
    }
  }

  /** Logs a failed shutdown step with its plugin and module; the rest still run. */
  private stepFailed(step: ShutdownStep, error: unknown): number {
    const fields = { err: error, ...(step.pluginId ? { plugin: step.pluginId } : {}), ...(step.moduleId ? { module: step.moduleId } : {}) };
    this.logger.error(
      fields,
      isPlugboardError(error, 'SHUTDOWN_TIMEOUT') ? error.message : `${stepLabel(step)} failed during shutdown: ${describeThrown(error)}; the rest still run`,
    );
    return 1;
  }


}

/** Applies `next` to a value or to what a promise resolves to, staying sync for sync values. */
function then<T>(value: T | PromiseLike<T>, next: (resolved: T) => unknown): unknown {
  return isThenable(value) ? Promise.resolve(value).then(next) : next(value);
}

/** The plugin and module ids of a hook's owner, as fields of a step. */
function owner(hook: { readonly pluginId?: string; readonly moduleId?: string }): { pluginId?: string; moduleId?: string } {
  const result: { pluginId?: string; moduleId?: string } = {};
  if (hook.pluginId !== undefined) result.pluginId = hook.pluginId;
  if (hook.moduleId !== undefined) result.moduleId = hook.moduleId;
  return result;
}

/**
 * An async creation that failed, as InversifyJS caches it. InversifyJS derives promises from a
 * pending singleton that nobody observes; a rejected one would surface as an unhandled
 * rejection. So async creations resolve to this box, and every read unwraps it and throws.
 */
class CreationFailure {
  constructor(readonly error: unknown) {}
}

function settle(work: PromiseLike<unknown>): Promise<unknown> {
  return Promise.resolve(work).then(undefined, (error: unknown) => new CreationFailure(error));
}

function unwrapCreation(value: unknown): unknown {
  if (value instanceof CreationFailure) throw value.error;
  return value;
}
