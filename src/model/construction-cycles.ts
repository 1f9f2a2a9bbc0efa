import type { WiringProblem } from '../errors.js';
import type { Constructor } from '../tokens/types.js';
import { findCycles } from './cycles.js';
import { serviceDeps } from './service-deps.js';
import type { ClassNode, Dependency, ExtensionPointNode, ServiceNode } from './types.js';

/** Cycles among services, classes and extension point implementations: nothing in one can be created first. */
export function reportConstructionCycles(
  services: ReadonlyMap<string, ServiceNode>,
  classNodes: ReadonlyMap<Constructor, ClassNode>,
  extensionPoints: ReadonlyMap<string, ExtensionPointNode>,
  problems: WiringProblem[],
): void {
  const edges = new Map<string, string[]>();
  const labels = new Map<string, string>();
  const targetsOf = (deps: readonly Dependency[]): string[] => {
    const targets: string[] = [];
    for (const dep of deps) {
      if (dep.kind === 'service') targets.push(`service:${dep.ref.id}`);
      else if (dep.kind === 'class') targets.push(dep.node.key);
      else if (dep.kind === 'extensionPoint' && extensionPoints.has(dep.extensionPoint.id)) targets.push(`ep:${dep.extensionPoint.id}`);
    }
    return targets;
  };
  for (const node of services.values()) {
    edges.set(`service:${node.id}`, targetsOf(serviceDeps(node)));
    labels.set(`service:${node.id}`, node.id);
  }
  for (const node of classNodes.values()) {
    edges.set(node.key, targetsOf(node.recipe.deps));
    labels.set(node.key, node.recipe.name);
  }
  for (const ep of extensionPoints.values()) {
    edges.set(`ep:${ep.id}`, ep.implementation.kind === 'class' ? [ep.implementation.node.key] : []);
    labels.set(`ep:${ep.id}`, ep.id);
  }
  for (const cycle of findCycles(edges.keys(), (key) => edges.get(key) ?? [])) {
    const named = cycle.map((key) => labels.get(key) ?? key);
    const refs = cycle.filter((key) => key.startsWith('service:')).map((key) => key.slice('service:'.length));
    const eps = cycle.filter((key) => key.startsWith('ep:')).map((key) => key.slice('ep:'.length));
    problems.push({
      code: 'DEPENDENCY_CYCLE',
      message:
        `Dependency cycle: ${named.join(' -> ')} (each arrow reads "needs"). Nothing in a cycle can be created first; ` +
        `break it by removing one dependency or by passing the value later through a method.`,
      path: named,
      ...(refs[0] !== undefined ? { refId: refs[0] } : {}),
      ...(eps[0] !== undefined ? { extensionPointId: eps[0] } : {}),
    });
  }
}
