/**
 * Cycle finding over a directed graph given as adjacency lists. Pure: used for the service and
 * class graph, the module order inside a plugin, and plugin `dependsOn`.
 */

/**
 * Every cycle of the graph, one per strongly connected component, each as a path whose first
 * node is repeated at the end (`['a', 'b', 'a']`). Iterative Tarjan, so deep graphs cannot
 * overflow the stack.
 */
export function findCycles(nodes: Iterable<string>, edges: (node: string) => readonly string[]): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  let counter = 0;

  for (const start of nodes) {
    if (index.has(start)) continue;
    const work: Array<{ node: string; next: number }> = [{ node: start, next: 0 }];
    index.set(start, counter);
    low.set(start, counter++);
    stack.push(start);
    onStack.add(start);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const targets = edges(frame.node);
      if (frame.next < targets.length) {
        const target = targets[frame.next++]!;
        if (!index.has(target)) {
          index.set(target, counter);
          low.set(target, counter++);
          stack.push(target);
          onStack.add(target);
          work.push({ node: target, next: 0 });
        } else if (onStack.has(target)) {
          low.set(frame.node, Math.min(low.get(frame.node)!, index.get(target)!));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(frame.node)!));
      if (low.get(frame.node) !== index.get(frame.node)) continue;
      // Most components are one node without a self-loop: no set, no search.
      if (stack[stack.length - 1] === frame.node) {
        stack.pop();
        onStack.delete(frame.node);
        if (edges(frame.node).includes(frame.node)) cycles.push([frame.node, frame.node]);
        continue;
      }
      const component = new Set<string>();
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.add(member);
      } while (member !== frame.node);
      const selfLoop = component.size === 1 && edges(frame.node).includes(frame.node);
      if (component.size > 1 || selfLoop) cycles.push(cycleWithin(component, frame.node, edges));
    }
  }
  return cycles;
}

/** One cycle inside a strongly connected component, starting at its earliest-found node. */
function cycleWithin(component: Set<string>, start: string, edges: (node: string) => readonly string[]): string[] {
  // Breadth-first from start back to start gives the shortest cycle through it: the clearest message.
  const previous = new Map<string, string>();
  const queue: string[] = [start];
  while (queue.length > 0) {
    const node = queue.shift()!;
    for (const target of edges(node)) {
      if (!component.has(target)) continue;
      if (target === start) {
        const path = [node];
        let cursor = node;
        while (cursor !== start) {
          cursor = previous.get(cursor)!;
          path.push(cursor);
        }
        path.reverse();
        path.push(start);
        return path;
      }
      if (!previous.has(target) && target !== start) {
        previous.set(target, node);
        queue.push(target);
      }
    }
  }
  return [start, start];
}

/**
 * A topological order (dependencies first) of an acyclic graph; nodes on cycles are appended at
 * the end in input order so callers always get every node.
 */
export function topologicalOrder(nodes: readonly string[], dependencies: (node: string) => readonly string[]): string[] {
  const order: string[] = [];
  const state = new Map<string, 1 | 2>();
  for (const root of nodes) {
    if (state.has(root)) continue;
    const work: Array<{ node: string; next: number }> = [{ node: root, next: 0 }];
    state.set(root, 1);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const deps = dependencies(frame.node);
      if (frame.next < deps.length) {
        const dep = deps[frame.next++]!;
        if (!state.has(dep)) {
          state.set(dep, 1);
          work.push({ node: dep, next: 0 });
        }
        continue;
      }
      work.pop();
      state.set(frame.node, 2);
      order.push(frame.node);
    }
  }
  return order;
}
