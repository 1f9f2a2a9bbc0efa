import { nodeId } from './ids.js';
import type { CheckedRenderOptions } from './input.js';
import type { DrawnExtensionPoint, DrawnPlugin, DrawnProblem, DrawnService, RenderInput } from './model.js';
import { concernsSelection, directServices, reachableServices, selectPlugin } from './select.js';
import { serviceLines } from './service-label.js';

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
 * Lays out a checked description. A plugin-scoped service has one instance per plugin, in that
 * plugin's container, so it is drawn inside each plugin that uses it; root services are drawn
 * once, outside. Needed things that nothing provides (a missing service, an extension point no
 * feature of the plugin provides, a `dependsOn` plugin that is not installed) are drawn as
 * `missing` nodes, so the graph of a broken app shows where it is broken.
 *
 * Every walk is iterative and every lookup indexed: the work is linear in the size of the
 * picture, and no chain length is bounded by the stack.
 */
export function buildScene(input: RenderInput, options: CheckedRenderOptions = {}): Scene {
  return new SceneBuilder(input, options).build();
}

/** What drawing one plugin's container works with. */
interface ClusterDrawing {
  readonly plugin: DrawnPlugin;
  readonly content: ContainerContent;
  readonly pluginNode: string;
  readonly add: (node: SceneNode) => void;
  /** The node of the plugin (no module id) or of one of its modules. */
  readonly featureNode: (moduleId: string | undefined) => string;
}

interface ContainerContent {
  readonly nodes: SceneNode[];
  readonly ids: Set<string>;
}

class SceneBuilder {
  private readonly shown: RenderInput;
  private readonly services: ReadonlyMap<string, DrawnService>;
  /** Each service's position in the description, to list a container's services in that order. */
  private readonly serviceOrder: ReadonlyMap<string, number>;
  private readonly installedPlugins: ReadonlySet<string>;
  private readonly drawnPlugins: ReadonlySet<string>;
  private readonly pointsByPlugin: ReadonlyMap<string, readonly DrawnExtensionPoint[]>;
  private readonly problemsByPlugin: ReadonlyMap<string, readonly DrawnProblem[]>;
  private readonly outside = new Map<string, SceneNode>();
  private readonly edges = new Map<string, SceneEdge>();

  constructor(input: RenderInput, options: CheckedRenderOptions) {
    this.shown = options.plugin === undefined ? input : selectInput(input, options.plugin);
    this.services = new Map(this.shown.services.map((s) => [s.id, s]));
    this.serviceOrder = new Map([...this.services.keys()].map((id, index) => [id, index]));
    this.installedPlugins = new Set(input.plugins.map((p) => p.id));
    this.drawnPlugins = new Set(this.shown.plugins.map((p) => p.id));
    this.pointsByPlugin = groupBy(this.shown.extensionPoints, (ep) => ep.pluginId);
    this.problemsByPlugin = groupBy(this.shown.problems, (p) => p.pluginId);
  }

  build(): Scene {
    const inContainers = new Set<string>();
    const clusters = this.shown.plugins.map((plugin) => this.cluster(plugin, inContainers));
    // Every root service of the selection, and plugin-scoped ones no drawn plugin uses, stand outside.
    for (const service of this.shown.services) {
      if (service.scope === 'root' || !inContainers.has(service.id)) this.outsideService(service.id);
    }
    // A service nothing implements is not in the description's services, only in its problem.
    for (const problem of this.shown.problems) {
      if (problem.code === 'SERVICE_NOT_FOUND' && problem.refId !== undefined) this.outsideService(problem.refId);
    }
    return { clusters, nodes: [...this.outside.values()], edges: [...this.edges.values()] };
  }

  private edge(from: string, to: string, kind: EdgeKind): void {
    const key = `${from}>${to}>${kind}`;
    if (!this.edges.has(key)) this.edges.set(key, { from, to, kind });
  }

  /** The node a dependant in `pluginId`'s container reaches for service `id`. */
  private serviceNodeIn(pluginId: string, id: string): string {
    return this.services.get(id)?.scope === 'plugin' ? nodeId('svc', pluginId, id) : this.outsideService(id);
  }

