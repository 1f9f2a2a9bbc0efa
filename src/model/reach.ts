import type { WiringProblem } from '../errors.js';
import { serviceDeps } from './service-deps.js';
import type { ClassNode, Dependency, ServiceNode } from './types.js';

/** What something reaches through injection: the extension points, plugin-scoped services and classes. */
export interface Reach {
  readonly extensionPoints: Map<string, { extensionPoint: Dependency & { kind: 'extensionPoint' }; via: string }>;
  readonly pluginServices: Set<string>;
  readonly classes: Set<ClassNode>;
}

/**
 * Memoised reachability over services and classes: per class, what it reaches; per service,
 * the plugin-scoped refs (and classes) a plugin must bind to create it. A service that reaches
 * an extension point is an `EXTENSION_POINT_IN_SERVICE` problem.
 */
export class ReachIndex {
  private readonly classReach = new Map<ClassNode, Reach>();
  private readonly closing = new Set<ServiceNode>();

  constructor(
    private readonly services: ReadonlyMap<string, ServiceNode>,
    private readonly problems: WiringProblem[],
  ) {}

  /** What a class reaches (itself included). */
  ofClass(node: ClassNode): Reach {
    let reach = this.classReach.get(node);
    if (reach !== undefined) return reach;
    reach = { extensionPoints: new Map(), pluginServices: new Set(), classes: new Set([node]) };
    this.classReach.set(node, reach); // set before recursing: a class cycle ends here (and is reported elsewhere)
    this.add(reach, node.recipe.deps, node.recipe.name);
    return reach;
  }

  /** Adds what `deps` reach to `reach`. */
  add(reach: Reach, deps: readonly Dependency[], via: string): void {
    for (const dep of deps) {
      if (dep.kind === 'extensionPoint') {
        if (!reach.extensionPoints.has(dep.extensionPoint.id))
          reach.extensionPoints.set(dep.extensionPoint.id, { extensionPoint: dep, via });
      } else if (dep.kind === 'service') {
        for (const id of this.pluginClosure(this.services.get(dep.ref.id)!)) reach.pluginServices.add(id);
      } else if (dep.kind === 'class') {
        const inner = this.ofClass(dep.node);
        for (const [id, entry] of inner.extensionPoints) if (!reach.extensionPoints.has(id)) reach.extensionPoints.set(id, entry);
        for (const id of inner.pluginServices) reach.pluginServices.add(id);
        for (const cls of inner.classes) reach.classes.add(cls);
      }
    }
  }

  /**
   * Ids of the plugin-scoped refs (and keys of plugin-scoped classes) a plugin must bind to
   * create this service: itself when plugin-scoped, and everything plugin-scoped below it.
   */
  pluginClosure(node: ServiceNode): ReadonlySet<string> {
    if (node.pluginClosure !== undefined) return node.pluginClosure;
    const closure = new Set<string>();
    if (this.closing.has(node)) return closure; // a cycle: reported by the cycle check
    this.closing.add(node);
    if (node.scope === 'plugin') closure.add(node.id);
    const reach: Reach = { extensionPoints: new Map(), pluginServices: closure, classes: new Set() };
    this.add(reach, serviceDeps(node), `service '${node.id}'`);
    for (const cls of reach.classes) if (cls.scope === 'plugin' && node.scope === 'plugin') closure.add(cls.key);
    node.pluginClosure = closure;
    for (const [id] of reach.extensionPoints) {
      this.problems.push({
        code: 'EXTENSION_POINT_IN_SERVICE',
        message:
          `Service '${node.id}' depends on extension point '${id}'. Extension points belong to one plugin and can be ` +
          `injected only by that plugin, its modules and the classes they provide; pass what the service needs as a ` +
          `method argument instead.`,
        refId: node.id,
        extensionPointId: id,
      });
    }
    return closure;
  }
}
