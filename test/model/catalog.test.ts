import { createServiceFactory, createServiceRef, type AnyServiceRef, type WiringProblem } from 'plugboard';
import { implementationLabel } from '../../src/errors/index.js';
import { buildCatalog, type CatalogEntry, type CatalogOptions } from '../../src/model/catalog.js';
import { collectFeatures, type LoadedOrigin } from '../../src/model/features.js';
import { markInternal } from '../../src/tokens/internal-refs.js';
import { ids, implementationText, plugin, service } from './kit.js';

/** buildCatalog on `features`; `loaded` maps a feature to the loader that returned it. */
function catalogOf(
  features: readonly unknown[],
  options: CatalogOptions & { readonly loaded?: ReadonlyArray<readonly [unknown, string]> } = {},
): { catalog: Map<string, CatalogEntry> | Promise<Map<string, CatalogEntry>>; problems: WiringProblem[] } {
  const problems: WiringProblem[] = [];
  const origins = new Map<unknown, LoadedOrigin>(
    (options.loaded ?? []).map(([feature, loader]) => [feature, { loader, skipOrphanModules: false }]),
  );
  const catalog = buildCatalog(collectFeatures(features, problems, origins), options, problems);
  return { catalog, problems };
}

/** An entry as tests compare it: where it came from and what implements it, by name. */
function summary(entry: CatalogEntry | undefined): object | undefined {
  if (entry === undefined) return undefined;
  return {
    source: entry.source,
    implementations: entry.implementations.map(implementationText),
    initialization: entry.initialization,
    replaced: replacedText(entry),
  };
}

/** What an entry replaced, each implementation named as messages name it. */
function replacedText(entry: CatalogEntry): object[] {
  return entry.replaced.map(({ implementation, loader }) => ({ implementation: implementationLabel(implementation), loader }));
}

/** A plugin that injects `refs`, so the catalog reaches them. */
const user = (...refs: AnyServiceRef[]): unknown =>
  plugin(`uses-${refs.map((ref) => ref.id.replace(/\W/g, '')).join('-')}`, { inject: refs });

const rootRef = createServiceRef<object>({ id: 'db', scope: 'root' });
const pluginRef = createServiceRef<object>({ id: 'cache' });
const Db = service('Db', { provides: rootRef });
const OtherDb = service('OtherDb', { provides: rootRef });
const Cache = service('Cache', { provides: pluginRef });
const cacheFactory = createServiceFactory({ service: pluginRef, factory: () => ({}) });

