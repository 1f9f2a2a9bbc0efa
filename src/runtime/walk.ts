import { isThenable } from '../tokens/types.js';

/**
 * The one graph walk the runtime uses: modules inside a plugin, plugins in the app, and both
 * again in reverse at stop. A node starts as soon as all its prerequisites have finished, so
 * independent nodes run concurrently.
 */

/** Options of {@link walk}. */
export interface WalkOptions<N> {
  /** The nodes that must finish before `node` starts. All must be in the walked set. */
  readonly prerequisites: (node: N) => readonly N[];
  /** Runs one node. A thrown error or rejection marks it failed. */
  readonly visit: (node: N) => unknown;
  /**
   * Asked before each node starts, with the failures so far: return false to start nothing new
   * (nodes already running are still awaited).
   */
  readonly keepGoing?: (failures: ReadonlyMap<N, unknown>) => boolean;
  /** Whether a node whose prerequisite failed still runs (true at stop, false at start). */
  readonly runAfterFailedPrerequisite?: boolean;
  /** Called for nodes that were never visited because a prerequisite failed or the walk stopped. */
  readonly skipped?: (node: N) => void;
}

/**
 * Walks `nodes` in dependency order and returns the failures (node → error) once every started
 * node has settled: directly when nothing was async, else as a promise. Never rejects.
 */
export function walk<N>(nodes: readonly N[], options: WalkOptions<N>): Map<N, unknown> | Promise<Map<N, unknown>> {
  const failures = new Map<N, unknown>();
  if (nodes.length === 0) return failures;
  if (nodes.every((node) => options.prerequisites(node).length === 0)) return walkIndependent(nodes, options, failures);
  const waiting = new Map<N, number>();
  const dependants = new Map<N, N[]>();
  const blocked = new Set<N>();
  for (const node of nodes) {
    const prerequisites = options.prerequisites(node);
    waiting.set(node, prerequisites.length);
    for (const prerequisite of prerequisites) {
      const list = dependants.get(prerequisite);
      if (list === undefined) dependants.set(prerequisite, [node]);
      else list.push(node);
    }
  }
  let settled = 0;
  let finish!: (failures: Map<N, unknown>) => void;
  const done = new Promise<Map<N, unknown>>((resolve) => (finish = resolve));

  const complete = (node: N, failed: boolean): void => {
    settled++;
    for (const dependant of dependants.get(node) ?? []) {
      if (failed && !options.runAfterFailedPrerequisite) blocked.add(dependant);
      const remaining = waiting.get(dependant)! - 1;
      waiting.set(dependant, remaining);
      if (remaining === 0) start(dependant);
    }
    if (settled === nodes.length) finish(failures);
  };
  const start = (node: N): void => {
    if (blocked.has(node) || (options.keepGoing !== undefined && !options.keepGoing(failures))) {
      options.skipped?.(node);
      complete(node, true);
      return;
    }
    let result: unknown;
    try {
      result = options.visit(node);
    } catch (error) {
      failures.set(node, error);
      complete(node, true);
      return;
    }
    if (isThenable(result)) {
      result.then(
        () => complete(node, false),
        (error: unknown) => {
          failures.set(node, error);
          complete(node, true);
        },
      );
    } else {
      complete(node, false);
    }
  };
  // Decide the first wave before starting any: a node that finishes synchronously starts its
  // dependants from complete(), and the loop must not start them a second time.
  const ready = nodes.filter((node) => waiting.get(node) === 0);
  for (const node of ready) start(node);
  return done;
}

/**
 * The common case, with no edges: every node starts at once (the same order and outcome as the
 * general walk), without its bookkeeping.
 */
function walkIndependent<N>(
  nodes: readonly N[],
  options: WalkOptions<N>,
  failures: Map<N, unknown>,
): Map<N, unknown> | Promise<Map<N, unknown>> {
  let pending: Array<PromiseLike<unknown>> | undefined;
  for (const node of nodes) {
    if (options.keepGoing !== undefined && !options.keepGoing(failures)) {
      options.skipped?.(node);
      continue;
    }
    try {
      const result = options.visit(node);
      if (isThenable(result)) {
        (pending ??= []).push(
          result.then(undefined, (error: unknown) => {
            failures.set(node, error);
          }),
        );
      }
    } catch (error) {
      failures.set(node, error);
    }
  }
  return pending === undefined ? failures : Promise.all(pending).then(() => failures);
}

export { isThenable } from '../tokens/types.js';

/** Runs `next` on a value, or once a promise of it resolves: synchronous code stays synchronous. */
export function after<T, R>(value: T | PromiseLike<T>, next: (resolved: T) => R | PromiseLike<R>): R | Promise<R> {
  return isThenable(value) ? Promise.resolve(value).then(next) : (next(value) as R | Promise<R>);
}
