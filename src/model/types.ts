import type { WiringProblem } from '../errors.js';
import type { ExtensionPoint } from '../tokens/extension-point.js';
import type { ServiceDecorator } from '../tokens/service-decorator.js';
import type { ServiceFactory, ServiceRef, ServiceScope } from '../tokens/service-ref.js';
import type { Constructor } from '../tokens/types.js';

/** One constructor parameter or factory dependency, resolved to what it points at. */
export type Dependency =
  | { readonly kind: 'service'; readonly ref: ServiceRef<unknown>; readonly optional: boolean }
  | { readonly kind: 'extensionPoint'; readonly extensionPoint: ExtensionPoint<unknown>; readonly optional: boolean }
  | { readonly kind: 'class'; readonly node: ClassNode; readonly optional: boolean }
  // an optional dependency that nothing provides: the parameter receives undefined
  | { readonly kind: 'absent' };

/** How to construct one class: its dependencies in parameter order and its lifecycle methods. */
export interface Recipe {
  readonly cls: Constructor;
  readonly name: string;
  readonly deps: readonly Dependency[];
  readonly onInit?: string | symbol;
  readonly onShutdown?: string | symbol;
}

/** A class injected by class: an extension point implementation or a plain `@Service()` class. */
export interface ClassNode {
  readonly key: string;
  readonly cls: Constructor;
  readonly scope: ServiceScope;
  recipe: Recipe;
  /** Set when this class implements an installed ref: injecting it yields that ref's instance. */
  readonly aliasOf?: ServiceRef<unknown>;
}

/** The chosen implementation of one service ref. */
export interface ServiceNode {
  readonly id: string;
  readonly ref: ServiceRef<unknown>;
  readonly scope: ServiceScope;
  readonly source: 'installed' | 'default' | 'builtin';
  readonly implementation:
    | { readonly kind: 'class'; recipe: Recipe }
    | { readonly kind: 'factory'; readonly factory: ServiceFactory; deps: ReadonlyArray<readonly [string, Dependency]> }
    | { readonly kind: 'builtin' };
  /** Decorators that wrap the instance, in order of installation, with their resolved deps. */
  readonly decorators: ReadonlyArray<{ readonly decorator: ServiceDecorator; readonly deps: ReadonlyArray<readonly [string, Dependency]> }>;
  /** Ids of plugin-scoped refs this service needs, itself included when plugin-scoped. */
  pluginClosure?: ReadonlySet<string>;
}

/** Who provides an extension point, and with what. */
export interface ExtensionPointNode {
  readonly id: string;
  readonly extensionPoint: ExtensionPoint<unknown>;
  readonly pluginId: string;
  /** Undefined when the plugin itself provides it. */
  readonly moduleId?: string;
  readonly implementation: { readonly kind: 'class'; readonly node: ClassNode } | { readonly kind: 'value'; readonly value: unknown };
  /** Modules (ids) that inject it. */
  readonly users: string[];
  /** True when the plugin class injects it. */
  usedByPlugin: boolean;
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
  /** Extension point ids it injects. */
  uses: readonly string[];
  /** Modules that must finish init before this one starts (the users of what it provides). */
  after: readonly ModuleNode[];
}

export interface PluginNode {
  readonly id: string;
  readonly recipe: Recipe;
  provides: readonly ExtensionPointNode[];
  readonly dependsOn: readonly string[];
  readonly modules: ModuleNode[];
  /** Extension points of this plugin by id, whoever provides them. */
  readonly extensionPoints: Map<string, ExtensionPointNode>;
  /** Plugin-scoped refs to bind in this plugin's container. */
  readonly pluginServices: string[];
  /** Plugin-scoped classes injected by class, to bind in this plugin's container. */
  readonly pluginClasses: ClassNode[];
}

/** The validated wiring of an app: pure data, read by the runtime and by describe(). */
export interface WiringGraph {
  readonly plugins: PluginNode[];
  readonly pluginsById: Map<string, PluginNode>;
  readonly services: Map<string, ServiceNode>;
  /** Root-scoped services to create at start. */
  readonly rootServices: ServiceNode[];
  /** Root-scoped classes injected by class. */
  readonly rootClasses: ClassNode[];
  readonly classNodes: Map<Constructor, ClassNode>;
  /** Plugin ids in an order that respects dependsOn (for describe; plugins start concurrently). */
  readonly pluginOrder: string[];
  /** Discovered modules left out because their plugin is not installed. */
  readonly skippedModules: ReadonlyArray<{ readonly pluginId: string; readonly moduleId: string }>;
  readonly problems: WiringProblem[];
}
