import { describeThrown, type StartupStatus, type WiringProblem } from '../errors/index.js';
import { layers } from './graph-algorithms.js';
import type { Dependency, ExtensionPointNode, Implementation, ModuleNode, PluginNode, ServiceNode, WiringGraph } from './types.js';

/** Outcome of one plugin or module (the start result's status). `pending` until start() reaches it. */
export type FeatureStatus = StartupStatus;

/** What the runtime knows about one feature, merged into the description. */
export interface FeatureRecord {
  readonly status: FeatureStatus;
  readonly initMs?: number | undefined;
  /** The error it failed with (an Error, a PlugboardError, or whatever was thrown). */
  readonly error?: unknown;
}

/** A module in {@link AppDescription}. */
export interface ModuleDescription {
  /** The module's id, unique within its plugin. */
  readonly id: string;
  /** The plugin it extends. */
  readonly pluginId: string;
  /** Where it is in its life (`pending` before start). */
  readonly status: FeatureStatus;
  /** How long its construction and `@onInit` took, once started. */
  readonly initMs?: number;
  /** Why it failed, when it did (a one-line description of the error). */
  readonly error?: string;
  /** Extension point ids this module provides. */
  readonly provides: readonly string[];
  /** Extension point ids this module injects. */
  readonly uses: readonly string[];
  /** Service ref ids it injects. */
  readonly services: readonly string[];
  /** Modules that finish init before this one starts. */
  readonly after: readonly string[];
}

/** A plugin in {@link AppDescription}. */
export interface PluginDescription {
  /** The plugin's id. */
  readonly id: string;
  /** Where it is in its life (`pending` before start). */
  readonly status: FeatureStatus;
  /** How long it took to start, its modules included, once started. */
  readonly initMs?: number;
  /** Why it failed, when it did (a one-line description of the error). */
  readonly error?: string;
  /** Plugin ids it starts after (`@Plugin({ dependsOn })`). */
  readonly dependsOn: readonly string[];
  /** Extension point ids the plugin itself provides. */
  readonly provides: readonly string[];
  /** Extension point ids the plugin injects (its own or its modules'). */
  readonly uses: readonly string[];
  /** Service ref ids the plugin injects. */
  readonly services: readonly string[];
  /** Its modules, in the order they were added. */
  readonly modules: readonly ModuleDescription[];
  /** Module ids in init order: each inner array starts together, after the previous one. */
  readonly moduleOrder: readonly (readonly string[])[];
}

/** A feature that uses or provides something: a plugin, or a module of a plugin. */
export interface FeatureRef {
  /** The plugin, or the module's plugin. */
  readonly pluginId: string;
  /** The module, when the feature is a module. */
  readonly moduleId?: string;
}

/** An extension point in {@link AppDescription}. */
export interface ExtensionPointDescription {
  /** The extension point's id. */
  readonly id: string;
  /** The plugin it belongs to: only that plugin and its modules can inject it. */
  readonly pluginId: string;
  /** The plugin or module that provides it. */
  readonly provider: FeatureRef;
  /** The plugin and modules that inject it. */
  readonly users: readonly FeatureRef[];
}

/** Who depends on a service. */
export type ServiceDependant =
  | {
      /** A plugin injects it. */
      readonly kind: 'plugin';
      /** The plugin. */
      readonly pluginId: string;
    }
  | {
      /** A module injects it. */
      readonly kind: 'module';
      /** The module's plugin. */
      readonly pluginId: string;
      /** The module. */
      readonly moduleId: string;
    }
  | {
      /** Another service depends on it. */
      readonly kind: 'service';
      /** That service's ref id. */
      readonly refId: string;
    };

/** A service in {@link AppDescription}. */
export interface ServiceDescription {
  /** The ref id. */
  readonly id: string;
  /** `root`: one instance for the app; `plugin`: one per plugin that uses it. */
  readonly scope: 'root' | 'plugin';
  /** `installed` with add(), `default` from the ref's defaultFactory. */
  readonly source: 'installed' | 'default';
  /** The class name, or `factory` (for a multiton ref: the first one, or `none` when none is installed). */
  readonly implementation: string;
  /** Every implementation in registration order (one for a singleton ref). */
  readonly implementations: readonly string[];
  /** True for a multiton ref (injected as an array of every implementation). */
  readonly multiton: boolean;
  /** `always`: created at start (per plugin, for a plugin-scoped ref); `lazy`: when first needed. */
  readonly initialization: 'always' | 'lazy';
  /** Implementations a feature loader provided that one passed to add() replaced. */
  readonly replaced?: ReadonlyArray<ReplacedImplementation>;
  /** Ref ids it depends on. */
  readonly dependencies: readonly string[];
  /** The plugins, modules and services that inject it. */
  readonly dependants: readonly ServiceDependant[];
}

/** A loaded implementation that an explicit one replaced (see {@link ServiceDescription.replaced}). */
export interface ReplacedImplementation {
  /** The replaced class's name, or `factory` (as {@link ServiceDescription.implementation} names them). */
  readonly implementation: string;
  /** The feature loader (or discovered package) that provided it. */
  readonly loader: string;
}