describe(buildCatalog, () => {
  describe('where each ref’s implementation comes from', () => {
    const DefaultCache = service('DefaultCache');
    const withDefault = createServiceRef<object>({ id: 'defaulted', defaultFactory: () => DefaultCache });
    const builtin = markInternal(createServiceRef<object>({ id: 'plugboard.test.builtin' }));
    it.each<{ name: string; features: unknown[]; options?: CatalogOptions; id: string; expected: object | undefined }>([
      {
        name: 'an installed class',
        features: [Db],
        id: 'db',
        expected: { source: 'installed', implementations: ['class Db'], initialization: 'always', replaced: [] },
      },
      {
        name: 'an installed factory',
        features: [cacheFactory],
        id: 'cache',
        expected: {
          source: 'installed',
          implementations: ["a factory (createServiceFactory) for 'cache'"],
          initialization: 'lazy',
          replaced: [],
        },
      },
      {
        name: 'the defaultFactory of a ref a feature injects',
        features: [user(withDefault)],
        id: 'defaulted',
        expected: { source: 'default', implementations: ['class DefaultCache'], initialization: 'lazy', replaced: [] },
      },
      {
        name: 'the defaultFactory of a seed',
        features: [],
        options: { seeds: [withDefault] },
        id: 'defaulted',
        expected: { source: 'default', implementations: ['class DefaultCache'], initialization: 'lazy', replaced: [] },
      },
      { name: 'nothing for a ref nothing reaches', features: [plugin('alone')], options: {}, id: 'defaulted', expected: undefined },
      {
        name: 'a builtin',
        features: [user(builtin)],
        options: { builtins: [builtin] },
        id: 'plugboard.test.builtin',
        expected: { source: 'builtin', implementations: [], initialization: 'lazy', replaced: [] },
      },
      { name: 'nothing for a ref without implementation or default', features: [user(pluginRef)], id: 'cache', expected: undefined },
    ])('$name', async ({ features, options, id, expected }) => {
      const { catalog, problems } = catalogOf(features, options);
      expect(summary((await catalog).get(id))).toEqual(expected);
      expect(problems).toEqual([]);
    });
  });

  describe('initialization: declared by the implementation, else always for root and lazy for plugin scope', () => {
    const lazyRoot = createServiceRef<object>({ id: 'lazy-root', scope: 'root' });
    const eagerPlugin = createServiceRef<object>({ id: 'eager-plugin' });
    it.each<{ name: string; feature: unknown; id: string; initialization: string }>([
      { name: 'a root class', feature: Db, id: 'db', initialization: 'always' },
      { name: 'a plugin class', feature: Cache, id: 'cache', initialization: 'lazy' },
      {
        name: 'a root class declared lazy',
        feature: service('LazyRoot', { provides: lazyRoot, initialization: 'lazy' }),
        id: 'lazy-root',
        initialization: 'lazy',
      },
      {
        name: 'a plugin factory declared always',
        feature: createServiceFactory({ service: eagerPlugin, initialization: 'always', factory: () => ({}) }),
        id: 'eager-plugin',
        initialization: 'always',
      },
    ])('$name', async ({ feature, id, initialization }) => {
      expect((await catalogOf([feature]).catalog).get(id)?.initialization).toBe(initialization);
    });
  });

  describe('two implementations of one singleton ref', () => {
    const Loaded = service('Loaded', { provides: rootRef });
    const AlsoLoaded = service('AlsoLoaded', { provides: rootRef });
    it.each<{
      name: string;
      features: unknown[];
      loaded: Array<[unknown, string]>;
      implementation: string;
      replaced: Array<{ implementation: string; loader: string }>;
      problems: object[];
    }>([
      { name: 'one loaded', features: [Loaded], loaded: [[Loaded, 'l1']], implementation: 'class Loaded', replaced: [], problems: [] },
      {
        name: 'one passed to add() replaces a loaded one',
        features: [Loaded, Db],
        loaded: [[Loaded, 'l1']],
        implementation: 'class Db',
        replaced: [{ implementation: 'class Loaded', loader: 'l1' }],
        problems: [],
      },
      {
        name: 'one passed to add() replaces one from each of two loaders',
        features: [Db, Loaded, AlsoLoaded],
        loaded: [
          [Loaded, 'l1'],
          [AlsoLoaded, 'l2'],
        ],
        implementation: 'class Db',
        replaced: [
          { implementation: 'class Loaded', loader: 'l1' },
          { implementation: 'class AlsoLoaded', loader: 'l2' },
        ],
        problems: [],
      },
      {
        name: 'two passed to add(): the first stays, refused',
        features: [Db, OtherDb],
        loaded: [],
        implementation: 'class Db',
        replaced: [],
        problems: [{ code: 'DUPLICATE_SERVICE', refId: 'db' }],
      },
      {
        name: 'two from one loader',
        features: [Loaded, AlsoLoaded],
        loaded: [
          [Loaded, 'l1'],
          [AlsoLoaded, 'l1'],
        ],
        implementation: 'class Loaded',
        replaced: [],
        problems: [{ code: 'DUPLICATE_SERVICE', refId: 'db' }],
      },
      {
        name: 'one from each of two loaders',
        features: [Loaded, AlsoLoaded],
        loaded: [
          [Loaded, 'l1'],
          [AlsoLoaded, 'l2'],
        ],
        implementation: 'class Loaded',
        replaced: [],
        problems: [{ code: 'DUPLICATE_SERVICE', refId: 'db' }],
      },
    ])('$name', async ({ features, loaded, implementation, replaced, problems }) => {
      const result = catalogOf(features, { loaded });
      const entry = (await result.catalog).get('db')!;
      expect(entry.implementations.map(implementationText)).toEqual([implementation]);
      expect(replacedText(entry)).toEqual(replaced);
      expect(result.problems.map(ids)).toEqual(problems);
    });

    it('names both loaders when two loaders provide one ref', () => {
      const { problems } = catalogOf([Loaded, AlsoLoaded], {
        loaded: [
          [Loaded, 'first-loader'],
          [AlsoLoaded, 'second-loader'],
        ],
      });
      expect(problems[0]!.message).toContain("'first-loader' and 'second-loader'");
    });

    it('refuses an implementation of a builtin, which stays', async () => {
      const builtin = markInternal(createServiceRef<object>({ id: 'plugboard.test.replaced' }));
      const { catalog, problems } = catalogOf([service('Replacement', { provides: builtin })], { builtins: [builtin] });
      expect((await catalog).get(builtin.id)?.source).toBe('builtin');
      expect(problems.map(ids)).toEqual([{ code: 'DUPLICATE_SERVICE', refId: builtin.id }]);
      expect(problems[0]!.message).toContain('remove class Replacement from add()');
    });

    it('names both implementations, a class by its name and a factory by its ref', () => {
      const factory = createServiceFactory({ service: rootRef, factory: () => ({}) });
      const { problems } = catalogOf([Db, factory, user(rootRef)]);
      expect(problems[0]!.message).toContain("two implementations installed: class Db and a factory (createServiceFactory) for 'db'.");
    });
  });

  describe('a multiton ref takes every implementation', () => {
    const handlers = createServiceRef<object>({ id: 'handlers', multiton: true });
    const First = service('First', { provides: handlers });
    const second = createServiceFactory({ service: handlers, factory: () => ({}) });
    const Third = service('Third', { provides: handlers });
    const defaultHandler = service('DefaultHandler');
    const defaulted = createServiceRef<object>({ id: 'defaulted-handlers', multiton: true, defaultFactory: () => defaultHandler });
    it.each<{ name: string; features: unknown[]; loaded?: Array<[unknown, string]>; id: string; expected: object | undefined }>([
      {
        name: 'in registration order, classes and factories together',
        features: [First, second, Third],
        id: 'handlers',
        expected: {
          source: 'installed',
          implementations: ['class First', "a factory (createServiceFactory) for 'handlers'", 'class Third'],
          initialization: 'lazy',
          replaced: [],
        },
      },
      {
        name: 'loaded ones too, none replaced, from any number of loaders',
        features: [First, Third],
        loaded: [
          [First, 'l1'],
          [Third, 'l2'],
        ],
        id: 'handlers',
        expected: { source: 'installed', implementations: ['class First', 'class Third'], initialization: 'lazy', replaced: [] },
      },
      {
        name: 'none installed: an empty entry, injected as []',
        features: [user(handlers)],
        id: 'handlers',
        expected: { source: 'default', implementations: [], initialization: 'lazy', replaced: [] },
      },
      { name: 'none installed and nothing injects it: no entry', features: [plugin('nobody')], id: 'handlers', expected: undefined },
      {
        name: 'none installed, with a defaultFactory: the default',
        features: [user(defaulted)],
        id: 'defaulted-handlers',
        expected: { source: 'default', implementations: ['class DefaultHandler'], initialization: 'lazy', replaced: [] },
      },
    ])('$name', async ({ features, loaded, id, expected }) => {
      const { catalog, problems } = catalogOf(features, { loaded: loaded ?? [] });
      expect(summary((await catalog).get(id))).toEqual(expected);
      expect(problems).toEqual([]);
    });
  });
});
