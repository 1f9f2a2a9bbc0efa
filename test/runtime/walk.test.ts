import { walk, type WalkOptions } from '../../src/runtime/walk.js';
import { chain, edgesOf, type Adjacency } from '../model/growth.js';

/** How a visit ends: synchronously or not, well or not. */
type Outcome = 'ok' | 'throws' | 'resolves' | 'rejects';

/** Walks `nodes` with prerequisites from `graph`, each visit ending as `outcomes` says (default `ok`). */
async function run(
  nodes: string[],
  graph: Adjacency,
  outcomes: Readonly<Record<string, Outcome>> = {},
  options: Partial<WalkOptions<string>> = {},
): Promise<{ visited: string[]; failed: string[]; skipped: string[] }> {
  const visited: string[] = [];
  const skipped: string[] = [];
  const failures = await walk(nodes, {
    prerequisites: edgesOf(graph),
    visit: (node) => {
      visited.push(node);
      switch (outcomes[node] ?? 'ok') {
        case 'ok':
          return undefined;
        case 'throws':
          throw new Error(node);
        case 'resolves':
          return Promise.resolve();
        case 'rejects':
          return Promise.reject(new Error(node));
      }
    },
    skipped: (node) => skipped.push(node),
    ...options,
  });
  return { visited, failed: [...failures.keys()], skipped };
}

