import { wiringProblem, type WiringProblem } from '../../errors/index.js';
import { findCycles } from '../graph-algorithms.js';
import type { PluginNode } from '../types.js';

/** Resolves each plugin's `dependsOn` to the installed plugins; a missing one or a cycle is a problem. */
export function resolvePluginOrder(pluginsById: ReadonlyMap<string, PluginNode>, problems: WiringProblem[]): void {
  let ordered = false;
  for (const plugin of pluginsById.values()) {
    if (plugin.dependsOnIds.length === 0) continue;
    ordered = true;
    const dependsOn: PluginNode[] = [];
    for (const dependency of plugin.dependsOnIds) {
      const node = pluginsById.get(dependency);
      if (node !== undefined) dependsOn.push(node);
      else problems.push(wiringProblem('PLUGIN_DEPENDENCY_MISSING', { pluginId: plugin.id, dependency, related: [dependency] }));
    }
    plugin.dependsOn = dependsOn;
  }
  // Most apps use no dependsOn at all: then there is no cycle to look for.
  if (!ordered) return;
  for (const path of findCycles(pluginsById.keys(), (id) => pluginsById.get(id)!.dependsOn.map((p) => p.id))) {
    problems.push(wiringProblem('DEPENDENCY_CYCLE', { reason: 'plugins', pluginId: path[0]!, path }));
  }
}
