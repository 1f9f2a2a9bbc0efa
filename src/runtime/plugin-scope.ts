import { Container } from 'inversify';
import { describeValue, plugboardError, type Subject } from '../errors/index.js';
import type { ClassNode, Creatable, Dependency, ExtensionPointNode, PluginNode, Recipe } from '../model/types.js';
import type { ExtensionPointFactoryContext } from '../tokens/extension-point.js';
import { dependantViewOf, type DependantViewContext } from '../tokens/dependant-views.js';
import { isThenable } from '../tokens/types.js';
import { Cell } from './cell.js';
import type { PluginContext } from './context-refs.js';
import { ensureCreated, type CreationScope, type ParentScope } from './creation.js';
import { Gate, type ViewHolder } from './extension-points/gate.js';
import { inContainer } from './failures.js';
import { createView } from './extension-points/view.js';
import { HookRegistry } from './hooks.js';
import { construct, type Boxed } from './instances.js';
import { makeClass, makeRootContext, makeService, type MakeContext } from './make.js';
import type { ScopeSettings } from './root-scope.js';
import { ShutdownStack, type ShutdownStep } from './shutdown/stack.js';

/** What a plugin scope sees of the app: the root's services and container, nothing else. */
export interface RootAccess extends ParentScope {
  value(node: Creatable): unknown;
  readonly container: Container;
}

/** Where a module's failure reported through an extension point factory goes (the plugin's start decides what it means). */
export interface FailureReports {
  /** Throws `MODULE_FAILURE_TOO_LATE` once the provider's `@onInit` has settled. */
  report(moduleId: string, extensionPoint: ExtensionPointNode, error: unknown): void;
}

/** Options of a {@link PluginScope} that come from the plugin's start. */
export interface PluginScopeOptions {
  readonly settings: ScopeSettings;
  readonly reports: FailureReports;
  /** Whether calls through this extension point's views are recorded (a user of it may be left out). */
  readonly recordCalls: (ep: ExtensionPointNode) => boolean;
  /** Runs a shutdown step that arrives after the plugin's steps were taken. */
  readonly onLateStep: (step: ShutdownStep) => void;
}

/**
 * One plugin's scope: its InversifyJS child container, the plugin-scoped services and classes it
 * creates, its extension point gates and the views it hands out, its hooks and shutdown stack
 * (a module left out has its own steps extracted from it and run). It asks the root for root
 * services only.
 */
export class PluginScope implements CreationScope {
  readonly container: Container;
  readonly stack: ShutdownStack;
  readonly hooks: HookRegistry;
  readonly parent: RootAccess;
  readonly #node: PluginNode;
  readonly #options: PluginScopeOptions;
  readonly #cells = new Map<Creatable, Cell>();
  readonly #gates = new Map<string, Gate>();
  /** A class's needs here, with this plugin's extension points it injects; made at the first class asked about. */
  #classNeeds: Map<ClassNode, readonly Creatable[]> | undefined;
  readonly #make: MakeContext;
  /** The builtin plugin context (what the default core plugin services are made from). */
  readonly #context: Cell;

