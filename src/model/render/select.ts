import { plugboardError } from '../../errors/index.js';
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

/** The part of a plugin that selection reads. */
export interface SelectablePlugin {
  readonly id: string;
  readonly services: readonly string[];
  readonly modules: readonly { readonly services: readonly string[] }[];
}

/** The part of a service that selection reads. */
export interface SelectableService {
  readonly id: string;
  readonly dependencies: readonly string[];
}

/** The part of a problem that selection reads. */
export interface SelectableProblem {
  readonly pluginId?: string;
  readonly refId?: string;
}

/** One plugin of a description and the ids of the services it reaches, directly or through other services. */
export interface PluginSelection<P> {
  readonly plugin: P;
  readonly reached: ReadonlySet<string>;
}

const listedPlugins = 20;

/**
 * Finds plugin `pluginId` and the services it reaches.
 *
 * @throws PlugboardError `INVALID_OPTIONS` when the description has no such plugin.
 */
export function selectPlugin<P extends SelectablePlugin>(
  plugins: readonly P[],
  services: readonly SelectableService[],
  pluginId: string,
): PluginSelection<P> {
  const plugin = plugins.find((p) => p.id === pluginId);
  if (plugin === undefined) {
    const known = plugins.slice(0, listedPlugins).map((p) => p.id);
    throw plugboardError('INVALID_OPTIONS', {
      reason: 'unknown-plugin',
      pluginId,
      known,
      more: Math.max(0, plugins.length - listedPlugins),
    });
  }
  const byId = new Map(services.map((s) => [s.id, s]));
  return { plugin, reached: reachableServices((id) => byId.get(id)?.dependencies, directServices(plugin)) };
}

/** The service ref ids a plugin and its modules inject, in that order. */
export function directServices(plugin: SelectablePlugin): string[] {
  const direct = [...plugin.services];
  for (const module of plugin.modules) for (const id of module.services) direct.push(id);
  return direct;
}

/** Whether a problem belongs in one plugin's picture: it names the plugin, or only a service the plugin reaches. */
export function concernsSelection(problem: SelectableProblem, selection: PluginSelection<SelectablePlugin>): boolean {
  if (problem.pluginId !== undefined) return problem.pluginId === selection.plugin.id;
  return problem.refId !== undefined && selection.reached.has(problem.refId);
}

/**
 * The part of a description that concerns one plugin, as a description of its own: that plugin,
 * its extension points, the services it reaches, and the problems naming it or those services.
 * Without `options.plugin` the description is returned as it is. Every field of what it keeps is
 * passed through, fields this version does not know included (what `plugboard graph --format
 * json` prints).
 *
 * @throws PlugboardError `INVALID_OPTIONS` when `options.plugin` names no plugin of the description.
 */
export function selectDescription(description: AppDescription, options: RenderOptions = {}): AppDescription {
  if (options.plugin === undefined) return description;
  const selection = selectPlugin(description.plugins, description.services, options.plugin);
  const { plugin, reached } = selection;
  const keep = (d: ServiceDependant): boolean => (d.kind === 'service' ? reached.has(d.refId) : d.pluginId === plugin.id);
  return {
    ...description,
    plugins: [plugin],
    extensionPoints: description.extensionPoints.filter((ep) => ep.pluginId === plugin.id),
    services: description.services
      .filter((s) => reached.has(s.id))
      .map((s): ServiceDescription => ({ ...s, dependants: s.dependants.filter(keep) })),
    initOrder: [[plugin.id]],
    problems: description.problems.filter((p) => concernsSelection(p, selection)),
  };
}

/**
 * Ids of the services in `from` and everything they depend on, transitively (ids `dependenciesOf`
 * does not know included). Iterative: the depth of a chain is not bounded by the stack.
 */
export function reachableServices(dependenciesOf: (id: string) => readonly string[] | undefined, from: Iterable<string>): Set<string> {
  const reached = new Set<string>();
  const pending = [...from];
  for (let id = pending.pop(); id !== undefined; id = pending.pop()) {
    if (reached.has(id)) continue;
    reached.add(id);
    // One push per id, not push(...ids): a spread of a very long list overflows the argument limit.
    for (const dependency of dependenciesOf(id) ?? []) pending.push(dependency);
  }
  return reached;
}