  /**
   * The node of service `id` outside every container, drawn with what it depends on: a service
   * outside resolves its dependencies outside too. A depth-first walk on an explicit stack; each
   * edge is added when its target's walk is done, dependencies first.
   */
  private outsideService(id: string): string {
    const start = nodeId('svc', id);
    if (this.outside.has(start)) return start;
    const stack = [this.openOutside(id, start)];
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const dependency = top.dependencies[top.next];
      if (dependency === undefined) {
        stack.pop();
        const parent = stack[stack.length - 1];
        if (parent !== undefined) {
          this.edge(parent.node, top.node, 'injects');
          parent.next++;
        }
        continue;
      }
      const node = nodeId('svc', dependency);
      if (this.outside.has(node)) {
        this.edge(top.node, node, 'injects');
        top.next++;
      } else {
        stack.push(this.openOutside(dependency, node));
      }
    }
    return start;
  }

  private openOutside(id: string, node: string): { node: string; dependencies: readonly string[]; next: number } {
    const service = this.services.get(id);
    this.outside.set(node, {
      id: node,
      kind: 'service',
      lines: service === undefined ? [id, 'missing'] : serviceLines(service),
      mark: service === undefined ? 'missing' : 'ok',
    });
    return { node, dependencies: service?.dependencies ?? [], next: 0 };
  }

  private cluster(plugin: DrawnPlugin, inContainers: Set<string>): SceneCluster {
    const content: ContainerContent = { nodes: [], ids: new Set() };
    const pluginNode = nodeId('plugin', plugin.id);
    const drawing: ClusterDrawing = {
      plugin,
      content,
      pluginNode,
      add: (node) => {
        content.nodes.push(node);
        content.ids.add(node.id);
      },
      featureNode: (moduleId) => (moduleId === undefined ? pluginNode : nodeId('module', plugin.id, moduleId)),
    };
    drawing.add({ id: pluginNode, kind: 'plugin', lines: [`plugin ${plugin.id}`], mark: markOf(plugin.status) });
    for (const module of plugin.modules) {
      drawing.add({
        id: drawing.featureNode(module.id),
        kind: 'module',
        lines: [`module ${module.id}${suffix(module.status)}`],
        mark: markOf(module.status),
      });
    }
    this.drawExtensionPoints(drawing);
    this.drawServices(drawing, inContainers);
    this.drawDependsOn(drawing);
    return {
      id: nodeId('container', plugin.id),
      label: `${plugin.id}${suffix(plugin.status)}`,
      failed: plugin.status === 'failed',
      nodes: content.nodes,
    };
  }

  private drawExtensionPoints({ plugin, content, add, featureNode }: ClusterDrawing): void {
    const provided = new Set<string>();
    for (const ep of this.pointsByPlugin.get(plugin.id) ?? []) {
      provided.add(ep.id);
      const node = nodeId('ep', ep.id);
      add({ id: node, kind: 'extensionPoint', lines: [ep.id], mark: 'ok' });
      this.edge(featureNode(ep.provider.moduleId), node, 'provides');
      for (const user of ep.users) this.edge(node, featureNode(user.moduleId), 'usedBy');
    }
    // An extension point the plugin's features inject but nothing in its container provides is
    // absent from the description's extension points; its problem names it and who needs it.
    for (const problem of this.problemsByPlugin.get(plugin.id) ?? []) {
      const id = problem.extensionPointId;
      if (id === undefined || provided.has(id)) continue;
      if (problem.code !== 'EXTENSION_POINT_NOT_PROVIDED' && problem.code !== 'EXTENSION_POINT_OF_OTHER_PLUGIN') continue;
      const node = nodeId('ep', plugin.id, id);
      const owner = problem.code === 'EXTENSION_POINT_OF_OTHER_PLUGIN' ? problem.related?.[0] : undefined;
      const lines = [id, owner === undefined ? 'not provided' : `belongs to plugin ${owner}`];
      if (!content.ids.has(node)) add({ id: node, kind: 'extensionPoint', lines, mark: 'missing' });
      this.edge(node, featureNode(problem.moduleId), 'usedBy');
    }
  }

  private drawServices({ plugin, pluginNode, add, featureNode }: ClusterDrawing, inContainers: Set<string>): void {
    for (const id of plugin.services) this.edge(pluginNode, this.serviceNodeIn(plugin.id, id), 'injects');
    for (const module of plugin.modules) {
      for (const id of module.services) this.edge(featureNode(module.id), this.serviceNodeIn(plugin.id, id), 'injects');
    }
    for (const service of this.containerServices(plugin)) {
      inContainers.add(service.id);
      const node = nodeId('svc', plugin.id, service.id);
      add({ id: node, kind: 'service', lines: serviceLines(service), mark: 'ok' });
      for (const dependency of service.dependencies) this.edge(node, this.serviceNodeIn(plugin.id, dependency), 'injects');
    }
  }

  private drawDependsOn({ plugin, pluginNode }: ClusterDrawing): void {
    for (const dependency of plugin.dependsOn) {
      const node = nodeId('plugin', dependency);
      if (!this.drawnPlugins.has(dependency) && !this.outside.has(node)) {
        const installed = this.installedPlugins.has(dependency);
        this.outside.set(node, {
          id: node,
          kind: 'plugin',
          lines: installed ? [`plugin ${dependency}`] : [`plugin ${dependency}`, 'not installed'],
          mark: installed ? 'ok' : 'missing',
        });
      }
      this.edge(pluginNode, node, 'dependsOn');
    }
  }

  /**
   * Plugin-scoped services created in `plugin`'s container, in description order: those its
   * features inject, and those these reach through other plugin-scoped services (a root
   * service's dependencies live outside).
   */
  private containerServices(plugin: DrawnPlugin): DrawnService[] {
    const pluginScoped = (id: string): boolean => this.services.get(id)?.scope === 'plugin';
    const reached = reachableServices(
      (id) => this.services.get(id)?.dependencies.filter(pluginScoped),
      directServices(plugin).filter(pluginScoped),
    );
    const order = (id: string): number => this.serviceOrder.get(id) ?? 0;
    return [...reached].sort((a, b) => order(a) - order(b)).map((id) => this.services.get(id)!);
  }
}

/** One plugin's part of a checked description (see `selectDescription`). */
function selectInput(input: RenderInput, pluginId: string): RenderInput {
  const selection = selectPlugin(input.plugins, input.services, pluginId);
  return {
    plugins: [selection.plugin],
    extensionPoints: input.extensionPoints.filter((ep) => ep.pluginId === pluginId),
    services: input.services.filter((s) => selection.reached.has(s.id)),
    problems: input.problems.filter((p) => concernsSelection(p, selection)),
  };
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string | undefined): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    if (key === undefined) continue;
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [item]);
    else group.push(item);
  }
  return groups;
}

function markOf(status: string): NodeMark {
  return status === 'failed' ? 'failed' : 'ok';
}

function suffix(status: string): string {
  return status === 'failed' || status === 'skipped' ? ` (${status})` : '';
}
