import type { AppDescription, FeatureStatus, PluginDescription, ServiceDescription } from '../describe.js';
import { nodeId } from './ids.js';
import { reachableServices, selectDescription, type RenderOptions } from './select.js';

/** What a node stands for; each renderer gives each kind its own shape. */
export type NodeKind = 'plugin' | 'module' | 'extensionPoint' | 'service';

/** `failed`: its init failed; `missing`: something needs it but nothing provides it. */
export type NodeMark = 'ok' | 'failed' | 'missing';

/** One node to draw. `lines` is its label, one entry per line, unescaped. */
export interface SceneNode {
  readonly id: string;
  readonly kind: NodeKind;
  readonly lines: readonly string[];
  readonly mark: NodeMark;
}

/** A plugin's child container: the plugin, its modules and extension points, its plugin-scoped service instances. */
export interface SceneCluster {
  readonly id: string;
  readonly label: string;
  readonly failed: boolean;
  readonly nodes: readonly SceneNode[];
}

/**
 * `provides`: provider → extension point; `usedBy`: extension point → the feature injecting it;
 * `dependsOn`: plugin → plugin it starts after; `injects`: dependant → service it injects.
 */
export type EdgeKind = 'provides' | 'usedBy' | 'dependsOn' | 'injects';

/** One arrow, between two node ids. */
export interface SceneEdge {
  readonly from: string;
  readonly to: string;
  readonly kind: EdgeKind;
}

/** The wiring laid out for drawing, independent of the output format. */
export interface Scene {
  readonly clusters: readonly SceneCluster[];
  /** Nodes outside every container: root services, and whatever no drawn plugin holds. */
  readonly nodes: readonly SceneNode[];
  readonly edges: readonly SceneEdge[];
}

/**
 * Lays out a description. A plugin-scoped service has one instance per plugin, in that plugin's
 * container, so it is drawn inside each plugin that uses it; root services are drawn once,
 * outside. Needed things that nothing provides (a missing service, an extension point no feature
 * of the plugin provides, a `dependsOn` plugin that is not installed) are drawn as `missing`
 * nodes, so the graph of a broken app shows where it is broken.
 */
