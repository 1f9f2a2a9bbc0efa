import { jest } from '@jest/globals';
import { createServiceFactory, createServiceRef, type AnyServiceRef, type WiringProblem } from 'plugboard';
import { buildGraph } from '../../src/model/build-graph.js';
import { buildCatalog, type CatalogOptions } from '../../src/model/catalog.js';
import { collectFeatures } from '../../src/model/features.js';
import { ids, implementationText, plugin, service } from './kit.js';

/** collectFeatures → buildCatalog → buildGraph, awaiting an async catalog. */
async function analyseAsync(features: readonly unknown[], options: CatalogOptions = {}) {
  const problems: WiringProblem[] = [];
  const set = collectFeatures(features, problems);
  const catalog = await buildCatalog(set, options, problems);
  return { catalog, problems, graph: buildGraph(set, catalog, problems) };
}

/** A ref whose defaultFactory is `defaultFactory`, injected by a plugin named after it. */
function defaulted(id: string, defaultFactory: (ref: AnyServiceRef) => unknown): { ref: AnyServiceRef; user: unknown } {
  const ref = createServiceRef<object>({ id, defaultFactory: defaultFactory as never });
  return { ref, user: plugin(`uses-${id}`, { inject: [ref] }) };
}

const DefaultImpl = service('DefaultImpl');

describe('defaultFactory (collectDefaults)', () => {
  it('is called once, with its ref, however many features inject the ref', async () => {
    const make = jest.fn(() => DefaultImpl);
    const { ref, user } = defaulted('calls', make);
    const second = plugin('also-uses-calls', { inject: [ref] });
    const { catalog } = await analyseAsync([user, second]);
    expect(make.mock.calls).toEqual([[ref]]);
    expect(catalog.get('calls')?.source).toBe('default');
  });

  it('is not called when an implementation is installed', async () => {
    const make = jest.fn(() => DefaultImpl);
    const { ref, user } = defaulted('installed', make);
    const { catalog } = await analyseAsync([user, service('Installed', { provides: ref })]);
    expect(make).not.toHaveBeenCalled();
    expect(catalog.get('installed')?.source).toBe('installed');
  });

  it('is not called for a ref nothing reaches', async () => {
    const make = jest.fn(() => DefaultImpl);
    defaulted('unreached', make);
    await analyseAsync([plugin('unrelated')]);
    expect(make).not.toHaveBeenCalled();
  });

  it('reaches the refs the default implementation injects, and their defaults in turn', async () => {
    const leaf = createServiceRef<object>({ id: 'leaf', scope: 'root', defaultFactory: () => service('Leaf') });
    const middle = createServiceRef<object>({ id: 'middle', scope: 'root', defaultFactory: () => service('Middle', { inject: [leaf] }) });
    const { user } = defaulted('top', () => service('Top', { inject: [middle] }));
    const { catalog, problems } = await analyseAsync([user]);
    expect([...catalog.keys()].sort()).toEqual(['leaf', 'middle', 'top']);
    expect(problems).toEqual([]);
  });

  describe('what it may return', () => {
    const factoryFor = (ref: AnyServiceRef): unknown => createServiceFactory({ service: ref, factory: () => ({}) });
    it.each<{ name: string; make: (ref: AnyServiceRef) => unknown; implementation: string }>([
      { name: 'a class', make: () => DefaultImpl, implementation: 'class DefaultImpl' },
      { name: 'a factory for its ref', make: factoryFor, implementation: "a factory (createServiceFactory) for 'returns'" },
      {
        name: 'a module namespace whose default is a class (a lazy import())',
        make: () => ({ [Symbol.toStringTag]: 'Module', default: DefaultImpl }),
        implementation: 'class DefaultImpl',
      },
      { name: 'a promise of a class', make: async () => DefaultImpl, implementation: 'class DefaultImpl' },
      {
        name: 'a promise of a factory',
        make: async (ref) => factoryFor(ref),
        implementation: "a factory (createServiceFactory) for 'returns'",
      },
    ])('$name', async ({ make, implementation }) => {
      const { user } = defaulted('returns', make);
      const { catalog, problems } = await analyseAsync([user]);
      expect(catalog.get('returns')?.implementations.map(implementationText)).toEqual([implementation]);
      expect(problems).toEqual([]);
    });

    it('stays synchronous unless a defaultFactory returns a promise', async () => {
      const problems: WiringProblem[] = [];
      const sync = defaulted('sync', () => DefaultImpl);
      const async = defaulted('async', async () => DefaultImpl);
      expect(buildCatalog(collectFeatures([sync.user], problems), {}, problems)).toBeInstanceOf(Map);
      const pending = buildCatalog(collectFeatures([async.user], problems), {}, problems);
      expect(pending).toBeInstanceOf(Promise);
      await pending;
    });
  });

  describe('a default that fails is reported once, as such, and not also as missing', () => {
    const otherRef = createServiceRef<object>({ id: 'other' });
    it.each<{ name: string; make: (ref: AnyServiceRef) => unknown }>([
      {
        name: 'it throws',
        make: () => {
          throw new Error('no default today');
        },
      },
      { name: 'it returns junk', make: () => 42 },
      { name: 'it returns undefined', make: () => undefined },
      { name: 'it returns a factory for another ref', make: () => createServiceFactory({ service: otherRef, factory: () => ({}) }) },
      // Functions `new` cannot call, and a class declared for another ref, are not classes for this one.
      { name: 'it returns an arrow function', make: () => () => 42 },
      { name: 'it returns a class that provides another ref', make: () => service('ForOther', { provides: otherRef }) },
      { name: 'its promise resolves to junk', make: async () => 'not a class' },
      { name: 'its promise rejects', make: () => Promise.reject(new Error('import failed')) },
      { name: 'it never settles (timeoutMs)', make: () => new Promise(() => {}) },
    ])('$name', async ({ make }) => {
      const { user } = defaulted('fails', make);
      const { problems } = await analyseAsync([user], { timeoutMs: 20 });
      expect(problems.map(ids)).toEqual([{ code: 'DEFAULT_FACTORY_FAILED', refId: 'fails' }]);
    });
  });

  it.each<{ name: string; make: () => unknown; says: string }>([
    { name: 'null', make: () => null, says: 'returned null' },
    {
      name: 'a class for another ref',
      make: () => service('ForElse', { provides: createServiceRef({ id: 'else' }) }),
      says: "which provides 'else'",
    },
  ])('says what it returned: $name', async ({ make, says }) => {
    const { user } = defaulted('says', make);
    const { problems } = await analyseAsync([user]);
    expect(problems[0]!.message).toContain(says);
  });

  it('reads what it returned without running its getters', async () => {
    const read = jest.fn(() => 'Module');
    const returned = Object.defineProperty({ default: DefaultImpl }, Symbol.toStringTag, { get: read });
    const { user } = defaulted('getter', () => returned);
    const { problems } = await analyseAsync([user]);
    expect(read).not.toHaveBeenCalled();
    expect(problems.map(ids)).toEqual([{ code: 'DEFAULT_FACTORY_FAILED', refId: 'getter' }]);
  });

  it('names the bound it waited for when a default never settles', async () => {
    const { user } = defaulted('slow', () => new Promise(() => {}));
    const { problems } = await analyseAsync([user], { timeoutMs: 25 });
    expect(problems[0]!.message).toContain('25 ms');
  });
});
