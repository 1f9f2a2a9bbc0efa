import type { WiringProblem } from '../errors.js';
import type { ExtensionPointProvider } from '../decorators/metadata.js';
import { className, type Constructor } from '../tokens/types.js';
import type { CatalogEntry } from './catalog.js';
import { findCycles, topologicalOrder } from './cycles.js';
import type { FeatureSet } from './features.js';
import { reportConstructionCycles } from './construction-cycles.js';
import { moduleOwner, pluginOwner } from './owners.js';
import { analysePluginUsage } from './plugin-usage.js';
import { ReachIndex } from './reach.js';
import { RecipeBook } from './recipes.js';
import { checkScopes } from './scope-rules.js';
import { buildServiceNodes } from './service-nodes.js';
import type { ExtensionPointNode, ModuleNode, PluginNode, WiringGraph } from './types.js';

// Shared empty lists; a node gets its own array only when it has something to list.
const NO_EXTENSION_POINTS: readonly ExtensionPointNode[] = Object.freeze([]);
const NO_IDS: readonly string[] = Object.freeze([]);
const NO_MODULES: readonly ModuleNode[] = Object.freeze([]);

/**
 * Turns loaded features and the service catalog into the validated wiring graph. Pure: reads
 * metadata and data, never touches a container or runs user code. Every problem is appended to
 * `problems`; the graph is only usable when none were found.
 */
