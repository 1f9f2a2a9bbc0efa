import type { Logger } from 'pino';
import { describeThrown, plugboardError, type Subject } from '../errors/index.js';
import type { ExtensionPointNode, ModuleNode, PluginNode, ServiceNode } from '../model/types.js';
import type { ViewHolder } from './extension-points/gate.js';
import { rebuildImplementation } from './extension-points/rebuild.js';
import { initFailure } from './failures.js';
import { logFailure } from './log-failure.js';
import type { HookRegistry } from './hooks.js';
import { box, initialize, andThen, type Boxed } from './instances.js';
import type { ModuleFailureReports } from './module-failures.js';
import type { PluginScope } from './plugin-scope.js';
import { recordFailure, type StartRecords } from './records.js';
import type { ScopeSettings } from './root-scope.js';
import type { ShutdownRunner } from './shutdown/runner.js';
import type { ShutdownStack, ShutdownStep } from './shutdown/stack.js';
import { after, walk } from './walk.js';

/** What to do when a plugin or module fails to start. */
export type BootFailurePolicy = 'abort' | 'continue';

/** What starting one plugin needs from the runtime (settings, policy, records, the root's hooks). */
export interface PluginStartEnv {
  readonly settings: ScopeSettings;
  readonly modulePolicy: (pluginId: string, moduleId: string) => BootFailurePolicy;
  readonly records: StartRecords;
  readonly log: () => Logger;
  /** Plugin-scoped services created for every plugin at its start (`initialization: 'always'`). */
  readonly atStart: readonly ServiceNode[];
  readonly runner: ShutdownRunner;
  /** The root's hooks and stack: a module left out loses what it registered there too. */
  readonly root: { readonly hooks: HookRegistry; readonly stack: ShutdownStack };
}

const DONE: Boxed<void> = box(undefined);

/**
 * One plugin's start, in order: its always-created services, its modules (users of an extension
 * point before its provider, the others concurrently), then the plugin. A module that fails is
 * left out or fails the plugin, by its policy; leaving one out leaves nothing of it behind.
 * Synchronous when everything is.
 */
export class PluginStart {
  /** The modules left out so far; made at the first (most starts leave none out). */
  #leftOut: Set<string> | undefined;

  constructor(
    private readonly node: PluginNode,
    private readonly scope: PluginScope,
    private readonly reports: ModuleFailureReports,
    private readonly env: PluginStartEnv,
  ) {}

  run(): Boxed<void> {
    this.env.records.plugin(this.node).status = 'starting';
    const startedAt = performance.now();
    const shared = this.createShared();
    const modules = shared instanceof Promise ? shared.then(() => this.startModules()) : this.startModules();
    return andThen(modules, () =>
      andThen(this.startPlugin(), () => {
        this.env.records.started(this.node, performance.now() - startedAt);
        return DONE;
      }),
    );
  }

  /**
   * Before any module: the services created for every plugin (`initialization: 'always'`) and
   * what the plugin and its modules need, so those stop after every feature that used them. A
   * failure here is the plugin's.
   */
  private createShared(): void | Promise<void> {
    const subject: Subject = { pluginId: this.node.id };
    try {
      const created = this.scope.ensure(
        this.env.atStart.length === 0 ? this.node.startNeeds : [...this.env.atStart, ...this.node.startNeeds],
      );
      return created instanceof Promise ? created.catch((error: unknown) => Promise.reject(initFailure(subject, error))) : created;
    } catch (error) {
      throw initFailure(subject, error);
    }
  }

  private startModules(): Boxed<void> {
    const failures = walk(this.node.modules, {
      prerequisites: (module) => module.after,
      visit: (module) => this.startModule(module),
      keepGoing: (failed) => failed.size === 0 && !this.env.settings.halted(),
      skipped: (module) => (this.env.records.module(module).status = 'skipped'),
    });
    const settled = after(failures, (failed): Boxed<void> => {
      for (const error of failed.values()) throw error; // a module under 'abort' fails its plugin
      if (this.env.settings.halted()) throw plugboardError('START_ABORTED', { reason: 'halted', pluginId: this.node.id });
      return DONE;
    });
    return settled;
  }