/** The wiring graph as plain, JSON-serialisable data: what `app.describe()` returns. */
export interface AppDescription {
  /** The app's state when described: `built`, `starting`, `started`, `stopping`, `stopped` or `failed`. */
  readonly state: string;
  /** Every installed plugin with its modules. */
  readonly plugins: readonly PluginDescription[];
  /** Every extension point, with its provider and users. */
  readonly extensionPoints: readonly ExtensionPointDescription[];
  /** Every service the app uses (core services included), with scope and dependants. */
  readonly services: readonly ServiceDescription[];
  /** Plugin ids in init order: each inner array starts together, after the previous one (dependsOn). */
  readonly initOrder: readonly (readonly string[])[];
  /** Problems found by validation (empty when the wiring is sound). */
  readonly problems: readonly WiringProblem[];
}

/** The runtime's record of a plugin or module; undefined before start. */
export type RecordLookup = (node: PluginNode | ModuleNode) => FeatureRecord | undefined;

/** Describes a graph, merging in the runtime's records. Pure. */
export function describeGraph(
  graph: WiringGraph,
  state: string,
  problems: readonly WiringProblem[],
  records: RecordLookup,
): AppDescription {
  const dependants = new Dependants();
  const plugins = graph.plugins.map((plugin) => describePlugin(plugin, records, dependants));
  const services: ServiceDescription[] = [];
  for (const node of graph.services.values()) {
    if (node.source === 'builtin') continue;
    services.push(describeService(node, dependants.add(node.deps, { kind: 'service', refId: node.id }), dependants.of(node.id)));
  }
  return {
    state,
    plugins,
    extensionPoints: graph.plugins.flatMap((plugin) => [...plugin.extensionPoints.values()].map(describeExtensionPoint)),
    services,
    initOrder: layers(
      graph.plugins,
      (p) => p.id,
      (p) => p.dependsOn,
    ),
    problems: [...problems],
  };
}

/** Who injects each service, collected while plugins, modules and services are described. */
class Dependants {
  readonly #lists = new Map<string, ServiceDependant[]>();

  /** The list of `id`'s dependants: shared, later dependants still join it. */
  of(id: string): ServiceDependant[] {
    let list = this.#lists.get(id);
    if (list === undefined) this.#lists.set(id, (list = []));
    return list;
  }

  /** Records `who` as a dependant of each service in `deps`; returns their ids. */
  add(deps: readonly Dependency[], who: ServiceDependant): string[] {
    const ids: string[] = [];
    for (const dep of deps) {
      if (dep.kind !== 'service' || dep.node.source === 'builtin' || ids.includes(dep.node.id)) continue;
      ids.push(dep.node.id);
      this.of(dep.node.id).push(who);
    }
    return ids;
  }
}

function describePlugin(plugin: PluginNode, records: RecordLookup, dependants: Dependants): PluginDescription {
  return {
    id: plugin.id,
    ...status(records(plugin)),
    dependsOn: [...plugin.dependsOnIds],
    provides: plugin.provides.map((ep) => ep.id),
    uses: [...plugin.extensionPoints.values()].filter((ep) => ep.usedByPlugin).map((ep) => ep.id),
    services: dependants.add(plugin.recipe.deps, { kind: 'plugin', pluginId: plugin.id }),
    modules: plugin.modules.map((module): ModuleDescription => ({
      id: module.id,
      pluginId: plugin.id,
      ...status(records(module)),
      provides: module.provides.map((ep) => ep.id),
      uses: module.uses.map((ep) => ep.id),
      services: dependants.add(module.recipe.deps, { kind: 'module', pluginId: plugin.id, moduleId: module.id }),
      after: module.after.map((m) => m.id),
    })),
    moduleOrder: layers(
      plugin.modules,
      (m) => m.id,
      (m) => m.after,
    ),
  };
}

function describeExtensionPoint(ep: ExtensionPointNode): ExtensionPointDescription {
  return {
    id: ep.id,
    pluginId: ep.pluginId,
    provider: ep.moduleId === undefined ? { pluginId: ep.pluginId } : { pluginId: ep.pluginId, moduleId: ep.moduleId },
    users: [...(ep.usedByPlugin ? [{ pluginId: ep.pluginId }] : []), ...ep.users.map((moduleId) => ({ pluginId: ep.pluginId, moduleId }))],
  };
}

/** `dependants` is shared with later services, which may still add to it. */
function describeService(node: ServiceNode, dependencies: string[], dependants: ServiceDependant[]): ServiceDescription {
  const implementations = node.implementations.map(implementationName);
  return {
    id: node.id,
    scope: node.scope,
    source: node.source === 'installed' ? 'installed' : 'default',
    implementation: implementations[0] ?? 'none',
    implementations,
    multiton: node.multiton,
    initialization: node.initialization,
    ...(node.replaced.length === 0
      ? {}
      : {
          replaced: node.replaced.map(({ implementation, loader }) => ({
            implementation: 'className' in implementation ? implementation.className : 'factory',
            loader,
          })),
        }),
    dependencies,
    dependants,
  };
}

/** How describe() names an implementation: its class's name, or `factory` (messages use errors' implementationLabel). */
function implementationName(implementation: Implementation): string {
  return implementation.kind === 'class' ? implementation.recipe.name : 'factory';
}

function status(record: FeatureRecord | undefined): { status: FeatureStatus; initMs?: number; error?: string } {
  if (record === undefined) return { status: 'pending' };
  const result: { status: FeatureStatus; initMs?: number; error?: string } = { status: record.status };
  if (record.initMs !== undefined) result.initMs = Math.round(record.initMs * 1000) / 1000;
  if (record.error !== undefined) result.error = describeThrown(record.error);
  return result;
}
