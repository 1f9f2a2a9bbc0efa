import { wiringProblem, type WiringProblem } from '../../errors/index.js';
import { findCycles } from '../graph-algorithms.js';
import type { ClassNode, Dependency, ExtensionPointNode, NamedDeps, ServiceNode } from '../types.js';

/** Cycles among services, classes, root contexts and extension point implementations: nothing in one can be created first. */
export function reportConstructionCycles(
  services: Iterable<ServiceNode>,
  classes: Iterable<ClassNode>,
  extensionPoints: ReadonlyMap<string, ExtensionPointNode>,
  problems: WiringProblem[],
): void {
  const edges = new Map<string, string[]>();
  // Class labels are read only for a cycle found: a class's name is not free to read.
  const labels = new Map<string, string>();
  const classesByKey = new Map<string, ClassNode>();
  const targetsOf = (deps: readonly Dependency[]): string[] => {
    const targets: string[] = [];
    for (const dep of deps) {
      if (dep.kind === 'service') targets.push(`service:${dep.node.id}`);
      else if (dep.kind === 'class') targets.push(dep.node.key);
      else if (dep.kind === 'extensionPoint' && extensionPoints.has(dep.extensionPoint.id)) targets.push(`ep:${dep.extensionPoint.id}`);
    }
    return targets;
  };
  const named = (deps: NamedDeps): Dependency[] => deps.map(([, dep]) => dep);
  for (const node of services) {
    const key = `service:${node.id}`;
    const targets = targetsOf(node.deps);
    // The service before its root context: a cycle search starts from the service, so a cycle
    // both share is reported as the service's own (the context's deps are the factory's).
    edges.set(key, targets);
    labels.set(key, node.id);
    if (node.rootContext !== undefined) {
      targets.push(`context:${node.id}`);
      edges.set(`context:${node.id}`, targetsOf(named(node.rootContext.deps)));
      labels.set(`context:${node.id}`, `${node.id} (createRootContext)`);
    }
  }
  for (const node of classes) {
    edges.set(node.key, targetsOf(node.recipe.deps));
    classesByKey.set(node.key, node);
  }
  for (const ep of extensionPoints.values()) {
    const implementation = ep.implementation;
    edges.set(
      `ep:${ep.id}`,
      implementation.kind === 'class'
        ? [implementation.node.key]
        : implementation.kind === 'factory'
          ? targetsOf(named(implementation.deps))
          : [],
    );
    labels.set(`ep:${ep.id}`, ep.id);
  }
  const candidates = nodesThatMayCycle(edges);
  for (const cycle of candidates.length === 0 ? [] : findCycles(candidates, (key) => edges.get(key) ?? [])) {
    const path = cycle.map((key) => labels.get(key) ?? classesByKey.get(key)?.recipe.name ?? key);
    const refId = cycle.find((key) => key.startsWith('service:'))?.slice('service:'.length);
    const extensionPointId = cycle.find((key) => key.startsWith('ep:'))?.slice('ep:'.length);
    problems.push(
      wiringProblem('DEPENDENCY_CYCLE', {
        reason: 'construction',
        path,
        ...(refId === undefined ? {} : { refId }),
        ...(extensionPointId === undefined ? {} : { extensionPointId }),
      }),
    );
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
  // forEach, not for…of: no entry pair per node while this runs unoptimised (once per start).
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
    for (const needer of needers.get(done.pop()!) ?? []) {
      const left = remaining.get(needer)! - 1;
      remaining.set(needer, left);
      if (left === 0) done.push(needer);
    }
  }
  const candidates: string[] = [];
  remaining.forEach((left, key) => {
    if (left > 0) candidates.push(key);
  });
  return candidates;
}
