/**
 * Pure algorithms over directed graphs given as adjacency functions: cycles (services and
 * classes, module order, plugin `dependsOn`), topological order, layers, post-order. All
 * iterative: a graph's depth is never bounded by the call stack.
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
  for (let head = 0; head < queue.length; head++) {
    const node = queue[head]!;
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
 * Groups nodes into layers: each layer's nodes depend only on earlier layers (a node's layer is
 * one more than its deepest prerequisite's). Nodes on cycles are placed as if the edge closing
 * the cycle were absent. Iterative, so a chain of 10 000 nodes is 10 000 layers, not a stack overflow.
 */
export function layers<N>(nodes: readonly N[], id: (node: N) => string, prerequisites: (node: N) => readonly N[]): string[][] {
  const depth = new Map<N, number>();
  const visiting = new Set<N>();
  for (const root of nodes) {
    if (depth.has(root)) continue;
    const stack: Array<{ node: N; next: number; value: number }> = [{ node: root, next: 0, value: 0 }];
    visiting.add(root);
    while (stack.length > 0) {
      const frame = stack[stack.length - 1]!;
      const before = prerequisites(frame.node);
      if (frame.next < before.length) {
        const prerequisite = before[frame.next++]!;
        const known = depth.get(prerequisite);
        if (known !== undefined) frame.value = Math.max(frame.value, known + 1);
        else if (!visiting.has(prerequisite)) {
          visiting.add(prerequisite);
          stack.push({ node: prerequisite, next: 0, value: 0 });
        }
        continue;
      }
      stack.pop();
      visiting.delete(frame.node);
      depth.set(frame.node, frame.value);
      const parent = stack[stack.length - 1];
      if (parent !== undefined) parent.value = Math.max(parent.value, frame.value + 1);
    }
  }
  const result: string[][] = [];
  for (const node of nodes) (result[depth.get(node)!] ??= []).push(id(node));
  return result.filter((layer) => layer !== undefined);
}

/**
 * Every node reachable from `targets` through `edges` that `include` accepts, dependencies first
 * (post-order), each once. Iterative: the depth of the graph is not bounded by the call stack.
 */
export function postOrder<N>(targets: Iterable<N>, edges: (node: N) => readonly N[], include: (node: N) => boolean): N[] {
  const order: N[] = [];
  const seen = new Set<N>();
  for (const target of targets) {
    if (seen.has(target) || !include(target)) continue;
    seen.add(target);
    const stack: Array<{ node: N; next: number }> = [{ node: target, next: 0 }];
    while (stack.length > 0) {
      const frame = stack[stack.length - 1]!;
      const next = edges(frame.node);
      if (frame.next < next.length) {
        const node = next[frame.next++]!;
        if (!seen.has(node) && include(node)) {
          seen.add(node);
          stack.push({ node, next: 0 });
        }
        continue;
      }
      stack.pop();
      order.push(frame.node);
    }
  }
  return order;
}
