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
  const candidates = nodesThatMayCycle(edges);
  for (const cycle of candidates.length === 0 ? [] : findCycles(candidates, (key) => edges.get(key) ?? [])) {
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

/**
 * The nodes that can still be on a cycle once every node that needs nothing (and, in turn, every
 * node that only needs such nodes) is peeled off. In a sound app that is nearly nothing, so the
 * cycle search runs on a handful of nodes instead of every class and extension point.
 */
function nodesThatMayCycle(edges: ReadonlyMap<string, readonly string[]>): string[] {
  const remaining = new Map<string, number>();
  const needers = new Map<string, string[]>();
  const done: string[] = [];
  // forEach and indexed loops: one pass per class and extension point, so no iterator allocations.
  edges.forEach((targets, key) => {
    let count = 0;
    for (let index = 0; index < targets.length; index++) {
      const target = targets[index]!;
      if (!edges.has(target)) continue; // not a node here: cannot lead back
      count++;
      const list = needers.get(target);
      if (list === undefined) needers.set(target, [key]);
      else list.push(key);
    }
    remaining.set(key, count);
    if (count === 0) done.push(key);
  });
  while (done.length > 0) {
    const list = needers.get(done.pop()!);
    if (list === undefined) continue;
    for (let index = 0; index < list.length; index++) {
      const left = remaining.get(list[index]!)! - 1;
      remaining.set(list[index]!, left);
      if (left === 0) done.push(list[index]!);
    }
  }
  const candidates: string[] = [];
  remaining.forEach((left, key) => {
    if (left > 0) candidates.push(key);
  });
  return candidates;
}
