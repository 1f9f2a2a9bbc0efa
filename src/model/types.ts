import type { ServiceDecorator } from '../tokens/service-decorator.js';
import type { ExtensionPoint, ExtensionPointFactoryContext } from '../tokens/extension-point.js';
import type { AnyServiceRef, ServiceInitialization, ServiceScope } from '../tokens/service-ref.js';
import type { ServiceFactory } from '../tokens/service-factory.js';
import type { Constructor } from '../tokens/types.js';
import type { ReplacedImplementation } from './catalog-entry.js';

/**
 * The wiring graph: pure data the model builds from the features and the runtime walks. Nodes
 * point at each other directly (a dependency holds its node), so nothing is looked up by id at
 * run time.
 */

/** One constructor parameter or factory dependency, resolved to what it points at. */
export type Dependency =
  | { readonly kind: 'service'; readonly node: ServiceNode; readonly optional: boolean }
  | { readonly kind: 'extensionPoint'; readonly extensionPoint: ExtensionPoint<unknown>; readonly optional: boolean }
  | { readonly kind: 'class'; readonly node: ClassNode; readonly optional: boolean }
  // an optional dependency that nothing provides (or a parameter without a token): undefined
  | { readonly kind: 'absent' };

/** Named dependencies: a factory's, a decorator's, a root context's or an extension point factory's. */
export type NamedDeps = ReadonlyArray<readonly [name: string, dependency: Dependency]>;

/** How to construct one class: its dependencies in parameter order and its lifecycle methods. */
export interface Recipe {
  readonly cls: Constructor;
  readonly name: string;
  readonly deps: readonly Dependency[];
  readonly onInit: string | symbol | undefined;
  readonly onShutdown: string | symbol | undefined;
}

/** Something a scope creates once and caches: a service, a class injected by class, a root context. */
export type Creatable = ServiceNode | ClassNode | RootContextNode;

/** A class injected by class: an extension point implementation or a plain `@Service()` class. */
export interface ClassNode {
  readonly kind: 'class';
  readonly cls: Constructor;
  /** Unique among the app's classes (two classes may share a name). */
  readonly key: string;
  readonly scope: ServiceScope;
  recipe: Recipe;
  /** The creatables it needs first, in dependency order (filled once every node exists). */
  needs: readonly Creatable[];
}

/** One implementation of a ref: a class, or a factory with its dependencies. */
export type Implementation =
  | { readonly kind: 'class'; readonly recipe: Recipe }
  | { readonly kind: 'factory'; readonly factory: ServiceFactory; readonly deps: NamedDeps };

/** A service ref and what implements it (for a multiton ref, every implementation). */
export interface ServiceNode {
  readonly kind: 'service';
  readonly id: string;
  readonly ref: AnyServiceRef;
  readonly scope: ServiceScope;
  readonly multiton: boolean;
  readonly initialization: ServiceInitialization;
  readonly source: 'installed' | 'default' | 'builtin';
  /**
   * Exactly one for a singleton (none for a builtin, or for a default that failed: a problem says
   * why, and the app does not start); any number for a multiton, in registration order.
   */
  readonly implementations: readonly Implementation[];
  /** Decorators that wrap the instance (each element of a multiton), in order of installation. */
  readonly decorators: ReadonlyArray<{ readonly decorator: ServiceDecorator; readonly deps: NamedDeps }>;
  /** For a plugin-scoped factory with `createRootContext`: the root context it is made with. */
  readonly rootContext: RootContextNode | undefined;
  /** Implementations from feature loaders that an implementation passed to add() replaced. */
  readonly replaced: readonly ReplacedImplementation[];
  /** Everything it injects: every implementation's dependencies, then its decorators'. */
  readonly deps: readonly Dependency[];
  needs: readonly Creatable[];
}

/** The once-per-app context of a plugin-scoped factory (`createRootContext`), made in the root scope. */
export interface RootContextNode {
  readonly kind: 'rootContext';
  readonly scope: 'root';
  readonly service: ServiceNode;
  readonly create: (rootDeps: Record<string, unknown>) => unknown;
  /** The factory's deps: root-scoped ones are passed, reading a plugin-scoped one is refused. */
  readonly deps: NamedDeps;
  needs: readonly Creatable[];
}

/** How an extension point is implemented. */
export type ExtensionPointImplementation =
  | { readonly kind: 'class'; readonly node: ClassNode }
  | { readonly kind: 'value'; readonly value: object }
  | {
      readonly kind: 'factory';
      readonly factory: (context: ExtensionPointFactoryContext, deps: Record<string, unknown>) => unknown;
      readonly deps: NamedDeps;
    };

/** Who provides an extension point, and with what. */
export interface ExtensionPointNode {
  readonly id: string;
  readonly extensionPoint: ExtensionPoint<unknown>;
  readonly pluginId: string;
  /** Undefined when the plugin itself provides it. */
  readonly moduleId: string | undefined;
  readonly implementation: ExtensionPointImplementation;
  /** Modules (ids) that inject it, directly or through classes they inject. */
  readonly users: string[];
  /** True when the plugin class (or a class it injects) injects it. */
  usedByPlugin: boolean;
  /** What must exist before a view can be made: the implementation class, or the factory's deps. */
  needs: readonly Creatable[];
}

/**
 * A module of a plugin. Its lists start as one shared empty array and are replaced when the
 * module has something to list: most modules provide nothing and wait for nothing, and there
 * can be tens of thousands of them.
 */
export interface ModuleNode {
  readonly pluginId: string;
  readonly id: string;
  /** Its position in its plugin's `modules`: the runtime keeps per-module state in arrays by it. */
  readonly index: number;
  readonly recipe: Recipe;
  provides: readonly ExtensionPointNode[];
  /** Extension points it injects (directly or through classes it injects). */
  uses: readonly ExtensionPointNode[];
  /** Modules that must finish init before this one starts (the users of what it provides). */
  after: readonly ModuleNode[];
  /** Creatables its constructor needs, in dependency order. */
  needs: readonly Creatable[];
}

export interface PluginNode {
  readonly id: string;
  readonly recipe: Recipe;
  provides: readonly ExtensionPointNode[];
  /** Plugins that must be up before this one starts (`dependsOn`), the installed ones. */
  dependsOn: readonly PluginNode[];
  /** `dependsOn` as declared (ids), for describe(). */
  readonly dependsOnIds: readonly string[];
  readonly modules: ModuleNode[];
  /** Extension points of this plugin by id, whoever provides them. */
  readonly extensionPoints: Map<string, ExtensionPointNode>;
  /** Creatables its constructor needs, in dependency order. */
  needs: readonly Creatable[];
  /**
   * What the plugin and its modules need, created when the plugin starts, before its modules: so
   * they stop after every feature that uses them.
   */
  startNeeds: readonly Creatable[];
}

/** The validated wiring of an app: pure data, read by the runtime and by describe(). */
export interface WiringGraph {
  readonly plugins: readonly PluginNode[];
  /** Every service node by ref id: core ones, and the builtins the runtime provides itself (`source: 'builtin'`). */
  readonly services: ReadonlyMap<string, ServiceNode>;
  /** Root services created at start (`initialization: 'always'`); the runtime creates them in dependency order. */
  readonly rootAtStart: readonly ServiceNode[];
  /** Plugin-scoped services created for every plugin at its start (`initialization: 'always'`). */
  readonly pluginAtStart: readonly ServiceNode[];
  /** Discovered modules left out because their plugin is not installed. */
  readonly skippedModules: ReadonlyArray<{ readonly pluginId: string; readonly moduleId: string }>;
}