export function buildScene(description: AppDescription, options: RenderOptions = {}): Scene {
  const shown = selectDescription(description, options);
  const services = new Map(shown.services.map((s) => [s.id, s]));
  const installedPlugins = new Set(description.plugins.map((p) => p.id));
  const drawnPlugins = new Set(shown.plugins.map((p) => p.id));
  const outside = new Map<string, SceneNode>();
  const edges = new Map<string, SceneEdge>();
  const edge = (from: string, to: string, kind: EdgeKind): void => void edges.set(`${from}>${to}>${kind}`, { from, to, kind });

  /** The node a dependant in `pluginId`'s container (or outside, when undefined) reaches for service `id`. */
  const serviceNode = (id: string, pluginId: string | undefined): string => {
    const service = services.get(id);
    if (service?.scope === 'plugin' && pluginId !== undefined) return nodeId('svc', pluginId, id);
    const node = nodeId('svc', id);
    if (!outside.has(node)) {
      outside.set(node, {
        id: node,
        kind: 'service',
        lines: service === undefined ? [id, 'missing'] : serviceLines(service),
        mark: service === undefined ? 'missing' : 'ok',
      });
      // A service outside every container resolves its own dependencies outside too.
      for (const dependency of service?.dependencies ?? []) edge(node, serviceNode(dependency, undefined), 'injects');
    }
    return node;
  };

  const clusters = shown.plugins.map((plugin): SceneCluster => {
    const nodes: SceneNode[] = [];
    const pluginNode = nodeId('plugin', plugin.id);
    const featureNode = (moduleId: string | undefined): string =>
      moduleId === undefined ? pluginNode : nodeId('module', plugin.id, moduleId);
    nodes.push({ id: pluginNode, kind: 'plugin', lines: [`plugin ${plugin.id}`], mark: markOf(plugin.status) });
    for (const module of plugin.modules) {
      nodes.push({
        id: featureNode(module.id),
        kind: 'module',
        lines: [`module ${module.id}${suffix(module.status)}`],
        mark: markOf(module.status),
      });
    }

    const provided = new Set<string>();
    for (const ep of shown.extensionPoints.filter((e) => e.pluginId === plugin.id)) {
      provided.add(ep.id);
      const node = nodeId('ep', ep.id);
      nodes.push({ id: node, kind: 'extensionPoint', lines: [ep.id], mark: 'ok' });
      edge(featureNode(ep.provider.moduleId), node, 'provides');
      for (const user of ep.users) edge(node, featureNode(user.moduleId), 'usedBy');
    }
    // An extension point the plugin's features inject but nothing in its container provides is
    // absent from the description's extension points; its problem names it and who needs it.
    for (const problem of shown.problems) {
      const id = problem.extensionPointId;
      if (problem.pluginId !== plugin.id || id === undefined || provided.has(id)) continue;
      if (problem.code !== 'EXTENSION_POINT_NOT_PROVIDED' && problem.code !== 'EXTENSION_POINT_OF_OTHER_PLUGIN') continue;
      const node = nodeId('ep', plugin.id, id);
      const owner = problem.code === 'EXTENSION_POINT_OF_OTHER_PLUGIN' ? problem.related?.[0] : undefined;
      const lines = [id, owner === undefined ? 'not provided' : `belongs to plugin ${owner}`];
      if (!nodes.some((n) => n.id === node)) nodes.push({ id: node, kind: 'extensionPoint', lines, mark: 'missing' });
      edge(node, featureNode(problem.moduleId), 'usedBy');
    }

    // The plugin-scoped services this container creates: those its features reach through plugin-scoped services.
    const direct: Array<[string, string]> = [
      ...plugin.services.map((id): [string, string] => [pluginNode, id]),
      ...plugin.modules.flatMap((m) => m.services.map((id): [string, string] => [featureNode(m.id), id])),
    ];
    for (const [from, id] of direct) edge(from, serviceNode(id, plugin.id), 'injects');
    for (const service of containerServices(plugin, services)) {
      const node = nodeId('svc', plugin.id, service.id);
      nodes.push({ id: node, kind: 'service', lines: serviceLines(service), mark: 'ok' });
      for (const dependency of service.dependencies) edge(node, serviceNode(dependency, plugin.id), 'injects');
    }

    for (const dependency of plugin.dependsOn) {
      const node = nodeId('plugin', dependency);
      if (!drawnPlugins.has(dependency) && !outside.has(node)) {
        const installed = installedPlugins.has(dependency);
        outside.set(node, {
          id: node,
          kind: 'plugin',
          lines: installed ? [`plugin ${dependency}`] : [`plugin ${dependency}`, 'not installed'],
          mark: installed ? 'ok' : 'missing',
        });
      }
      edge(pluginNode, node, 'dependsOn');
    }
    return { id: nodeId('container', plugin.id), label: `${plugin.id}${suffix(plugin.status)}`, failed: plugin.status === 'failed', nodes };
  });

  // Every root service of the selection, and plugin-scoped ones no drawn plugin uses, stand outside.
  const inContainers = new Set(shown.plugins.flatMap((p) => containerServices(p, services).map((s) => s.id)));
  for (const service of shown.services) {
    if (service.scope === 'root' || !inContainers.has(service.id)) serviceNode(service.id, undefined);
  }
  // A service nothing implements is not in the description's services, only in its problem.
  for (const problem of shown.problems) {
    if (problem.code === 'SERVICE_NOT_FOUND' && problem.refId !== undefined) serviceNode(problem.refId, undefined);
  }
  return { clusters, nodes: [...outside.values()], edges: [...edges.values()] };
}

/** Plugin-scoped services created in `plugin`'s container, in description order. */
function containerServices(plugin: PluginDescription, services: ReadonlyMap<string, ServiceDescription>): ServiceDescription[] {
  const pluginScoped = (id: string): boolean => services.get(id)?.scope === 'plugin';
  const direct = [...plugin.services, ...plugin.modules.flatMap((m) => m.services)].filter(pluginScoped);
  // Walk only through plugin-scoped services: a root service's dependencies live outside.
  const reached = reachableServices(
    [...services.values()].map((s) => (s.scope === 'plugin' ? { ...s, dependencies: s.dependencies.filter(pluginScoped) } : s)),
    direct,
  );
  return [...services.values()].filter((s) => s.scope === 'plugin' && reached.has(s.id));
}

function serviceLines(service: ServiceDescription): string[] {
  return [service.id, `${service.scope} scope`];
}

function markOf(status: FeatureStatus): NodeMark {
  return status === 'failed' ? 'failed' : 'ok';
}

function suffix(status: FeatureStatus): string {
  return status === 'failed' || status === 'skipped' ? ` (${status})` : '';
}
