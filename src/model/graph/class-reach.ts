import type { ClassNode } from '../types.js';

const EMPTY: ReadonlySet<never> = new Set();

/**
 * What each class reaches through the classes it injects by class: the union of what it holds
 * itself (`own`) and what every class it injects reaches. Computed on demand, memoised, and
 * without recursion; a class that adds nothing shares its only contributor's set, so a chain of
 * 10 000 classes costs 10 000 steps and one set, not 10 000 sets. On a cycle (reported elsewhere)
 * the sets are partial.
 */
export class ClassReach<T> {
  private readonly memo = new Map<ClassNode, ReadonlySet<T>>();

  constructor(private readonly own: (node: ClassNode) => readonly T[]) {}

  of(start: ClassNode): ReadonlySet<T> {
    const known = this.memo.get(start);
    if (known !== undefined) return known;
    const visiting = new Set<ClassNode>([start]);
    const stack: Array<{ node: ClassNode; next: number }> = [{ node: start, next: 0 }];
    while (stack.length > 0) {
      const frame = stack[stack.length - 1]!;
      const deps = frame.node.recipe.deps;
      let descended = false;
      while (frame.next < deps.length) {
        const dep = deps[frame.next++]!;
        if (dep.kind !== 'class' || this.memo.has(dep.node) || visiting.has(dep.node)) continue;
        visiting.add(dep.node);
        stack.push({ node: dep.node, next: 0 });
        descended = true;
        break;
      }
      if (descended) continue;
      stack.pop();
      visiting.delete(frame.node);
      this.memo.set(frame.node, this.combine(frame.node));
    }
    return this.memo.get(start)!;
  }

  private combine(node: ClassNode): ReadonlySet<T> {
    const own = this.own(node);
    let shared: ReadonlySet<T> | undefined;
    let merged: Set<T> | undefined;
    for (const dep of node.recipe.deps) {
      if (dep.kind !== 'class') continue;
      const reach = this.memo.get(dep.node);
      if (reach === undefined || reach.size === 0 || reach === shared) continue;
      if (shared === undefined && merged === undefined) shared = reach;
      else {
        merged ??= new Set(shared);
        shared = undefined;
        for (const item of reach) merged.add(item);
      }
    }
    if (own.length === 0 && merged === undefined) return shared ?? EMPTY;
    merged ??= new Set(shared);
    for (const item of own) merged.add(item);
    return merged;
  }
}
