import type { ClassNode, Creatable, Dependency, ExtensionPointNode, NamedDeps, PluginNode, ServiceNode } from '../types.js';
import { serviceDeps } from './service-deps.js';

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
          : [];
  }
  for (const node of services) {
    const needs = creatables(serviceDeps(node));
    if (node.rootContext !== undefined) {
      needs.push(node.rootContext);
      node.rootContext.needs = creatables(named(node.rootContext.deps)).filter((need) => need.scope === 'root');
    }
    node.needs = needs;
  }
  // A class is shared by every plugin that injects it, so the extension points it injects (each
  // plugin's own) are not needs here: the plugin's scope adds them.
  for (const node of classes) node.needs = creatables(node.recipe.deps);
  for (const plugin of plugins) {
    plugin.needs = creatables(plugin.recipe.deps, plugin);
    const startNeeds = new Set(plugin.needs);
    for (const module of plugin.modules) {
      module.needs = creatables(module.recipe.deps, plugin);
      for (const need of module.needs) startNeeds.add(need);
    }
    plugin.startNeeds = [...startNeeds];
  }
}

function named(deps: NamedDeps): Dependency[] {
  return deps.map(([, dep]) => dep);
}

function creatables(deps: readonly Dependency[], plugin?: PluginNode): Creatable[] {
  const result: Creatable[] = [];
  for (const dep of deps) {
    if (dep.kind === 'service' || dep.kind === 'class') addOnce(result, dep.node);
    else if (dep.kind === 'extensionPoint' && plugin !== undefined) {
      const needs = plugin.extensionPoints.get(dep.extensionPoint.id)?.needs;
      if (needs !== undefined) for (const need of needs) addOnce(result, need);
    }
  }
  return result;
}

// A handful of needs per node: a linear search beats a set.
function addOnce(list: Creatable[], node: Creatable): void {
  if (!list.includes(node)) list.push(node);
}