  // Written without closures on the synchronous path: it runs once per module.
  private startModule(module: ModuleNode): Boxed<void> {
    this.env.records.module(module).status = 'starting';
    const startedAt = performance.now();
    const subject: Subject = { pluginId: this.node.id, moduleId: module.id };
    let started: Boxed<object>;
    try {
      started = this.constructAndInit(module, { key: module.id, pluginId: this.node.id, moduleId: module.id }, subject);
    } catch (error) {
      return this.moduleFailed(module, initFailure(subject, error), undefined);
    }
    // The module's own failure goes to moduleFailed; a failure of what follows it is not the module's.
    if (started instanceof Promise) {
      return started.then(
        () => this.moduleStarted(module, startedAt),
        (error: unknown) => this.moduleFailed(module, initFailure(subject, error), undefined),
      );
    }
    return this.moduleStarted(module, startedAt);
  }

  /** A module's init settled: it started, unless a failure was reported for it meanwhile. */
  private moduleStarted(module: ModuleNode, startedAt: number): Boxed<void> {
    const reported = this.reports.of(module);
    if (reported !== undefined) return this.moduleFailed(module, reported.error, reported.extensionPoint);
    this.env.records.started(module, performance.now() - startedAt);
    // A provider module's init settled: what was reported through its points is decided now.
    return this.closeReports(module.provides);
  }

  private startPlugin(): Boxed<void> {
    const subject: Subject = { pluginId: this.node.id };
    let started: Boxed<object>;
    try {
      started = this.constructAndInit(this.node, { key: '\0plugin', pluginId: this.node.id }, subject);
    } catch (error) {
      throw initFailure(subject, error);
    }
    // After the plugin's init, not part of it: a module reported meanwhile fails as that module
    // (INIT_FAILED naming it, the reported error as cause), not wrapped as the plugin's own failure.
    if (started instanceof Promise) {
      return started.then(
        () => this.closeReports(this.node.provides),
        (error: unknown) => {
          throw initFailure(subject, error);
        },
      );
    }
    return this.closeReports(this.node.provides);
  }

  /**
   * A module's or the plugin's own start: once every user of what it provides has finished, it
   * is constructed, its extension points close, and its `@onInit` runs.
   */
  private constructAndInit(feature: PluginNode | ModuleNode, holder: ViewHolder, subject: Subject): Boxed<object> {
    const users = this.finishUsers(feature.provides);
    if (users !== DONE) return andThen(users, () => this.constructNow(feature, holder, subject));
    return this.constructNow(feature, holder, subject);
  }

  private constructNow(feature: PluginNode | ModuleNode, holder: ViewHolder, subject: Subject): Boxed<object> {
    const created = this.scope.ensure(feature.needs);
    if (created instanceof Promise)
      return created.then(() => this.closeAndInit(feature, this.scope.construct(feature.recipe, holder, subject), subject));
    return this.closeAndInit(feature, this.scope.construct(feature.recipe, holder, subject), subject);
  }

  private closeAndInit(feature: PluginNode | ModuleNode, instance: object, subject: Subject): Boxed<object> {
    // Indexed: most modules provide nothing, and an empty for…of still makes an iterator.
    for (let index = 0; index < feature.provides.length; index++) this.scope.gate(feature.provides[index]!.id).close();
    return initialize(instance, feature.recipe, subject, this.env.settings.initTimeoutMs(), this.scope.stack);
  }

  /**
   * Before a provider is constructed (every user has finished): rebuilds each `useClass`
   * implementation a left-out module had called, from the other modules' calls.
   */
  private finishUsers(provided: readonly ExtensionPointNode[]): Boxed<void> {
    let done: Boxed<void> = DONE;
    const leftOut = this.#leftOut;
    if (leftOut === undefined) return done;
    for (const ep of provided) {
      const implementation = ep.implementation;
      const gate = this.scope.gate(ep.id);
      if (implementation.kind !== 'class' || ![...leftOut].some((id) => gate.touchedBy(id))) continue;
      done = andThen(done, () =>
        rebuildImplementation(gate, leftOut, this.scope.makeFresh(implementation.node), (instance) =>
          this.scope.replaceInstance(implementation.node, instance),
        ),
      );
    }
    return done;
  }

