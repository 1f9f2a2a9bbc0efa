import { wiringProblem, type WiringProblem } from '../../errors/index.js';
import { className, type Constructor } from '../../tokens/types.js';
import type { FeatureSet } from '../features.js';
import type { RecipeBook } from '../recipes.js';
import type { Creatable, ExtensionPointNode, ModuleNode, PluginNode } from '../types.js';
import type { ExtensionPointRegistry } from './extension-points.js';
import { mayHoldClasses } from './usage.js';

const NO_EXTENSION_POINTS: readonly ExtensionPointNode[] = Object.freeze([]);
const NO_MODULES: readonly ModuleNode[] = Object.freeze([]);
const NO_PLUGINS: readonly PluginNode[] = Object.freeze([]);
// Filled by fillNeeds once every node exists: until then, one shared empty list.
const NO_NEEDS: readonly Creatable[] = Object.freeze([]);

/** The plugins and modules of the app, and the discovered modules left out. */
export interface FeatureNodes {
  readonly pluginsById: Map<string, PluginNode>;
  readonly skippedModules: Array<{ readonly pluginId: string; readonly moduleId: string }>;
  /**
   * Per plugin, in order, its modules that may hold a class (they inject one, or provide an
   * extension point whose implementation may): the only modules the isolation check must read.
   * Noted as the modules are made, so that check does not visit every module again.
   */
  readonly modulesHoldingClasses: ReadonlyMap<PluginNode, readonly ModuleNode[]>;
}

/**
 * A node per plugin (unique by id) and per module (attached to its installed plugin, unique
 * within it), with their recipes and the extension points they provide.
 */
export function featureNodes(
  features: FeatureSet,
  book: RecipeBook,
  extensionPoints: ExtensionPointRegistry,
  problems: WiringProblem[],
): FeatureNodes {
  const pluginsById = pluginNodes(features, book, extensionPoints, problems);
  const modulesHoldingClasses = new Map<PluginNode, ModuleNode[]>();
  const skippedModules = attachModules(features, pluginsById, book, extensionPoints, problems, modulesHoldingClasses);
  return { pluginsById, skippedModules, modulesHoldingClasses };
}

/** A node per plugin, unique by id (a second class with one id is `DUPLICATE_PLUGIN`). */
function pluginNodes(
  features: FeatureSet,
  book: RecipeBook,
  extensionPoints: ExtensionPointRegistry,
  problems: WiringProblem[],
): Map<string, PluginNode> {
  const pluginsById = new Map<string, PluginNode>();
  const duplicates = new Map<string, Constructor[]>();
  for (const { cls, metadata } of features.plugins) {
    const { id, dependsOn, extensionPoints: providers } = metadata.plugin!;
    const first = pluginsById.get(id);
    if (first !== undefined) {
      const classes = duplicates.get(id) ?? [first.recipe.cls];
      classes.push(cls);
      duplicates.set(id, classes);
      continue;
    }
    const plugin: PluginNode = {
      id,
      recipe: book.recipe(cls, { pluginId: id }, metadata),
      provides: NO_EXTENSION_POINTS,
      dependsOn: NO_PLUGINS,
      dependsOnIds: dependsOn,
      modules: [],
      extensionPoints: new Map(),
      needs: NO_NEEDS,
      startNeeds: NO_NEEDS,
    };
    pluginsById.set(id, plugin);
    plugin.provides = extensionPoints.provide(plugin, providers, undefined);
  }
  for (const [pluginId, classes] of duplicates) {
    problems.push(wiringProblem('DUPLICATE_PLUGIN', { pluginId, classNames: classes.map(className) }));
  }
  return pluginsById;
}

/** A node per module, in its installed plugin, unique within it; returns the discovered ones left out. */
function attachModules(
  features: FeatureSet,
  pluginsById: ReadonlyMap<string, PluginNode>,
  book: RecipeBook,
  extensionPoints: ExtensionPointRegistry,
  problems: WiringProblem[],
  holdingClasses: Map<PluginNode, ModuleNode[]>,
): FeatureNodes['skippedModules'] {
  const modulesById = new ModuleIndex();
  const skippedModules: Array<{ pluginId: string; moduleId: string }> = [];
  // An indexed loop: see needs.ts.
  for (let index = 0; index < features.modules.length; index++) {
    const { cls, metadata, origin } = features.modules[index]!;
    const { pluginId, id, extensionPoints: providers } = metadata.module!;
    const plugin = pluginsById.get(pluginId);
    if (plugin === undefined) {
      if (origin?.skipOrphanModules) skippedModules.push({ pluginId, moduleId: id });
      else problems.push(wiringProblem('MODULE_WITHOUT_PLUGIN', { pluginId, moduleId: id, className: className(cls) }));
      continue;
    }
    const first = modulesById.find(plugin, id);
    if (first !== undefined) {
      problems.push(wiringProblem('DUPLICATE_MODULE', { pluginId, moduleId: id, first: first.recipe.name, second: className(cls) }));
      continue;
    }
    const module: ModuleNode = {
      pluginId,
      id,
      index: plugin.modules.length,
      recipe: book.recipe(cls, { pluginId, moduleId: id }, metadata),
      provides: NO_EXTENSION_POINTS,
      uses: NO_EXTENSION_POINTS,
      after: NO_MODULES,
      needs: NO_NEEDS,
    };
    modulesById.add(plugin, module);
    module.provides = extensionPoints.provide(plugin, providers, id);
    if (mayHoldClasses(module.recipe.deps, module.provides)) {
      const list = holdingClasses.get(plugin);
      if (list === undefined) holdingClasses.set(plugin, [module]);
      else list.push(module);
    }
  }
  return skippedModules;
}

/**
 * A plugin's modules by id, for the duplicate check: a plugin with a handful of modules (most)
 * is searched in place; one with many gets a map, so the check stays O(1) however many it has.
 */
class ModuleIndex {
  static readonly #SCAN_UP_TO = 16;
  readonly #maps = new Map<PluginNode, Map<string, ModuleNode>>();

  find(plugin: PluginNode, id: string): ModuleNode | undefined {
    const map = this.#maps.get(plugin);
    if (map !== undefined) return map.get(id);
    for (let index = 0; index < plugin.modules.length; index++) if (plugin.modules[index]!.id === id) return plugin.modules[index];
    return undefined;
  }

  add(plugin: PluginNode, module: ModuleNode): void {
    plugin.modules.push(module);
    const map = this.#maps.get(plugin);
    if (map !== undefined) map.set(module.id, module);
    else if (plugin.modules.length > ModuleIndex.#SCAN_UP_TO)
      this.#maps.set(plugin, new Map(plugin.modules.map((indexed) => [indexed.id, indexed])));
  }
}
