import type { ClassNode, Creatable, Dependency, ExtensionPointNode, NamedDeps, PluginNode, ServiceNode } from '../types.js';

/**
 * Fills `needs`: what a scope must have created before it can create (or construct) each node.
 * Only direct needs; the runtime walks them (without recursion) in dependency order.
 */
export function fillNeeds(
  services: Iterable<ServiceNode>,
  classes: Iterable<ClassNode>,
  plugins: Iterable<PluginNode>,
  extensionPoints: Iterable<ExtensionPointNode>,
): void {
  for (const ep of extensionPoints) {
    const implementation = ep.implementation;
    ep.needs =
      implementation.kind === 'class'
        ? [implementation.node]
        : implementation.kind === 'factory'
          ? creatables(named(implementation.deps))
          : NO_NEEDS;
  }
  for (const node of services) {
    const needs = creatables(node.deps);
    if (node.rootContext === undefined) node.needs = needs;
    else {
      node.needs = [...needs, node.rootContext];
      node.rootContext.needs = creatables(named(node.rootContext.deps)).filter((need) => need.scope === 'root');
    }
  }
  // A class is shared by every plugin that injects it, so the extension points it injects (each
  // plugin's own) are not needs here: the plugin's scope adds them.
  for (const node of classes) node.needs = creatables(node.recipe.deps);
  // Indexed loops on the per-module paths: they run once per start, mostly before V8 optimises
  // them, and an unoptimised for…of allocates an iterator result per element.
  for (const plugin of plugins) {
    plugin.needs = creatables(plugin.recipe.deps, plugin);
    const startNeeds = new Set(plugin.needs);
    const modules = plugin.modules;
    for (let m = 0; m < modules.length; m++) {
      const module = modules[m]!;
      const needs = (module.needs = creatables(module.recipe.deps, plugin));
      for (let n = 0; n < needs.length; n++) startNeeds.add(needs[n]!);
    }
    plugin.startNeeds = [...startNeeds];
  }
}

function named(deps: NamedDeps): Dependency[] {
  return deps.map(([, dep]) => dep);
}

const NO_NEEDS: readonly Creatable[] = Object.freeze([]);

// Needs are gathered here and each node keeps an exact-size copy: a list grown by push reserves
// room for 17 entries, and there is a list per module. Emptied after each use, so it holds on to
// no app's nodes. (Synchronous and never re-entered.)
const gathered: Creatable[] = [];

function creatables(deps: readonly Dependency[], plugin?: PluginNode): readonly Creatable[] {
  for (let d = 0; d < deps.length; d++) {
    const dep = deps[d]!;
    if (dep.kind === 'service' || dep.kind === 'class') addOnce(gathered, dep.node);
    else if (dep.kind === 'extensionPoint' && plugin !== undefined) {
      const needs = plugin.extensionPoints.get(dep.extensionPoint.id)?.needs;
      if (needs !== undefined) for (let n = 0; n < needs.length; n++) addOnce(gathered, needs[n]!);
    }
  }
  const needs = gathered.length === 0 ? NO_NEEDS : gathered.slice();
  gathered.length = 0;
  return needs;
}

// A handful of needs per node: a linear search beats a set.
function addOnce(list: Creatable[], node: Creatable): void {
  if (!list.includes(node)) list.push(node);
}
