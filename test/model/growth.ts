/**
 * Graphs written as adjacency records, and a check that work grows linearly with size, for the
 * unit tests of the model's pure algorithms.
 */

/** `{ b: ['a'] }`: b has an edge to a. Nodes that only appear as targets have no edges. */
export type Adjacency = Readonly<Record<string, readonly string[]>>;

/** The edge function of an adjacency record. */
export function edgesOf(graph: Adjacency): (node: string) => readonly string[] {
  return (node) => graph[node] ?? [];
}

/** Node ids `n0 … n{length-1}`. */
export function ids(length: number): string[] {
  return Array.from({ length }, (_, index) => `n${index}`);
}

/** A chain where each node points at the next: `n0 -> n1 -> … -> n{length-1}`. */
export function chain(length: number): { readonly nodes: string[]; readonly next: (node: string) => readonly string[] } {
  const nodes = ids(length);
  const next = new Map<string, readonly string[]>();
  for (let index = 0; index + 1 < length; index++) next.set(nodes[index]!, [nodes[index + 1]!]);
  return { nodes, next: (node) => next.get(node) ?? [] };
}

/**
 * How much more each node costs in a graph of `large` nodes than in one of `small`: `run` over the
 * large input once against `run` over the small input `large / small` times (the same number of
 * nodes), in CPU time, best of several interleaved attempts, so a busy machine barely moves the answer. Linear
 * work gives about 1 (a little more as data outgrows caches), quadratic work about `large / small`.
 * Sizes stay small enough that garbage collection of the inputs does not dominate.
 */
export function growth<T>(prepare: (size: number) => T, run: (input: T) => void, small = 1_000, large = 16_000): number {
  const smallInput = prepare(small);
  const largeInput = prepare(large);
  const repeats = Math.round(large / small);
  // CPU time, not wall time: on a loaded machine (CI runs test files in parallel on few cores) a
  // longer run is preempted more often, which wall time would count as growth.
  const time = (work: () => void): number => {
    const started = process.cpuUsage();
    work();
    const used = process.cpuUsage(started);
    return (used.user + used.system) / 1000;
  };
  let bestSmall = Infinity;
  let bestLarge = Infinity;
  for (let attempt = 0; attempt < 7; attempt++) {
    bestSmall = Math.min(
      bestSmall,
      time(() => {
        for (let repeat = 0; repeat < repeats; repeat++) run(smallInput);
      }),
    );
    bestLarge = Math.min(
      bestLarge,
      time(() => run(largeInput)),
    );
  }
  return Math.max(bestLarge, 0.01) / Math.max(bestSmall, 0.01);
}

/**
 * The bound tests assert on {@link growth} with sizes 16x apart: linear work measures 1 to 3 on a
 * quiet machine, quadratic work 16. On a loaded one the large input's collections (it outgrows the
 * young generation, the small one does not) and the collector's threads, whose time process
 * CPU time includes, pushed linear work to 8.4 (ClassReach, twice, in full runs); 10 keeps the
 * margin on both sides.
 */
export const LINEAR_GROWTH_BOUND = 10;
