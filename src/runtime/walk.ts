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
  if (nodes.length === 0) return new Map();
  return new Walk(nodes, options).run();
}

/** One walk's state: what each node waits for, the ready queue, the failures. */
class Walk<N> {
  readonly failures = new Map<N, unknown>();
  readonly #options: WalkOptions<N>;
  readonly #total: number;
  // The edges' bookkeeping is made only when some node has prerequisites: most walks (a plugin's
  // modules, plugins without dependsOn) have none, and there is one walk per plugin.
  readonly #waiting: Map<N, number> | undefined;
  readonly #dependants: Map<N, N[]> | undefined;
  #blocked: Set<N> | undefined;
  readonly #ready: N[];
  #head = 0;
  #settled = 0;
  #draining = false;
  #finish: ((failures: Map<N, unknown>) => void) | undefined;

  constructor(nodes: readonly N[], options: WalkOptions<N>) {
    this.#options = options;
    this.#total = nodes.length;
    this.#dependants = dependantsAmong(nodes, options.prerequisites);
    if (this.#dependants === undefined) {
      this.#ready = nodes.slice();
      return;
    }
    // Each node waits for as many completions as it appears among the dependants.
    const waiting = new Map<N, number>();
    for (const dependants of this.#dependants.values()) for (const node of dependants) waiting.set(node, (waiting.get(node) ?? 0) + 1);
    this.#waiting = waiting;
    this.#ready = nodes.filter((node) => !waiting.has(node));
  }

  run(): Map<N, unknown> | Promise<Map<N, unknown>> {
    this.drain();
    if (this.#settled === this.#total) return this.failures;
    return new Promise((resolve) => (this.#finish = resolve));
  }

  // Nodes made ready by a completion join the queue; only the outermost call drains it.
  private drain(): void {
    if (this.#draining) return;
    this.#draining = true;
    while (this.#head < this.#ready.length) this.start(this.#ready[this.#head++]!);
    this.#draining = false;
    if (this.#settled === this.#total) this.#finish?.(this.failures);
  }

  private start(node: N): void {
    const { keepGoing, skipped, visit } = this.#options;
    if (this.#blocked?.has(node) === true || (keepGoing !== undefined && !keepGoing(this.failures))) {
      skipped?.(node);
      this.complete(node, true);
      return;
    }
    let result: unknown;
    try {
      result = visit(node);
    } catch (error) {
      this.fail(node, error);
      return;
    }
    if (!isThenable(result)) {
      this.complete(node, false);
      return;
    }
    result.then(
      () => {
        this.complete(node, false);
        this.drain();
      },
      (error: unknown) => {
        this.fail(node, error);
        this.drain();
      },
    );
  }

  private fail(node: N, error: unknown): void {
    this.failures.set(node, error);
    this.complete(node, true);
  }

  private complete(node: N, failed: boolean): void {
    this.#settled++;
    const dependants = this.#dependants?.get(node);
    if (dependants === undefined) return;
    for (const dependant of dependants) {
      if (failed && !this.#options.runAfterFailedPrerequisite) (this.#blocked ??= new Set()).add(dependant);
      const remaining = this.#waiting!.get(dependant)! - 1;
      this.#waiting!.set(dependant, remaining);
      if (remaining === 0) this.#ready.push(dependant);
    }
  }
}

/**
 * The reverse of `prerequisites` among `nodes`: each node with the nodes that need it (a walk's
 * edges; stop walks plugins along them, dependants first). Prerequisites outside `nodes` are not
 * edges. Undefined when no node has prerequisites, as in most walks.
 */
export function dependantsAmong<N>(nodes: readonly N[], prerequisites: (node: N) => readonly N[]): Map<N, N[]> | undefined {
  if (!nodes.some((node) => prerequisites(node).length > 0)) return undefined;
  const dependants = new Map<N, N[]>();
  const present = new Set(nodes);
  for (const node of nodes) {
    for (const prerequisite of prerequisites(node)) {
      if (!present.has(prerequisite)) continue;
      const list = dependants.get(prerequisite);
      if (list === undefined) dependants.set(prerequisite, [node]);
      else list.push(node);
    }
  }
  return dependants;
}

export { isThenable } from '../tokens/types.js';

/** Runs `next` on a value, or once a promise of it resolves: synchronous code stays synchronous. */
export function after<T, R>(value: T | PromiseLike<T>, next: (resolved: T) => R | PromiseLike<R>): R | Promise<R> {
  return isThenable(value) ? Promise.resolve(value).then(next) : (next(value) as R | Promise<R>);
}
