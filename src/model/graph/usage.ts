import { wiringProblem, type WiringProblem } from '../../errors/index.js';
import { findCycles } from '../graph-algorithms.js';
import type { ClassNode, Dependency, ExtensionPointNode, ModuleNode, PluginNode } from '../types.js';
import type { ClassReach } from './class-reach.js';

/** An extension point dependency, as recipes hold it. */
export type ExtensionPointDep = Extract<Dependency, { kind: 'extensionPoint' }>;

const NO_CLASSES: readonly ClassNode[] = Object.freeze([]);

/** True when a holder may hold a class: it injects one, or provides a point (whose implementation may). */
export function mayHoldClasses(deps: readonly Dependency[], provides: readonly ExtensionPointNode[]): boolean {
  if (provides.length > 0) return true;
  for (let d = 0; d < deps.length; d++) if (deps[d]!.kind === 'class') return true;
  return false;
}

/**
 * The classes a holder injects directly, and those its provided implementations need; the shared
 * empty list for most modules, which hold none. (Indexed loops: see needs.ts.)
 */
export function heldClasses(deps: readonly Dependency[], provides: readonly ExtensionPointNode[]): readonly ClassNode[] {
  let classes: ClassNode[] | undefined;
  for (let d = 0; d < deps.length; d++) {
    const dep = deps[d]!;
    if (dep.kind === 'class') (classes ??= []).push(dep.node);
  }
  // A provider also holds what its implementations inject: it creates them.
  for (let p = 0; p < provides.length; p++) {
    const ep = provides[p]!;
    if (ep.implementation.kind === 'class') (classes ??= []).push(ep.implementation.node);
    else if (ep.implementation.kind === 'factory')
      for (const [, dep] of ep.implementation.deps) if (dep.kind === 'class') (classes ??= []).push(dep.node);
  }
  return classes ?? NO_CLASSES;
}

/**
 * For one plugin: who uses which of its extension points (directly or through classes they
 * inject), whether they may (`EXTENSION_POINT_NOT_PROVIDED`, `EXTENSION_POINT_OF_OTHER_PLUGIN`),
 * and the module order that follows: a module that provides an extension point starts after the
 * modules that use it. Cycles in that order are `DEPENDENCY_CYCLE`.
 */
export function analyseUsage(
  plugin: PluginNode,
  all: ReadonlyMap<string, ExtensionPointNode>,
  epReach: ClassReach<ExtensionPointDep>,
  problems: WiringProblem[],
): void {
  const reported = new Set<string>();
  const use = (dep: ExtensionPointDep, module: ModuleNode | undefined): void => {
    const id = dep.extensionPoint.id;
    const ep = plugin.extensionPoints.get(id);
    if (ep !== undefined) {
      if (module === undefined) ep.usedByPlugin = true;
      else if (ep.moduleId !== module.id && !module.uses.includes(ep)) {
        ep.users.push(module.id);
        // Most modules use one extension point: an array of exactly one, not a grown one.
        module.uses = module.uses.length === 0 ? [ep] : [...module.uses, ep];
      }
      return;
    }
    if (dep.optional) return;
    const holder = module === undefined ? { pluginId: plugin.id } : { pluginId: plugin.id, moduleId: module.id };
    const key = `${module?.id ?? ''}\0${id}`;
    if (reported.has(key)) return;
    reported.add(key);
    const owner = all.get(id);
    problems.push(
      owner === undefined
        ? wiringProblem('EXTENSION_POINT_NOT_PROVIDED', { ...holder, extensionPointId: id })
        : wiringProblem('EXTENSION_POINT_OF_OTHER_PLUGIN', {
            ...holder,
            extensionPointId: id,
            ownerPluginId: owner.pluginId,
            related: [owner.pluginId],
          }),
    );
  };
  const useAll = (deps: readonly Dependency[], provides: readonly ExtensionPointNode[], module: ModuleNode | undefined): void => {
    for (let d = 0; d < deps.length; d++) {
      const dep = deps[d]!;
      if (dep.kind === 'extensionPoint') use(dep, module);
    }
    if (!mayHoldClasses(deps, provides)) return; // most modules: nothing reached through classes
    const held = heldClasses(deps, provides);
    for (let c = 0; c < held.length; c++) for (const dep of epReach.of(held[c]!)) use(dep, module);
  };

  useAll(plugin.recipe.deps, plugin.provides, undefined);
  const modules = plugin.modules;
  for (let m = 0; m < modules.length; m++) useAll(modules[m]!.recipe.deps, modules[m]!.provides, modules[m]);
  orderModules(plugin, problems);
}

/** `after` of every module that provides something used, and the cycles that makes. */
function orderModules(plugin: PluginNode, problems: WiringProblem[]): void {
  let byId: Map<string, ModuleNode> | undefined;
  for (let m = 0; m < plugin.modules.length; m++) {
    const module = plugin.modules[m]!;
    if (module.provides.length === 0) continue;
    byId ??= new Map(plugin.modules.map((m) => [m.id, m]));
    const after = new Set<ModuleNode>();
    for (const ep of module.provides) for (const userId of ep.users) after.add(byId.get(userId)!);
    if (after.size > 0) module.after = [...after];
  }
  // Order edges exist only where a module provides an extension point other modules use.
  if (byId === undefined || !plugin.modules.some((module) => module.after.length > 0)) return;
  const modules = byId;
  for (const path of findCycles(
    plugin.modules.map((m) => m.id),
    (id) => modules.get(id)!.after.map((m) => m.id),
  )) {
    problems.push(wiringProblem('DEPENDENCY_CYCLE', { reason: 'modules', pluginId: plugin.id, path }));
  }
}
