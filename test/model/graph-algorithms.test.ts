import { findCycles, layers, postOrder } from '../../src/model/graph-algorithms.js';
import { chain, edgesOf, growth, LINEAR_GROWTH_BOUND, type Adjacency } from './growth.js';

describe(findCycles, () => {
  it.each<{ name: string; nodes: string[]; graph: Adjacency; expected: string[][] }>([
    { name: 'no nodes', nodes: [], graph: {}, expected: [] },
    { name: 'no edges', nodes: ['a', 'b'], graph: {}, expected: [] },
    { name: 'a chain', nodes: ['a', 'b', 'c'], graph: { a: ['b'], b: ['c'] }, expected: [] },
    { name: 'a diamond', nodes: ['a', 'b', 'c', 'd'], graph: { a: ['b', 'c'], b: ['d'], c: ['d'] }, expected: [] },
    { name: 'a self loop', nodes: ['a'], graph: { a: ['a'] }, expected: [['a', 'a']] },
    { name: 'a self loop beside a plain node', nodes: ['a', 'b'], graph: { a: ['b'], b: ['b'] }, expected: [['b', 'b']] },
    { name: 'two nodes', nodes: ['a', 'b'], graph: { a: ['b'], b: ['a'] }, expected: [['a', 'b', 'a']] },
    { name: 'three nodes', nodes: ['a', 'b', 'c'], graph: { a: ['b'], b: ['c'], c: ['a'] }, expected: [['a', 'b', 'c', 'a']] },
    {
      name: 'entered from a tail: the path starts at the first node of the cycle found',
      nodes: ['x', 'a', 'b'],
      graph: { x: ['a'], a: ['b'], b: ['a'] },
      expected: [['a', 'b', 'a']],
    },
    {
      name: 'one component with two cycles: the shortest one through its first node',
      nodes: ['a', 'b', 'c', 'd'],
      graph: { a: ['b'], b: ['c'], c: ['d', 'a'], d: ['a'] },
      expected: [['a', 'b', 'c', 'a']],
    },
    {
      name: 'a self loop inside a larger component is the shortest cycle',
      nodes: ['a', 'b'],
      graph: { a: ['b', 'a'], b: ['a'] },
      expected: [['a', 'a']],
    },
    {
      name: 'several components: one cycle each, in discovery order',
      nodes: ['a', 'b', 'c', 'd', 'e', 'f'],
      graph: { a: ['b'], b: ['a'], c: ['d'], d: ['e'], e: ['c'], f: ['f'] },
      expected: [
        ['a', 'b', 'a'],
        ['c', 'd', 'e', 'c'],
        ['f', 'f'],
      ],
    },
    {
      name: 'edges to nodes not listed are followed',
      nodes: ['a'],
      graph: { a: ['z'], z: ['a'] },
      expected: [['a', 'z', 'a']],
    },
  ])('$name', ({ nodes, graph, expected }) => {
    expect(findCycles(nodes, edgesOf(graph))).toEqual(expected);
  });

  it('reports one cycle per component, each node at most once in a path', () => {
    // Two cycles share node 'a': one component, one report.
    const cycles = findCycles(['a', 'b', 'c'], edgesOf({ a: ['b', 'c'], b: ['a'], c: ['a'] }));
    expect(cycles).toEqual([['a', 'b', 'a']]);
  });

  describe('on a chain of 10 000', () => {
    it('finds nothing, and the cycle closing it, without overflowing the stack', () => {
      const { nodes, next } = chain(10_000);
      expect(findCycles(nodes, next)).toEqual([]);
      const closed = (node: string): readonly string[] => (node === 'n9999' ? ['n0'] : next(node));
      const [cycle] = findCycles(nodes, closed);
      expect(cycle).toHaveLength(10_001);
      expect([cycle![0], cycle![1], cycle![9_999], cycle![10_000]]).toEqual(['n0', 'n1', 'n9999', 'n0']);
    });

    it('asks for each node’s edges a bounded number of times', () => {
      const { nodes, next } = chain(10_000);
      let calls = 0;
      findCycles(nodes, (node) => (calls++, next(node)));
      expect(calls).toBeLessThanOrEqual(3 * nodes.length);
    });

    it('takes time linear in its length', () => {
      const ratio = growth(
        (size) => {
          const { nodes, next } = chain(size);
          const last = nodes[size - 1];
          return { nodes, edges: (node: string) => (node === last ? [nodes[0]!] : next(node)) };
        },
        ({ nodes, edges }) => findCycles(nodes, edges),
      );
      expect(ratio).toBeLessThan(LINEAR_GROWTH_BOUND);
    });
  });
});