/** A promise settled from outside, to control when an async visit finishes. */
function deferred(): { promise: Promise<void>; resolve: () => void; reject: (error: unknown) => void } {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

describe(walk, () => {
  describe('order: every node after its prerequisites, each once', () => {
    it.each<{ name: string; nodes: string[]; graph: Adjacency; outcomes?: Record<string, Outcome>; visited: string[] }>([
      { name: 'no nodes', nodes: [], graph: {}, visited: [] },
      { name: 'independent nodes, in input order', nodes: ['b', 'a', 'c'], graph: {}, visited: ['b', 'a', 'c'] },
      { name: 'a chain given backwards', nodes: ['c', 'b', 'a'], graph: { c: ['b'], b: ['a'] }, visited: ['a', 'b', 'c'] },
      { name: 'a diamond', nodes: ['d', 'c', 'b', 'a'], graph: { d: ['b', 'c'], b: ['a'], c: ['a'] }, visited: ['a', 'c', 'b', 'd'] },
      // The ready list starts with the nodes before the first one that waits, in input order.
      { name: 'independent nodes around a dependant', nodes: ['p', 'q', 'd', 'r'], graph: { d: ['q'] }, visited: ['p', 'q', 'r', 'd'] },
      {
        name: 'an async chain',
        nodes: ['c', 'b', 'a'],
        graph: { c: ['b'], b: ['a'] },
        outcomes: { a: 'resolves', b: 'resolves', c: 'resolves' },
        visited: ['a', 'b', 'c'],
      },
      {
        name: 'a node waits for its async prerequisite while independent sync nodes run',
        nodes: ['a', 'b', 'x'],
        graph: { b: ['a'] },
        outcomes: { a: 'resolves' },
        visited: ['a', 'x', 'b'],
      },
    ])('$name', async ({ nodes, graph, outcomes, visited }) => {
      expect((await run(nodes, graph, outcomes)).visited).toEqual(visited);
    });
  });

  it('starts independent nodes together and a dependant only once all its prerequisites finished', async () => {
    const events: string[] = [];
    const pending = { a: deferred(), b: deferred() };
    const done = walk(['a', 'b', 'c'], {
      prerequisites: edgesOf({ c: ['a', 'b'] }),
      visit: (node) => {
        events.push(`start ${node}`);
        return node === 'c' ? undefined : pending[node as 'a' | 'b'].promise.then(() => void events.push(`end ${node}`));
      },
    });
    expect(events).toEqual(['start a', 'start b']);
    pending.b.resolve();
    await pending.b.promise;
    await Promise.resolve();
    expect(events).toEqual(['start a', 'start b', 'end b']);
    pending.a.resolve();
    expect(await done).toEqual(new Map());
    expect(events).toEqual(['start a', 'start b', 'end b', 'end a', 'start c']);
  });

  describe('sync stays sync', () => {
    it.each<{ name: string; nodes: string[]; outcomes: Record<string, Outcome>; sync: boolean }>([
      { name: 'no nodes', nodes: [], outcomes: {}, sync: true },
      { name: 'every visit sync', nodes: ['a', 'b'], outcomes: {}, sync: true },
      { name: 'a sync visit that throws', nodes: ['a', 'b'], outcomes: { a: 'throws' }, sync: true },
      { name: 'one async visit', nodes: ['a', 'b'], outcomes: { b: 'resolves' }, sync: false },
      { name: 'one rejected visit', nodes: ['a', 'b'], outcomes: { a: 'rejects' }, sync: false },
    ])('$name', async ({ nodes, outcomes, sync }) => {
      const result = walk(nodes, {
        prerequisites: () => [],
        visit: (node) => {
          const outcome = outcomes[node] ?? 'ok';
          if (outcome === 'throws') throw new Error(node);
          if (outcome === 'resolves') return Promise.resolve();
          if (outcome === 'rejects') return Promise.reject(new Error(node));
          return 'a value that is not a promise';
        },
      });
      expect(result instanceof Map).toBe(sync);
      if (!sync) expect(result).toBeInstanceOf(Promise);
      await result; // an async walk settles before the next case
    });
  });

  describe('failures, and what runs after them', () => {
    const diamond: Adjacency = { d: ['b', 'c'], b: ['a'], c: ['a'] };
    it.each<{
      name: string;
      nodes: string[];
      graph: Adjacency;
      outcomes: Record<string, Outcome>;
      options?: Partial<WalkOptions<string>>;
      expected: { visited: string[]; failed: string[]; skipped: string[] };
    }>([
      {
        name: 'a sync throw fails its node; independent nodes still run',
        nodes: ['a', 'b'],
        graph: {},
        outcomes: { a: 'throws' },
        expected: { visited: ['a', 'b'], failed: ['a'], skipped: [] },
      },
      {
        name: 'a rejection fails its node',
        nodes: ['a', 'b'],
        graph: {},
        outcomes: { b: 'rejects' },
        expected: { visited: ['a', 'b'], failed: ['b'], skipped: [] },
      },
      {
        name: 'dependants of a failure are skipped, transitively and once each',
        nodes: ['a', 'b', 'c', 'd'],
        graph: diamond,
        outcomes: { a: 'throws' },
        expected: { visited: ['a'], failed: ['a'], skipped: ['b', 'c', 'd'] },
      },
      {
        name: 'a node with one failed prerequisite of two is skipped',
        nodes: ['a', 'b', 'c', 'd'],
        graph: diamond,
        outcomes: { b: 'rejects' },
        expected: { visited: ['a', 'b', 'c'], failed: ['b'], skipped: ['d'] },
      },
      {
        name: 'runAfterFailedPrerequisite: dependants run anyway',
        nodes: ['a', 'b', 'c', 'd'],
        graph: diamond,
        outcomes: { a: 'throws', c: 'rejects' },
        options: { runAfterFailedPrerequisite: true },
        expected: { visited: ['a', 'b', 'c', 'd'], failed: ['a', 'c'], skipped: [] },
      },
      {
        name: 'keepGoing false from the start: nothing runs, everything is skipped',
        nodes: ['a', 'b', 'c'],
        graph: { c: ['a'] },
        outcomes: {},
        options: { keepGoing: () => false },
        expected: { visited: [], failed: [], skipped: ['a', 'b', 'c'] },
      },
      {
        name: 'keepGoing asked before each start, with the failures so far',
        nodes: ['a', 'b', 'c'],
        graph: {},
        outcomes: { a: 'throws' },
        options: { keepGoing: (failures) => failures.size === 0 },
        expected: { visited: ['a'], failed: ['a'], skipped: ['b', 'c'] },
      },
    ])('$name', async ({ nodes, graph, outcomes, options, expected }) => {
      expect(await run(nodes, graph, outcomes, options)).toEqual(expected);
    });

    it('keeps what was thrown, as it was thrown', async () => {
      const thrown = { not: 'an Error' };
      const failures = await walk(['a'], {
        prerequisites: () => [],
        visit: () => {
          // eslint-disable-next-line @typescript-eslint/only-throw-error -- user code may throw anything
          throw thrown;
        },
      });
      expect(failures.get('a')).toBe(thrown);
    });
  });

  it('keepGoing false stops new starts, and the walk still waits for the nodes already running', async () => {
    const events: string[] = [];
    const slow = deferred();
    const done = walk(['fails', 'slow', 'after-slow'], {
      prerequisites: edgesOf({ 'after-slow': ['slow'] }),
      keepGoing: (failures) => failures.size === 0,
      skipped: (node) => events.push(`skipped ${node}`),
      visit: (node) => {
        events.push(`start ${node}`);
        if (node === 'fails') return Promise.reject(new Error('boom'));
        if (node === 'slow') return slow.promise.then(() => void events.push('end slow'));
        return undefined;
      },
    });
    let settled = false;
    void Promise.resolve(done).then(() => (settled = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(settled).toBe(false); // 'fails' has failed, 'slow' is still running
    slow.resolve();
    const failures = await done;
    expect([...failures.keys()]).toEqual(['fails']);
    expect(events).toEqual(['start fails', 'start slow', 'end slow', 'skipped after-slow']);
  });

  describe('a chain of 10 000', () => {
    it('of sync visits: in order, synchronously, without overflowing the stack', () => {
      const { nodes, next } = chain(10_000);
      const visited: string[] = [];
      const result = walk(nodes, { prerequisites: next, visit: (node) => void visited.push(node) });
      expect(result).toBeInstanceOf(Map);
      expect(visited).toEqual([...nodes].reverse());
    });

    it('of async visits: in order', async () => {
      const { nodes, next } = chain(10_000);
      const visited: string[] = [];
      const failures = await walk(nodes, { prerequisites: next, visit: async (node) => void visited.push(node) });
      expect(failures.size).toBe(0);
      expect(visited).toEqual([...nodes].reverse());
    });

    it('failing at its start: every other node skipped, synchronously', () => {
      const { nodes, next } = chain(10_000);
      let skipped = 0;
      const result = walk(nodes, {
        prerequisites: next,
        visit: (node) => {
          if (node === 'n9999') throw new Error('first');
        },
        skipped: () => skipped++,
      });
      expect(result).toBeInstanceOf(Map);
      expect(skipped).toBe(9_999);
    });
  });
});