  constructor(node: PluginNode, root: RootAccess, options: PluginScopeOptions) {
    this.#node = node;
    this.#options = options;
    this.parent = root;
    this.container = new Container({ parent: root.container });
    this.stack = new ShutdownStack(options.onLateStep);
    this.hooks = new HookRegistry({ pluginId: node.id }, this.stack);
    const context: PluginContext = { pluginId: node.id, hooks: this.hooks };
    this.#context = Cell.done(context);
    for (const ep of node.extensionPoints.values()) {
      const gate = new Gate(ep);
      if (options.recordCalls(ep)) gate.log = [];
      if (ep.implementation.kind === 'value') gate.implementation = ep.implementation.value;
      this.#gates.set(ep.id, gate);
      // Bound here only: no other plugin's container can resolve it.
      inContainer(`extension point '${ep.id}'`, node.id, () =>
        this.container
          .bind(ep.extensionPoint.key)
          .toDynamicValue(() => this.view(ep, { key: '\0container', pluginId: node.id, className: 'the plugin container' })),
      );
    }
    const settings = options.settings;
    this.#make = {
      resolve: (dep) => this.resolve(dep, { key: '\0scope', pluginId: node.id }),
      pluginId: node.id,
      get timeoutMs() {
        return settings.initTimeoutMs();
      },
      stack: this.stack,
      rootContext: (context) => root.value(context),
    };
  }

  /** Creates what `nodes` need and then them, each once; sync when everything is. */
  ensure(nodes: readonly Creatable[]): void | Promise<void> {
    return ensureCreated(this, nodes);
  }

  /**
   * Constructs a module or the plugin (or anything else of this plugin that is not cached), once
   * its needs are created ({@link ensure}): `new cls(...)` with each dependency resolved for `holder`.
   */
  construct(recipe: Recipe, holder: ViewHolder, subject: Subject): object {
    const args = new Array<unknown>(recipe.deps.length);
    for (let index = 0; index < args.length; index++) args[index] = this.resolve(recipe.deps[index]!, holder);
    return construct(recipe, args, subject);
  }

  /** The gate of one of this plugin's extension points. */
  gate(id: string): Gate {
    return this.#gates.get(id)!;
  }

  /** Replaces a class's instance (an extension point implementation rebuilt without a left-out module). */
  replaceInstance(node: ClassNode, instance: object): void {
    this.#cells.set(node, Cell.done(instance));
  }

  /** Makes a new instance of a class of this plugin, its needs being done (for a rebuild). */
  makeFresh(node: ClassNode): Boxed<object> {
    return makeClass(node, this.#make) as Boxed<object>;
  }

  /** Drops every instance, gate and binding. */
  release(): void {
    this.#cells.clear();
    this.#gates.forEach((gate) => (gate.implementation = undefined));
  }

  /** The value one dependency resolves to for `holder` (everything it needs is done). */
  resolve(dep: Dependency, holder: ViewHolder): unknown {
    switch (dep.kind) {
      case 'absent':
        return undefined;
      case 'class':
        return this.valueOf(dep.node);
      case 'service': {
        const value = this.valueOf(dep.node);
        const view = dependantViewOf(dep.node.ref);
        if (view === undefined) return value;
        const context: DependantViewContext =
          holder.moduleId === undefined ? { pluginId: holder.pluginId } : { pluginId: holder.pluginId, moduleId: holder.moduleId };
        return view(value, context);
      }
      case 'extensionPoint': {
        const ep = this.#node.extensionPoints.get(dep.extensionPoint.id);
        return ep === undefined ? undefined : this.view(ep, holder);
      }
    }
  }

  /**
   * A view of one of this plugin's extension points for `holder`. For `useFactory` the factory
   * is called now, once for this holder, and the view guards what it returned.
   */
  view(ep: ExtensionPointNode, holder: ViewHolder): object {
    const gate = this.#gates.get(ep.id)!;
    const implementation = ep.implementation;
    if (implementation.kind === 'class') {
      gate.implementation ??= this.valueOf(implementation.node) as object;
      return createView(gate, holder);
    }
    if (implementation.kind === 'value') return createView(gate, holder);
    const deps: Record<string, unknown> = {};
    for (const [name, dep] of implementation.deps) deps[name] = this.resolve(dep, holder);
    const made = implementation.factory(this.factoryContext(ep, holder), deps);
    // An object to guard, now: a promise (an async factory) would be guarded instead of what it resolves to.
    const thenable = isThenable(made);
    if (typeof made !== 'object' || made === null || thenable) {
      throw plugboardError('INIT_FAILED', {
        pluginId: this.#node.id,
        ...(holder.moduleId === undefined ? {} : { moduleId: holder.moduleId }),
        step: `useFactory of extension point '${ep.id}'`,
        cause: new TypeError(
          thenable
            ? 'the factory returned a promise; useFactory must return the object itself (create what it needs in deps or @onInit)'
            : `the factory returned ${describeValue(made)}, not an object`,
        ),
      });
    }
    return createView(gate, holder, made);
  }

  private factoryContext(ep: ExtensionPointNode, holder: ViewHolder): ExtensionPointFactoryContext {
    const pluginId = this.#node.id;
    const moduleId = holder.moduleId;
    const reports = this.#options.reports;
    return Object.freeze({
      pluginId,
      moduleId,
      reportModuleStartupFailure: (options: { readonly error: unknown }): void => {
        if (moduleId === undefined) throw plugboardError('INVALID_STATE', { reason: 'provider-report', pluginId, extensionPointId: ep.id });
        reports.report(moduleId, ep, (options as { error?: unknown } | undefined)?.error);
      },
    });
  }

  private valueOf(node: Creatable): unknown {
    return this.owns(node) ? this.cell(node)!.value : this.parent.value(node);
  }

  // ---- CreationScope ----

  cell(node: Creatable): Cell | undefined {
    if (node.kind === 'service' && node.source === 'builtin') return this.#context;
    return this.#cells.get(node);
  }

  setCell(node: Creatable, cell: Cell): void {
    this.#cells.set(node, cell);
    // Bound in the plugin's container as it is created: what the plugin owns, its container holds.
    if (node.kind === 'service')
      inContainer(`service '${node.id}'`, this.#node.id, () => this.container.bind(node.ref.key).toDynamicValue(() => this.valueOf(node)));
  }

  owns(node: Creatable): boolean {
    return node.scope === 'plugin';
  }

  needsOf(node: Creatable): readonly Creatable[] {
    if (node.kind !== 'class') return node.needs;
    // A class is shared by every plugin; the extension points it injects are this plugin's.
    this.#classNeeds ??= new Map();
    let needs = this.#classNeeds.get(node);
    if (needs === undefined) {
      needs = node.needs;
      for (const dep of node.recipe.deps) {
        if (dep.kind !== 'extensionPoint') continue;
        const ep = this.#node.extensionPoints.get(dep.extensionPoint.id);
        if (ep !== undefined) needs = [...needs, ...ep.needs];
      }
      this.#classNeeds.set(node, needs);
    }
    return needs;
  }

  make(node: Creatable): Boxed {
    if (node.kind === 'service') return makeService(node, this.#make);
    if (node.kind === 'class') {
      // A class injecting an extension point holds a view of its own.
      const context = node.recipe.deps.some((dep) => dep.kind === 'extensionPoint')
        ? this.makeContextResolving((dep) =>
            this.resolve(dep, { key: `\0${node.key}`, pluginId: this.#node.id, className: node.recipe.name }),
          )
        : this.#make;
      return makeClass(node, context);
    }
    return makeRootContext(node, this.#make);
  }

  /** The scope's make context with another `resolve` (a getter for the timeout, which config may refine). */
  private makeContextResolving(resolve: (dep: Dependency) => unknown): MakeContext {
    const make = this.#make;
    return {
      resolve,
      pluginId: make.pluginId,
      get timeoutMs() {
        return make.timeoutMs;
      },
      stack: make.stack,
      rootContext: (context) => make.rootContext(context),
    };
  }

  halted(): boolean {
    return this.#options.settings.halted();
  }
}
