import { Container } from 'inversify';
import type { ClassNode, Dependency, ModuleNode, PluginNode } from '../model/types.js';
import type { ServiceRef } from '../tokens/service-ref.js';
import { runtimeRefs, type PluginContext } from './context-refs.js';
import { guardedView, type GateState } from './extension-point-guard.js';
import { PlugboardError, describeThrown } from '../errors.js';
import { initFailure, initTimeout } from './failures.js';
import { HookRegistry } from './hook-registry.js';
import { callLifecycle, construct } from './instantiate.js';
import type { Scope } from './scope.js';
import { methodStep, ShutdownStack } from './shutdown-stack.js';
import { withTimeout } from './timeouts.js';
import { after, isThenable, walk } from './walk.js';

/** The outcome of one plugin, as describe() reports it. */
export type PluginStatus = 'pending' | 'starting' | 'started' | 'failed' | 'skipped' | 'stopped';

/** What a plugin runtime needs from the app-wide runtime. */
export interface PluginHost {
  readonly root: Container;
  readonly initTimeoutMs: number | undefined;
  /** True once start must not begin anything new (a failure under 'abort', or stop() during start). */
  readonly halted: boolean;
  resolve(dep: Dependency, scope: Scope, module: ModuleNode | undefined, plugin: PluginRuntime | undefined): unknown;
  bindService(container: Container, id: string, scope: Scope): void;
  bindClass(container: Container, node: ClassNode, scope: Scope): void;
  /** Resolves from a container synchronously when the graph allows, else returns a promise. */
  fromContainerFast(container: Container, key: symbol | ClassNode['cls'], scope: Scope): unknown;
  /** Policy for a failing module of this plugin. */
  moduleBootFailure(pluginId: string): 'abort' | 'continue';
  /** Logs a module left out under 'continue'. */
  moduleLeftOut(pluginId: string, moduleId: string, error: unknown): void;
  /** The ref of a bindable service id, or undefined for one the runtime provides itself. */
  serviceRef(id: string): ServiceRef<unknown> | undefined;
}

/** Timings and outcome of one feature's init. */
export interface InitRecord {
  status: PluginStatus;
  initMs?: number;
  error?: string;
}

/**
 * One plugin at run time: its child container, its extension point gates, and the order in
 * which its modules and the plugin itself start. Reads only the wiring graph.
 */
export class PluginRuntime implements Scope {
  container!: Container;
  readonly stack = new ShutdownStack();
  readonly hooks: HookRegistry;
  readonly pluginId: string;
  readonly record: InitRecord = newRecord();
  /** One record per module, in the order of `node.modules` (a module's `index`). */
  readonly moduleRecords: InitRecord[];
  private readonly gates = new Map<string, PluginGate>();
  private readonly instances = new Map<unknown, unknown>();
  private moduleIndex: Map<string, number> | undefined;

  constructor(
    readonly node: PluginNode,
    private readonly host: PluginHost,
  ) {
    this.pluginId = node.id;
    this.hooks = new HookRegistry(`plugin '${node.id}'`, this.stack);
    this.moduleRecords = new Array<InitRecord>(node.modules.length);
    for (let index = 0; index < node.modules.length; index++) this.moduleRecords[index] = newRecord();
  }

  /** The record of module `id`, for describe(); undefined for an unknown id. */
  moduleRecord(id: string): InitRecord | undefined {
    // Built on first use: describe() asks for every module, the start path never does.
    this.moduleIndex ??= new Map(this.node.modules.map((module) => [module.id, module.index]));
    const index = this.moduleIndex.get(id);
    return index === undefined ? undefined : this.moduleRecords[index];
  }

  /**
   * Creates the container and the plugin-scoped services, starts the modules in order, then the
   * plugin. Synchronous when every step is (the common case: no promise per plugin); throws or
   * rejects with INIT_FAILED / INIT_TIMEOUT naming the plugin or module.
   */
  start(): void | Promise<void> {
    const startedAt = performance.now();
    this.record.status = 'starting';
    this.bind();
    // Plugin-scoped services and classes first, so they stop after every feature that used them.
    return after(this.createScoped(), () =>
      after(this.startModules(), () =>
        after(this.startPlugin(), () => {
          this.record.initMs = performance.now() - startedAt;
          this.record.status = 'started';
        }),
      ),
    );
  }