  /** Ends failure reports through `provided`: a module reported during its provider's init fails now. */
  private closeReports(provided: readonly ExtensionPointNode[]): Boxed<void> {
    if (provided.length === 0) return DONE;
    let done: Boxed<void> = DONE;
    for (const module of this.reports.close(provided)) {
      if (this.env.records.module(module).status !== 'started') continue;
      const reported = this.reports.of(module)!;
      done = andThen(done, () => this.moduleFailed(module, reported.error, reported.extensionPoint));
    }
    return done;
  }

  /** Records a module's failure and applies its policy: 'abort' fails the plugin, 'continue' leaves it out. */
  private moduleFailed(module: ModuleNode, error: unknown, reportedThrough: ExtensionPointNode | undefined): Boxed<void> {
    const record = this.env.records.module(module);
    recordFailure(record, error);
    const failure =
      reportedThrough === undefined
        ? error
        : plugboardError(
            'INIT_FAILED',
            { reason: 'reported', pluginId: this.node.id, moduleId: module.id, extensionPointId: reportedThrough.id, cause: error },
            { cause: error },
          );
    // Under 'abort', what it registered before failing shuts down with the plugin.
    if (this.env.modulePolicy(this.node.id, module.id) === 'abort') throw failure;
    return this.leaveOut(module, failure, reportedThrough);
  }

  /**
   * Leaves a failed module out, leaving nothing of it behind: its views close, its startup hooks
   * are dropped, what it registered to shut down runs now, and what it added to a `useClass`
   * extension point is rebuilt away before the provider starts. What it added to a `useValue` or
   * `useFactory` point, or to a `useClass` point its provider already holds, cannot be taken back,
   * so then the plugin fails instead (unless that very point's factory reported the failure: its
   * provider knows).
   */
  private leaveOut(module: ModuleNode, error: unknown, reportedThrough: ExtensionPointNode | undefined): Boxed<void> {
    for (const ep of this.node.extensionPoints.values()) {
      const gate = this.scope.gate(ep.id);
      if (ep === reportedThrough || !gate.touchedBy(module.id)) continue;
      // A useClass point is rebuilt without the module before its provider starts; once the
      // provider holds it (a failure reported late, through another point's factory), it cannot be.
      const form =
        ep.implementation.kind === 'value'
          ? 'useValue'
          : ep.implementation.kind === 'factory'
            ? 'useFactory'
            : gate.closed
              ? 'useClass'
              : undefined;
      if (form === undefined) continue;
      throw plugboardError(
        'INIT_FAILED',
        { reason: 'unrebuildable', pluginId: this.node.id, moduleId: module.id, extensionPointId: ep.id, form, cause: error },
        { cause: error },
      );
    }
    (this.#leftOut ??= new Set()).add(module.id);
    for (const ep of this.node.extensionPoints.values()) this.scope.gate(ep.id).closeFor(module.id);
    this.scope.hooks.dropHooksOf(this.node.id, module.id);
    this.env.root.hooks.dropHooksOf(this.node.id, module.id);
    logFailure(
      this.env.log(),
      'error',
      { plugin: this.node.id, module: module.id },
      error,
      `module '${module.id}' of plugin '${this.node.id}' failed to start and was left out (onModuleBootFailure: 'continue'): ${describeThrown(error)}`,
    );
    // What it registered to undo runs now, in the order a full stop would run it: its steps in
    // the plugin (its @onShutdown, its plugin shutdown hooks) last first, then its root hooks.
    const owned = (step: ShutdownStep): boolean => step.owner.pluginId === this.node.id && step.owner.moduleId === module.id;
    const steps = [...this.scope.stack.extract(owned).reverse(), ...this.env.root.stack.extract(owned).reverse()];
    const ran = this.env.runner.runAll(steps);
    return typeof ran === 'number' ? DONE : ran.then(() => DONE);
  }
}
