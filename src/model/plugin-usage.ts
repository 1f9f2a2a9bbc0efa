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
  const pluginReach: Reach = { extensionPoints: new Map(), pluginServices: new Set(), classes: new Set() };
  for (const ep of plugin.extensionPoints.values()) {
    if (ep.implementation.kind === 'class') reach.add(pluginReach, [{ kind: 'class', node: ep.implementation.node, optional: false }], '');
  }
  // Hot path (runs for every module of every plugin): no per-feature collections unless needed.
  // The owner (for messages) is built only when there is a problem to report.
  const ownerOf = (module: ModuleNode | undefined): Owner =>
    module === undefined ? pluginOwner(plugin.id) : moduleOwner(plugin.id, module.id);
  const useExtensionPoint = (id: string, optional: boolean, module: ModuleNode | undefined): void => {
    const ep = plugin.extensionPoints.get(id);
    if (ep !== undefined) {
      if (module === undefined) ep.usedByPlugin = true;
      else if (ep.moduleId !== module.id && !module.uses.includes(id)) {
        ep.users.push(module.id);
        // Most modules use one extension point: an array of exactly one, not a grown one.
        module.uses = module.uses.length === 0 ? [id] : [...module.uses, id];
      }
      return;
    }
    if (optional) return;
    const owner = ownerOf(module);
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
  const expanded = new Set<unknown>();
  // Indexed loops: this runs once per module, mostly before the JIT has optimised it, where
  // for-of allocates an iterator result per element.
  const useDeps = (deps: readonly Dependency[], module: ModuleNode | undefined): void => {
    for (let index = 0; index < deps.length; index++) {
      const dep = deps[index]!;
      if (dep.kind === 'extensionPoint') useExtensionPoint(dep.extensionPoint.id, dep.optional, module);
      else if (dep.kind === 'service') {
        // Every module of a plugin tends to inject the same services: expand each one once.
        if (expanded.has(dep.ref)) continue;
        expanded.add(dep.ref);
        for (const id of reach.pluginClosure(services.get(dep.ref.id)!)) pluginReach.pluginServices.add(id);
      } else if (dep.kind === 'class') {
        const inner = reach.ofClass(dep.node);
        for (const [id, entry] of inner.extensionPoints) useExtensionPoint(id, entry.extensionPoint.optional, module);
        for (const id of inner.pluginServices) pluginReach.pluginServices.add(id);
        for (const cls of inner.classes) pluginReach.classes.add(cls);
      }
    }
  };
  useDeps(plugin.recipe.deps, undefined);
  const modules = plugin.modules;
  for (let index = 0; index < modules.length; index++) {
    const module = modules[index]!;
    useDeps(module.recipe.deps, module);
    // A module that provides an extension point uses whatever its implementations inject.
    if (module.provides.length > 0) {
      for (const ep of module.provides) {
        if (ep.implementation.kind === 'class') useDeps([{ kind: 'class', node: ep.implementation.node, optional: false }], module);
      }
    }
  }
  let modulesById: Map<string, ModuleNode> | undefined;
  for (let index = 0; index < modules.length; index++) {
    const module = modules[index]!;
    if (module.provides.length === 0) continue;
    modulesById ??= new Map(plugin.modules.map((m) => [m.id, m]));
    const after = new Set<ModuleNode>();
    for (const ep of module.provides) for (const userId of ep.users) after.add(modulesById.get(userId)!);
    if (after.size > 0) module.after = [...after];
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
  const byId = modulesById;
  for (const cycle of !ordered || byId === undefined
    ? []
    : findCycles(
        plugin.modules.map((m) => m.id),
        (id) => byId.get(id)!.after.map((m) => m.id),
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
