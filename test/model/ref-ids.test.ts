import { createServiceRef, type AnyServiceRef, type WiringProblem } from 'plugboard';
import { buildCatalog } from '../../src/model/catalog.js';
import { RefRegistry } from '../../src/model/ref-registry.js';
import { collectFeatures } from '../../src/model/features.js';
import { markInternal } from '../../src/tokens/internal-refs.js';
import { ids, plugin, service } from './kit.js';

const aDefault = (): never => undefined as never;
const anotherDefault = (): never => undefined as never;
const internal = markInternal(createServiceRef<object>({ id: 'plugboard.test.internal' }));

describe(RefRegistry, () => {
  it.each<{ name: string; refs: () => AnyServiceRef[]; expected: Array<Omit<WiringProblem, 'message'>>; says?: string }>([
    { name: 'one ref', refs: () => [createServiceRef({ id: 'a' })], expected: [] },
    {
      name: 'one ref met twice',
      refs: () => {
        const ref = createServiceRef({ id: 'a' });
        return [ref, ref];
      },
      expected: [],
    },
    {
      name: 'two refs with one id and the same options',
      refs: () => [createServiceRef({ id: 'a' }), createServiceRef({ id: 'a' })],
      expected: [],
    },
    {
      name: 'two refs with one id and the same defaultFactory',
      refs: () => [createServiceRef({ id: 'a', defaultFactory: aDefault }), createServiceRef({ id: 'a', defaultFactory: aDefault })],
      expected: [],
    },
    {
      name: 'root and plugin scope',
      refs: () => [createServiceRef({ id: 'a', scope: 'root' }), createServiceRef({ id: 'a' })],
      expected: [{ code: 'DUPLICATE_REF_ID', refId: 'a' }],
      says: "id 'a' (one root-scoped, one plugin-scoped)",
    },
    {
      name: 'multiton and singleton',
      refs: () => [createServiceRef({ id: 'a', multiton: true }), createServiceRef({ id: 'a' })],
      expected: [{ code: 'DUPLICATE_REF_ID', refId: 'a' }],
      says: "id 'a' (one a multiton, one a singleton)",
    },
    {
      name: 'a defaultFactory and none',
      refs: () => [createServiceRef({ id: 'a', defaultFactory: aDefault }), createServiceRef({ id: 'a' })],
      expected: [{ code: 'DUPLICATE_REF_ID', refId: 'a' }],
      says: "id 'a' (one with one defaultFactory, one with another)",
    },
    {
      name: 'different defaultFactory functions, met three times: reported once',
      refs: () => [
        createServiceRef({ id: 'a', defaultFactory: aDefault }),
        createServiceRef({ id: 'a', defaultFactory: anotherDefault }),
        createServiceRef({ id: 'a', defaultFactory: () => aDefault() }),
      ],
      expected: [{ code: 'DUPLICATE_REF_ID', refId: 'a' }],
    },
    {
      name: 'a reserved id on a user ref',
      refs: () => [createServiceRef({ id: 'plugboard.mine' })],
      expected: [{ code: 'RESERVED_ID', refId: 'plugboard.mine' }],
    },
    { name: 'a reserved id on plugboard’s own ref', refs: () => [internal], expected: [] },
    {
      name: 'a user ref with the id of plugboard’s own',
      refs: () => [internal, createServiceRef({ id: internal.id })],
      expected: [{ code: 'RESERVED_ID', refId: internal.id }],
    },
    { name: 'a prefix that only looks reserved', refs: () => [createServiceRef({ id: 'plugboards.x' })], expected: [] },
  ])('$name', ({ refs, expected, says }) => {
    const problems: WiringProblem[] = [];
    const registry = new RefRegistry(problems);
    for (const ref of refs()) registry.check(ref);
    expect(problems.map(ids)).toEqual(expected);
    if (says !== undefined) expect(problems[0]!.message).toContain(says);
  });

  it('checks every ref the catalog meets: installed, injected and builtin', async () => {
    const installed = createServiceRef<object>({ id: 'shared', scope: 'root' });
    const injected = createServiceRef<object>({ id: 'shared' });
    const builtin = createServiceRef<object>({ id: 'plugboard.fake.builtin' });
    const problems: WiringProblem[] = [];
    const features = collectFeatures([service('Shared', { provides: installed }), plugin('p', { inject: [injected] })], problems);
    await buildCatalog(features, { builtins: [builtin] }, problems);
    expect(problems.map(ids)).toEqual([
      { code: 'RESERVED_ID', refId: 'plugboard.fake.builtin' },
      { code: 'DUPLICATE_REF_ID', refId: 'shared' },
    ]);
  });
});
