import { jest } from '@jest/globals';
import { ClassReach } from '../../src/model/graph/class-reach.js';
import type { ClassNode } from '../../src/model/types.js';
import { chain, growth, LINEAR_GROWTH_BOUND, type Adjacency } from './growth.js';

/** Class nodes named after the keys of `graph`, each injecting (by class) the nodes it lists. */
function classNodes(graph: Adjacency): Map<string, ClassNode> {
  const names = new Set([...Object.keys(graph), ...Object.values(graph).flat()]);
  const nodes = new Map<string, ClassNode>();
  for (const name of names) {
    const cls = class {};
    nodes.set(name, {
      kind: 'class',
      cls,
      key: name,
      scope: 'plugin',
      recipe: { cls, name, deps: [], onInit: undefined, onShutdown: undefined },
      needs: [],
    });
  }
  for (const [name, injects] of Object.entries(graph)) {
    nodes.get(name)!.recipe = {
      ...nodes.get(name)!.recipe,
      deps: injects.map((target) => ({ kind: 'class' as const, node: nodes.get(target)!, optional: false })),
    };
  }
  return nodes;
}

/** The reach of `start` where each node holds what `own` lists for its name. */
function reach(graph: Adjacency, own: Readonly<Record<string, string[]>>, start: string): string[] {
  const nodes = classNodes(graph);
  return [...new ClassReach<string>((node) => own[node.recipe.name] ?? []).of(nodes.get(start)!)].sort();
}

describe(ClassReach, () => {
  it.each<{ name: string; graph: Adjacency; own: Record<string, string[]>; start: string; expected: string[] }>([
    { name: 'a class that holds nothing and injects nothing', graph: { a: [] }, own: {}, start: 'a', expected: [] },
    { name: 'what it holds itself', graph: { a: [] }, own: { a: ['x'] }, start: 'a', expected: ['x'] },
    { name: 'what the classes it injects hold', graph: { a: ['b'], b: ['c'] }, own: { c: ['x'] }, start: 'a', expected: ['x'] },
    {
      name: 'the union, each once',
      graph: { a: ['b', 'c'], b: ['d'], c: ['d'] },
      own: { a: ['x'], b: ['y'], c: ['x', 'z'], d: ['y'] },
      start: 'a',
      expected: ['x', 'y', 'z'],
    },
    { name: 'not what injects it', graph: { a: ['b'] }, own: { a: ['x'] }, start: 'b', expected: [] },
    { name: 'a cycle ends (its sets may be partial)', graph: { a: ['b'], b: ['a'] }, own: { b: ['x'] }, start: 'a', expected: ['x'] },
  ])('$name', ({ graph, own, start, expected }) => {
    expect(reach(graph, own, start)).toEqual(expected);
  });

  it('asks each class what it holds once, however often it is reached', () => {
    const nodes = classNodes({ a: ['c'], b: ['c'], c: [] });
    const own = jest.fn((_node: ClassNode): string[] => ['x']);
    const classReach = new ClassReach<string>(own);
    for (const name of ['a', 'b', 'c', 'a']) classReach.of(nodes.get(name)!);
    expect(own.mock.calls.map(([node]) => node.recipe.name).sort()).toEqual(['a', 'b', 'c']);
  });

  describe('on a chain of 10 000 classes', () => {
    const build = (size: number) => {
      const { nodes, next } = chain(size);
      const graph = Object.fromEntries(nodes.map((name) => [name, next(name)]));
      return { nodes: classNodes(graph), first: nodes[0]!, last: nodes[size - 1]! };
    };

    it('reaches the far end without overflowing the stack, sharing one set along the chain', () => {
      const { nodes, first, last } = build(10_000);
      const classReach = new ClassReach<string>((node) => (node.recipe.name === last ? ['held'] : []));
      const reached = classReach.of(nodes.get(first)!);
      expect([...reached]).toEqual(['held']);
      expect(classReach.of(nodes.get('n5000')!)).toBe(reached);
    });

    it('takes time linear in its length', () => {
      const ratio = growth(build, ({ nodes, first, last }) => {
        new ClassReach<string>((node) => (node.recipe.name === last ? ['held'] : [])).of(nodes.get(first)!);
      });
      expect(ratio).toBeLessThan(LINEAR_GROWTH_BOUND);
    });
  });
});