  private startModules(): void | Promise<void> {
    const leaveOut = this.host.moduleBootFailure(this.pluginId) === 'continue';
    const failures = walk(this.node.modules, {
      prerequisites: (module) => module.after,
      visit: (module) => this.startModule(module),
      // Under 'continue' a failed module is left out; a provider still runs after a failed user.
      keepGoing: (failed) => (leaveOut || failed.size === 0) && !this.host.halted,
      runAfterFailedPrerequisite: leaveOut,
      skipped: (module) => (this.moduleRecords[module.index]!.status = 'skipped'),
    });
    return after(failures, (failed) => {
      if (leaveOut) {
        for (const [module, error] of failed) {
          this.moduleRecords[module.index]!.error = describeThrown(error);
          this.host.moduleLeftOut(this.pluginId, module.id, error);
        }
      } else {
        // The first failure (a module under 'abort' stops the plugin at its first failing module).
        for (const failure of failed.values()) throw failure;
      }
      if (this.host.halted) throw haltedError(this.pluginId);
    });
  }

  private startPlugin(): void | Promise<void> {
    const fail = (error: unknown): never => {
      throw initFailure(`plugin '${this.pluginId}'`, error, { pluginId: this.pluginId });
    };
    try {
      const made = construct(this.node.recipe, this, undefined);
      const done = after(made, (instance) => {
        for (const ep of this.node.provides) this.gates.get(ep.id)!.closed = true;
        const ms = this.host.initTimeoutMs;
        let init = callLifecycle(instance, this.node.recipe.onInit);
        if (isThenable(init))
          init = withTimeout(init, ms, () => initTimeout(`plugin '${this.pluginId}'`, ms!, { pluginId: this.pluginId }));
        return after(init, () => this.pushShutdown(instance, this.node.recipe.onShutdown, undefined));
      });
      return isThenable(done) ? Promise.resolve(done).then(undefined, fail) : undefined;
    } catch (error) {
      return fail(error);
    }
  }

  /**
   * A guarded view of extension point `id` for a module (by id), the plugin (no id), or `who`;
   * undefined when this plugin has no such point.
   */
  extensionPointView(id: string, moduleId?: string, who?: string): unknown {
    const gate = this.gates.get(id);
    if (gate === undefined) return undefined;
    const implementation = this.implementationOf(id);
    if (implementation !== undefined) return guardedView(implementation, gate, moduleId, who);
    return this.resolveImplementation(id, (target) => guardedView(target, gate, moduleId, who));
  }

  /** Drops the container and everything it holds. */
  release(): void {
    this.container = undefined as unknown as Container;
    for (const gate of this.gates.values()) gate.implementation = undefined;
    this.instances.clear();
  }

  private bind(): void {
    const container = new Container({ parent: this.host.root });
    this.container = container;
    // Only the core plugin services read the plugin context: bind it when one of them is needed.
    if (this.node.pluginServices.includes(runtimeRefs.pluginContext.id)) {
      const context: PluginContext = { pluginId: this.pluginId, hooks: this.hooks };
      container.bind(runtimeRefs.pluginContext.key).toConstantValue(context);
    }
    for (const id of this.node.pluginServices) this.host.bindService(container, id, this);
    for (const cls of this.node.pluginClasses) this.host.bindClass(container, cls, this);
    for (const ep of this.node.extensionPoints.values()) {
      const provider = ep.moduleId === undefined ? `plugin '${ep.pluginId}'` : `module '${ep.moduleId}' of plugin '${ep.pluginId}'`;
      const implementation = ep.implementation.kind === 'value' ? (ep.implementation.value as object) : undefined;
      const gate: PluginGate = { closed: false, extensionPointId: ep.id, pluginId: this.pluginId, provider, implementation };
      this.gates.set(ep.id, gate);
      // Bound only here, so no other plugin's container can resolve it.
      container
        .bind(ep.extensionPoint.key)
        .toDynamicValue(() => this.extensionPointView(ep.id, undefined, `a class of plugin '${this.pluginId}'`));
    }
  }

  /** The instance of a plugin-scoped service (by ref id) or class created at start, if any. */
  instance(key: unknown): unknown {
    return this.instances.get(key);
  }

  /**
   * Creates plugin-scoped services and classes: synchronously where they are, else awaited
   * together. After a failure nothing new is created, but creations already pending are awaited
   * (they may have started user code) before the plugin fails.
   */
  private createScoped(): void | Promise<void> {
    const pending: Array<Promise<void>> = [];
    const errors: unknown[] = [];
    const create = (key: symbol | ClassNode['cls'], store: unknown): void => {
      try {
        const value = this.host.fromContainerFast(this.container, key, this);
        if (isThenable(value)) pending.push(Promise.resolve(value).then((v) => void this.instances.set(store, v)));
        else this.instances.set(store, value);
      } catch (error) {
        errors.push(error);
      }
    };
    for (const id of this.node.pluginServices) {
      const ref = this.host.serviceRef(id);
      if (ref !== undefined && errors.length === 0) create(ref.key, id);
    }
    for (const cls of this.node.pluginClasses) if (errors.length === 0) create(cls.cls, cls.cls);
    if (pending.length === 0) return errors.length === 0 ? undefined : this.scopedFailed(errors);
    return Promise.allSettled(pending).then((results) => {
      for (const result of results) if (result.status === 'rejected') errors.push(result.reason);
      if (errors.length > 0) this.scopedFailed(errors);
    });
  }