export function buildGraph(features: FeatureSet, catalog: ReadonlyMap<string, CatalogEntry>, problems: WiringProblem[]): WiringGraph {
  const book = new RecipeBook(catalog, problems);

  // Extension points: one provider each in the whole app. Provided as their owners are read.
  const extensionPoints = new Map<string, ExtensionPointNode>();
  const describeProvider = (pluginId: string, moduleId: string | undefined): string =>
    moduleId === undefined ? `plugin '${pluginId}'` : `module '${moduleId}' of plugin '${pluginId}'`;
  // Returns the nodes provided, or the shared empty list when there are none (most modules).
  const provide = (
    plugin: PluginNode,
    providers: readonly ExtensionPointProvider[],
    moduleId: string | undefined,
  ): readonly ExtensionPointNode[] => {
    if (providers.length === 0) return NO_EXTENSION_POINTS;
    const into: ExtensionPointNode[] = [];
    for (const provider of providers) {
      const id = provider.provide.id;
      const existing = extensionPoints.get(id);
      if (existing !== undefined) {
        problems.push({
          code: 'DUPLICATE_EXTENSION_POINT',
          message:
            `Extension point '${id}' is provided twice: by ${describeProvider(existing.pluginId, existing.moduleId)} and by ` +
            `${describeProvider(plugin.id, moduleId)}. Exactly one feature provides an extension point; remove one provider.`,
          extensionPointId: id,
          pluginId: plugin.id,
          ...(moduleId === undefined ? {} : { moduleId }),
        });
        continue;
      }
      const node: ExtensionPointNode = {
        id,
        extensionPoint: provider.provide,
        pluginId: plugin.id,
        ...(moduleId === undefined ? {} : { moduleId }),
        implementation:
          'useClass' in provider
            ? { kind: 'class', node: book.classNode(provider.useClass as Constructor) }
            : { kind: 'value', value: provider.useValue },
        users: [],
        usedByPlugin: false,
      };
      extensionPoints.set(id, node);
      plugin.extensionPoints.set(id, node);
      into.push(node);
    }
    return into;
  };

  // Plugins, unique by id.
  const pluginsById = new Map<string, PluginNode>();
  const duplicatePlugins = new Map<string, Constructor[]>();
  for (let index = 0; index < features.plugins.length; index++) {
    const { cls, metadata } = features.plugins[index]!;
    const id = metadata.plugin!.id;
    const first = pluginsById.get(id);
    if (first !== undefined) {
      const classes = duplicatePlugins.get(id) ?? [first.recipe.cls];
      classes.push(cls);
      duplicatePlugins.set(id, classes);
      continue;
    }
    const plugin: PluginNode = {
      id,
      recipe: book.recipe(cls, pluginOwner(id), metadata),
      provides: NO_EXTENSION_POINTS,
      dependsOn: metadata.plugin!.dependsOn,
      modules: [],
      extensionPoints: new Map(),
      pluginServices: [],
      pluginClasses: [],
    };
    pluginsById.set(id, plugin);
    plugin.provides = provide(plugin, metadata.plugin!.extensionPoints, undefined);
  }
  for (const [id, classes] of duplicatePlugins) {
    problems.push({
      code: 'DUPLICATE_PLUGIN',
      message:
        `Plugin id '${id}' is used by ${classes.length} classes (${classes.map(className).join(', ')}). ` +
        `Plugin ids are unique in the app: remove the extra add() or rename one plugin.`,
      pluginId: id,
    });
  }

  // Modules, each attached to its installed plugin, unique within it. A plugin's few modules are
  // searched in place; one with many gets an index, so a duplicate check stays O(1).
  const moduleIndex = new Map<PluginNode, Map<string, ModuleNode>>();
  const findModule = (plugin: PluginNode, id: string): ModuleNode | undefined => {
    const index = moduleIndex.get(plugin);
    if (index !== undefined) return index.get(id);
    if (plugin.modules.length < 16) {
      for (let at = 0; at < plugin.modules.length; at++) if (plugin.modules[at]!.id === id) return plugin.modules[at];
      return undefined;
    }
    moduleIndex.set(plugin, new Map(plugin.modules.map((module) => [module.id, module])));
    return moduleIndex.get(plugin)!.get(id);
  };
  const skippedModules: Array<{ pluginId: string; moduleId: string }> = [];
  for (let index = 0; index < features.modules.length; index++) {
    const { cls, metadata, skippable } = features.modules[index]!;
    const { pluginId, id } = metadata.module!;
    const plugin = pluginsById.get(pluginId);
    if (plugin === undefined) {
      if (skippable) skippedModules.push({ pluginId, moduleId: id });
      else {
        problems.push({
          code: 'MODULE_WITHOUT_PLUGIN',
          message:
            `Module '${id}' (class ${className(cls)}) extends plugin '${pluginId}', which is not installed. ` +
            `Add the '${pluginId}' plugin with add(), or remove the module.`,
          pluginId,
          moduleId: id,
        });
      }
      continue;
    }
    const first = findModule(plugin, id);
    if (first !== undefined) {
      problems.push({
        code: 'DUPLICATE_MODULE',
        message:
          `Plugin '${pluginId}' has two modules with id '${id}' (${first.recipe.name} and ${className(cls)}). ` +
          `Module ids are unique within a plugin: remove the extra add() or rename one module.`,
        pluginId,
        moduleId: id,
      });
      continue;
    }
    const module: ModuleNode = {
      pluginId,
      id,
      index: plugin.modules.length,
      recipe: book.recipe(cls, moduleOwner(pluginId, id), metadata),
      provides: NO_EXTENSION_POINTS,
      uses: NO_IDS,
      after: NO_MODULES,
    };
    plugin.modules.push(module);
    moduleIndex.get(plugin)?.set(id, module);
    module.provides = provide(plugin, metadata.module!.extensionPoints, id);
  }

  // Services: nodes, what they reach, scope rules.
  const services = buildServiceNodes(catalog, features.decorators, book);
  const reach = new ReachIndex(services, problems);
  for (const node of services.values()) reach.pluginClosure(node);
  checkScopes(services.values(), book.classNodes.values(), problems);

  // Per plugin: who uses which extension point, ownership, module order, what to bind.
  const classesByKey = new Map([...book.classNodes.values()].map((node) => [node.key, node]));
  for (const plugin of pluginsById.values()) analysePluginUsage(plugin, { services, extensionPoints, classesByKey, reach, problems });

  // Missing refs, reported once each with every dependant.
  for (const { ref, dependants } of book.missing.values()) {
    problems.push({
      code: 'SERVICE_NOT_FOUND',
      message:
        `No implementation of service '${ref.id}' is installed and the ref has no defaultFactory; it is needed by ` +
        `${dependants.join(', ')}. Install one with add() (a @Service({ provides }) class or a createServiceFactory()), ` +
        `or mark the parameter @optional().`,
      refId: ref.id,
      related: [...dependants],
    });
  }

  // Construction cycles among services, classes and extension point implementations.
  reportConstructionCycles(services, book.classNodes, extensionPoints, problems);

  // Plugin dependsOn.
  for (const plugin of pluginsById.values()) {
    for (const dependency of plugin.dependsOn) {
      if (pluginsById.has(dependency)) continue;
      problems.push({
        code: 'PLUGIN_DEPENDENCY_MISSING',
        message: `Plugin '${plugin.id}' depends on plugin '${dependency}' (dependsOn), which is not installed. Add it, or remove it from dependsOn.`,
        pluginId: plugin.id,
        related: [dependency],
      });
    }
  }
  const pluginIds = [...pluginsById.keys()];
  const pluginDeps = (id: string): readonly string[] => pluginsById.get(id)?.dependsOn.filter((d) => pluginsById.has(d)) ?? [];
  // Most apps use no dependsOn at all: then there is no cycle, and any order is an order.
  const ordered = [...pluginsById.values()].some((plugin) => plugin.dependsOn.length > 0);
  for (const cycle of ordered ? findCycles(pluginIds, pluginDeps) : []) {
    problems.push({
      code: 'DEPENDENCY_CYCLE',
      message: `Plugins depend on each other in a cycle: ${cycle.join(' -> ')} (each arrow reads "dependsOn"). Remove one dependsOn entry.`,
      pluginId: cycle[0]!,
      path: cycle,
    });
  }
  const plugins = [...pluginsById.values()];
  const rootServices = [...services.values()].filter((s) => s.scope === 'root' && s.source !== 'builtin');
  const rootClasses = [...book.classNodes.values()].filter((c) => c.scope === 'root');
  return {
    plugins,
    pluginsById,
    services,
    rootServices,
    rootClasses,
    classNodes: book.classNodes,
    pluginOrder: ordered ? topologicalOrder(pluginIds, pluginDeps) : pluginIds,
    skippedModules,
    problems,
  };
}
