import { PlugboardError } from '../../errors/index.js';
import type { AppDescription, ServiceDependant, ServiceDescription } from '../describe.js';

/** Options of {@link toMermaid} and {@link toDot}. */
export interface RenderOptions {
  /**
   * Draw only this plugin: its container, modules and extension points, the services it uses
   * (directly or through other services), and the plugins it depends on as plain nodes.
   * A plugin id that is not in the description throws `INVALID_OPTIONS`.
   */
  readonly plugin?: string;
}

/**
 * The part of a description that concerns one plugin, as a description of its own: that plugin,
 * its extension points, the services it reaches, and the problems naming it or those services.
 * Without `options.plugin` the description is returned as it is.
 *
 * @throws PlugboardError `INVALID_OPTIONS` when `options.plugin` names no plugin of the description.
 */
export function selectDescription(description: AppDescription, options: RenderOptions = {}): AppDescription {
  const pluginId = options.plugin;
  if (pluginId === undefined) return description;
  const plugin = typeof pluginId === 'string' ? description.plugins.find((p) => p.id === pluginId) : undefined;
  if (plugin === undefined) {
    const known = description.plugins.map((p) => `'${p.id}'`).join(', ') || 'none';
    throw new PlugboardError('INVALID_OPTIONS', `No plugin ${JSON.stringify(pluginId)} to render; the app's plugins: ${known}.`, {
      pluginId: String(pluginId),
    });
  }

  const direct = [...plugin.services, ...plugin.modules.flatMap((m) => m.services)];
  const reached = reachableServices(description.services, direct);
  const keep = (d: ServiceDependant): boolean => (d.kind === 'service' ? reached.has(d.refId) : d.pluginId === plugin.id);
  return {
    state: description.state,
    plugins: [plugin],
    extensionPoints: description.extensionPoints.filter((ep) => ep.pluginId === plugin.id),
    services: description.services
      .filter((s) => reached.has(s.id))
      .map((s): ServiceDescription => ({ ...s, dependants: s.dependants.filter(keep) })),
    initOrder: [[plugin.id]],
    problems: description.problems.filter(
      (p) => p.pluginId === plugin.id || (p.refId !== undefined && reached.has(p.refId) && p.pluginId === undefined),
    ),
  };
}

/** Ids of the services in `from` and everything they depend on, transitively (missing ones included). */
export function reachableServices(services: readonly ServiceDescription[], from: readonly string[]): Set<string> {
  const byId = new Map(services.map((s) => [s.id, s]));
  const reached = new Set<string>();
  const pending = [...from];
  for (let id = pending.pop(); id !== undefined; id = pending.pop()) {
    if (reached.has(id)) continue;
    reached.add(id);
    pending.push(...(byId.get(id)?.dependencies ?? []));
  }
  return reached;
}
