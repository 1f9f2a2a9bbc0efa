import type { WiringProblem } from '../errors.js';
import { findCycles } from './cycles.js';
import { moduleOwner, pluginOwner } from './owners.js';
import type { ReachIndex, Reach } from './reach.js';
import { ids, type Owner } from './recipes.js';
import type { ClassNode, Dependency, ExtensionPointNode, ModuleNode, PluginNode, ServiceNode } from './types.js';

/** What the per-plugin analysis reads. */
export interface UsageContext {
  readonly services: ReadonlyMap<string, ServiceNode>;
  /** Every extension point of the app, by id (to name another plugin's owner). */
  readonly extensionPoints: ReadonlyMap<string, ExtensionPointNode>;
  readonly classesByKey: ReadonlyMap<string, ClassNode>;
  readonly reach: ReachIndex;
  readonly problems: WiringProblem[];
}

/**
 * For one plugin: who uses which extension point (and whether they may), the module order that
 * follows (users before providers) and its cycles, and what the plugin's container must bind.
 */
export function analysePluginUsage(plugin: PluginNode, context: UsageContext): void {
  const { services, extensionPoints, classesByKey, reach, problems } = context;
  const modulesById = new Map(plugin.modules.map((module) => [module.id, module]));
  const pluginReach: Reach = { extensionPoints: new Map(), pluginServices: new Set(), classes: new Set() };
  for (const ep of plugin.extensionPoints.values()) {
    if (ep.implementation.kind === 'class') reach.add(pluginReach, [{ kind: 'class', node: ep.implementation.node, optional: false }], '');
  }
  // Hot path (runs for every module of every plugin): no per-feature collections unless needed.
  const useExtensionPoint = (id: string, optional: boolean, owner: Owner, module: ModuleNode | undefined): void => {
    const ep = plugin.extensionPoints.get(id);
    if (ep !== undefined) {
      if (module === undefined) ep.usedByPlugin = true;
      else if (ep.moduleId !== module.id && !module.uses.includes(id)) {
        ep.users.push(module.id);
        module.uses.push(id);
      }
      return;
    }
    if (optional) return;
    if (problems.some((p) => p.extensionPointId === id && p.pluginId === owner.pluginId && p.moduleId === owner.moduleId)) return;
    const provider = extensionPoints.get(id);
    problems.push(
      provider === undefined
        ? {
            code: 'EXTENSION_POINT_NOT_PROVIDED',
            message:
              `${capitalize(owner.label)} depends on extension point '${id}', which no feature of plugin ` +
              `'${plugin.id}' provides. Add the feature that provides it, or mark the parameter @optional().`,
            extensionPointId: id,
            ...ids(owner),
          }
        : {
            code: 'EXTENSION_POINT_OF_OTHER_PLUGIN',
            message:
              `${capitalize(owner.label)} depends on extension point '${id}', which belongs to plugin ` +
              `'${provider.pluginId}'. A module sees only its own plugin's extension points: make it a module of ` +
              `'${provider.pluginId}' (@Module({ pluginId: '${provider.pluginId}', ... })).`,
            extensionPointId: id,
            ...ids(owner),
            related: [provider.pluginId],
          },
    );
  };
  const useDeps = (deps: readonly Dependency[], owner: Owner, module: ModuleNode | undefined): void => {
    for (const dep of deps) {
      if (dep.kind === 'extensionPoint') useExtensionPoint(dep.extensionPoint.id, dep.optional, owner, module);
      else if (dep.kind === 'service') {
        for (const id of reach.pluginClosure(services.get(dep.ref.id)!)) pluginReach.pluginServices.add(id);
      } else if (dep.kind === 'class') {
        const inner = reach.ofClass(dep.node);
        for (const [id, entry] of inner.extensionPoints) useExtensionPoint(id, entry.extensionPoint.optional, owner, module);
        for (const id of inner.pluginServices) pluginReach.pluginServices.add(id);
        for (const cls of inner.classes) pluginReach.classes.add(cls);
      }
    }
  };
  useDeps(plugin.recipe.deps, pluginOwner(plugin.id), undefined);
  for (const module of plugin.modules) {
    const owner = moduleOwner(plugin.id, module.id);
    useDeps(module.recipe.deps, owner, module);
    // A module that provides an extension point uses whatever its implementations inject.
    for (const ep of module.provides) {
      if (ep.implementation.kind === 'class') useDeps([{ kind: 'class', node: ep.implementation.node, optional: false }], owner, module);
    }
  }
  for (const module of plugin.modules) {
    for (const ep of module.provides) {
      for (const userId of ep.users) {
        const user = modulesById.get(userId)!;
        if (!module.after.includes(user)) module.after.push(user);
      }
    }
  }
  const classes = new Set<ClassNode>();
  for (const cls of pluginReach.classes) if (cls.scope === 'plugin') classes.add(cls);
  for (const id of pluginReach.pluginServices) {
    if (services.has(id)) plugin.pluginServices.push(id);
    else if (classesByKey.has(id)) classes.add(classesByKey.get(id)!); // a class a plugin-scoped service injects
  }
  plugin.pluginClasses.push(...classes);

  // Order edges exist only where a module provides an extension point other modules use.
  const ordered = plugin.modules.some((module) => module.after.length > 0);
  for (const cycle of !ordered
    ? []
    : findCycles(
        plugin.modules.map((m) => m.id),
        (id) => modulesById.get(id)!.after.map((m) => m.id),
      )) {
    problems.push({
      code: 'DEPENDENCY_CYCLE',
      message:
        `Modules of plugin '${plugin.id}' form a cycle through their extension points: ${cycle.join(' -> ')}. ` +
        `Each arrow reads "must init after"; a module that provides an extension point inits after the modules that use it. ` +
        `Move one extension point so the chain ends.`,
      pluginId: plugin.id,
      path: cycle,
    });
  }
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
