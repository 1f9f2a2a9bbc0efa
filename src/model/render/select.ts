import type { AppDescription, PluginDescription, ServiceDescription } from '../describe.js';

/** Options of the graph renderers. */
export interface RenderOptions {
  /** Render only this plugin (with the services it uses). */
  readonly plugin?: string;
}

/** The part of a description to draw: every plugin, or one plugin and the services it reaches. */
export interface Selection {
  readonly plugins: readonly PluginDescription[];
  readonly services: readonly ServiceDescription[];
}

export function select(description: AppDescription, options: RenderOptions = {}): Selection {
  if (options.plugin === undefined) return { plugins: description.plugins, services: description.services };
  const plugins = description.plugins.filter((p) => p.id === options.plugin);
  const byId = new Map(description.services.map((s) => [s.id, s]));
  const used = new Set<string>();
  const visit = (id: string): void => {
    if (used.has(id) || !byId.has(id)) return;
    used.add(id);
    for (const dep of byId.get(id)!.dependencies) visit(dep);
  };
  for (const plugin of plugins) {
    for (const id of plugin.services) visit(id);
    for (const module of plugin.modules) for (const id of module.services) visit(id);
  }
  return { plugins, services: description.services.filter((s) => used.has(s.id)) };
}
