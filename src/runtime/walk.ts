import { isThenable } from '../tokens/types.js';

/**
 * The one graph walk the runtime uses: modules inside a plugin, plugins in the app, and plugins
 * again in reverse at stop. A node starts as soon as all its prerequisites have finished, so
 * independent nodes run concurrently. A queue, not recursion: a chain of 10 000 nodes that finish
 * synchronously is a loop.
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
  const waiting = new Map<N, number>();
  const dependants = new Map<N, N[]>();
  let edges = false;
  for (const node of nodes) {
    const prerequisites = options.prerequisites(node);
    if (prerequisites.length === 0) continue;
    edges = true;
    waiting.set(node, prerequisites.length);
    for (const prerequisite of prerequisites) {
      const list = dependants.get(prerequisite);
      if (list === undefined) dependants.set(prerequisite, [node]);
      else list.push(node);
    }
  }
  const blocked = edges ? new Set<N>() : undefined;
  const ready: N[] = nodes.filter((node) => !waiting.has(node));
  let head = 0;
  let settled = 0;
  let draining = false;
  let finish: ((failures: Map<N, unknown>) => void) | undefined;

  const complete = (node: N, failed: boolean): void => {
    settled++;
    for (const dependant of dependants.get(node) ?? []) {
      if (failed && !options.runAfterFailedPrerequisite) blocked!.add(dependant);
      const remaining = waiting.get(dependant)! - 1;
      waiting.set(dependant, remaining);
      if (remaining === 0) ready.push(dependant);
    }
  };
  const start = (node: N): void => {
    if (blocked?.has(node) || (options.keepGoing !== undefined && !options.keepGoing(failures))) {
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
    if (!isThenable(result)) {
      complete(node, false);
      return;
    }
    result.then(
      () => {
        complete(node, false);
        drain();
      },
      (error: unknown) => {
        failures.set(node, error);
        complete(node, true);
        drain();
      },
    );
  };
  // Nodes made ready by a completion join the queue; only the outermost call drains it.
  const drain = (): void => {
    if (draining) return;
    draining = true;
    while (head < ready.length) start(ready[head++]!);
    draining = false;
    if (settled === nodes.length) finish?.(failures);
  };
  drain();
  if (settled === nodes.length) return failures;
  return new Promise((resolve) => (finish = resolve));
}

export { isThenable } from '../tokens/types.js';

/** Runs `next` on a value, or once a promise of it resolves: synchronous code stays synchronous. */
export function after<T, R>(value: T | PromiseLike<T>, next: (resolved: T) => R | PromiseLike<R>): R | Promise<R> {
  return isThenable(value) ? Promise.resolve(value).then(next) : (next(value) as R | Promise<R>);
}