  private scopedFailed(errors: unknown[]): never {
    throw initFailure(`plugin '${this.pluginId}'`, errors[0], { pluginId: this.pluginId });
  }

  /** The implementation instance of one of this plugin's extension points, if created already. */
  private implementationOf(id: string): object | undefined {
    const gate = this.gates.get(id);
    if (gate === undefined) return undefined;
    if (gate.implementation !== undefined) return gate.implementation;
    const ep = this.node.extensionPoints.get(id);
    if (ep?.implementation.kind !== 'class') return undefined;
    const created = this.instances.get(ep.implementation.node.cls) as object | undefined;
    gate.implementation = created;
    return created;
  }

  private resolveImplementation(id: string, then: (target: object) => unknown): unknown {
    const ep = this.node.extensionPoints.get(id)!;
    if (ep.implementation.kind !== 'class') return undefined;
    return after(this.host.fromContainerFast(this.container, ep.implementation.node.cls, this) as object | Promise<object>, (target) => {
      this.gates.get(id)!.implementation = target;
      return then(target);
    });
  }

  // The module path runs once per module: no closures or strings unless something is async or fails.
  private startModule(module: ModuleNode): unknown {
    const record = this.moduleRecords[module.index]!;
    record.status = 'starting';
    const startedAt = performance.now();
    let made: object | Promise<object>;
    try {
      made = construct(module.recipe, this, module);
    } catch (error) {
      return this.moduleFailed(module, error);
    }
    if (isThenable(made)) {
      return made.then(
        (instance) => this.initModule(module, instance, startedAt),
        (error: unknown) => this.moduleFailed(module, error),
      );
    }
    return this.initModule(module, made, startedAt);
  }

  private initModule(module: ModuleNode, instance: object, startedAt: number): unknown {
    try {
      if (module.provides.length > 0) for (const ep of module.provides) this.gates.get(ep.id)!.closed = true;
      const init = callLifecycle(instance, module.recipe.onInit);
      if (isThenable(init)) {
        const ms = this.host.initTimeoutMs;
        const label = `module '${module.id}' of plugin '${this.pluginId}'`;
        const bounded = withTimeout(init, ms, () => initTimeout(label, ms!, { pluginId: this.pluginId, moduleId: module.id }));
        return Promise.resolve(bounded).then(
          () => this.moduleUp(module, instance, startedAt),
          (error: unknown) => this.moduleFailed(module, error),
        );
      }
      this.moduleUp(module, instance, startedAt);
      return undefined;
    } catch (error) {
      return this.moduleFailed(module, error);
    }
  }

  private moduleUp(module: ModuleNode, instance: object, startedAt: number): void {
    this.pushShutdown(instance, module.recipe.onShutdown, module.id);
    const record = this.moduleRecords[module.index]!;
    record.initMs = performance.now() - startedAt;
    record.status = 'started';
  }

  /** Marks the module failed and throws INIT_FAILED / INIT_TIMEOUT naming it. */
  private moduleFailed(module: ModuleNode, error: unknown): never {
    this.moduleRecords[module.index]!.status = 'failed';
    throw initFailure(`module '${module.id}' of plugin '${this.pluginId}'`, error, { pluginId: this.pluginId, moduleId: module.id });
  }

  /** Resolves one constructor dependency of the plugin (no module) or of one of its modules. */
  resolveDependency(dep: Dependency, module: ModuleNode | undefined): unknown {
    return this.host.resolve(dep, this, module, this);
  }

  private pushShutdown(instance: object, method: string | symbol | undefined, moduleId: string | undefined): void {
    const step = methodStep(instance, method, this.pluginId, moduleId);
    if (step !== undefined) this.stack.push(step);
  }
}

/** An extension point's gate, and its implementation once known (the plugin's state of one point). */
interface PluginGate extends GateState {
  implementation: object | undefined;
}

/** A record with every field present: one shape, nothing added as the feature starts. */
function newRecord(): InitRecord {
  return { status: 'pending', initMs: undefined, error: undefined };
}

/** Why a plugin stopped short when start was halted (stop() called, or another plugin failed). */
function haltedError(pluginId: string): PlugboardError {
  return new PlugboardError('START_ABORTED', `Plugin '${pluginId}' did not finish starting: start was halted.`, { pluginId });
}