describe(layers, () => {
  it.each<{ name: string; nodes: string[]; prerequisites: Adjacency; expected: string[][] }>([
    { name: 'no nodes', nodes: [], prerequisites: {}, expected: [] },
    { name: 'independent nodes: one layer, in input order', nodes: ['c', 'a', 'b'], prerequisites: {}, expected: [['c', 'a', 'b']] },
    { name: 'a chain', nodes: ['c', 'b', 'a'], prerequisites: { c: ['b'], b: ['a'] }, expected: [['a'], ['b'], ['c']] },
    {
      name: 'a diamond',
      nodes: ['d', 'b', 'c', 'a'],
      prerequisites: { d: ['b', 'c'], b: ['a'], c: ['a'] },
      expected: [['a'], ['b', 'c'], ['d']],
    },
    {
      name: 'a node one more than its deepest prerequisite',
      nodes: ['a', 'b', 'c', 'd'],
      prerequisites: { b: ['a'], c: ['b'], d: ['a', 'c'] },
      expected: [['a'], ['b'], ['c'], ['d']],
    },
    {
      name: 'two chains side by side',
      nodes: ['a1', 'a2', 'b1', 'b2', 'b3'],
      prerequisites: { a2: ['a1'], b2: ['b1'], b3: ['b2'] },
      expected: [['a1', 'b1'], ['a2', 'b2'], ['b3']],
    },
    { name: 'a self dependency is ignored', nodes: ['a'], prerequisites: { a: ['a'] }, expected: [['a']] },
    {
      name: 'a cycle: the edge closing it is left out',
      nodes: ['a', 'b'],
      prerequisites: { a: ['b'], b: ['a'] },
      expected: [['b'], ['a']],
    },
    {
      name: 'a cycle of three entered at its first node',
      nodes: ['a', 'b', 'c'],
      prerequisites: { a: ['b'], b: ['c'], c: ['a'] },
      expected: [['c'], ['b'], ['a']],
    },
  ])('$name', ({ nodes, prerequisites, expected }) => {
    expect(layers(nodes, (node) => node, edgesOf(prerequisites))).toEqual(expected);
  });

  it('names nodes with `id` and compares them by identity', () => {
    const a = { name: 'a', before: [] as object[] };
    const b = { name: 'b', before: [a] };
    expect(
      layers(
        [b, a],
        (node) => node.name,
        (node) => node.before as (typeof a)[],
      ),
    ).toEqual([['a'], ['b']]);
  });

  describe('on a chain of 10 000', () => {
    it('gives 10 000 layers without overflowing the stack', () => {
      const { nodes, next } = chain(10_000);
      const result = layers(nodes, (node) => node, next);
      expect(result).toHaveLength(10_000);
      expect([result[0], result[9_999]]).toEqual([['n9999'], ['n0']]);
    });

    it('takes time linear in its length', () => {
      const ratio = growth(chain, ({ nodes, next }) => layers(nodes, (node) => node, next));
      expect(ratio).toBeLessThan(LINEAR_GROWTH_BOUND);
    });
  });
});

describe(postOrder, () => {
  const all = (): boolean => true;

  it.each<{ name: string; targets: string[]; edges: Adjacency; excluded?: string[]; expected: string[] }>([
    { name: 'no targets', targets: [], edges: { a: ['b'] }, expected: [] },
    { name: 'one node', targets: ['a'], edges: {}, expected: ['a'] },
    { name: 'a chain: dependencies first', targets: ['c'], edges: { c: ['b'], b: ['a'] }, expected: ['a', 'b', 'c'] },
    {
      name: 'a diamond: each once',
      targets: ['d'],
      edges: { d: ['b', 'c'], b: ['a'], c: ['a'] },
      expected: ['a', 'b', 'c', 'd'],
    },
    {
      name: 'several targets sharing dependencies: each once',
      targets: ['x', 'y', 'x'],
      edges: { x: ['s'], y: ['s', 't'] },
      expected: ['s', 'x', 't', 'y'],
    },
    { name: 'a target that another target needs is listed once', targets: ['b', 'a'], edges: { b: ['a'] }, expected: ['a', 'b'] },
    {
      name: 'only what is reachable',
      targets: ['b'],
      edges: { a: ['z'], b: ['c'] },
      expected: ['c', 'b'],
    },
    {
      name: 'excluded nodes are left out with what is reached only through them',
      targets: ['d'],
      edges: { d: ['b', 'c'], b: ['a'], c: [] },
      excluded: ['b'],
      expected: ['c', 'd'],
    },
    { name: 'an excluded target', targets: ['b'], edges: { b: ['a'] }, excluded: ['b'], expected: [] },
    { name: 'a cycle ends', targets: ['a'], edges: { a: ['b'], b: ['a'] }, expected: ['b', 'a'] },
  ])('$name', ({ targets, edges, excluded = [], expected }) => {
    expect(postOrder(targets, edgesOf(edges), (node) => !excluded.includes(node))).toEqual(expected);
  });

  describe('on a chain of 10 000', () => {
    it('lists it from the far end without overflowing the stack', () => {
      const { nodes, next } = chain(10_000);
      expect(postOrder([nodes[0]!], next, all)).toEqual([...nodes].reverse());
    });

    it('takes time linear in its length', () => {
      const ratio = growth(chain, ({ nodes, next }) => postOrder([nodes[0]!], next, all));
      expect(ratio).toBeLessThan(LINEAR_GROWTH_BOUND);
    });
  });
});
