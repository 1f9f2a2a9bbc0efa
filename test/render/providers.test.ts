// What the renderers show of describe()'s multiton refs, replaced implementations and
// initialization (SPEC "describe() additions"). The descriptions are built by hand, typed with the
// new fields here, so these tests compile whether or not ServiceDescription has them yet.
import { spawnSync } from 'node:child_process';
import { type AppDescription, type PluginDescription, type ServiceDescription, toDot, toMermaid } from 'plugboard';
import { selectDescription } from '../../src/model/render/select.js';
import { byLabel, edgeList, parseDot, parseMermaid, type ParsedGraph } from './parse.js';

/** A service as describe() lists it with multiton refs (SPEC). */
interface ServiceWithProviders extends ServiceDescription {
  readonly multiton: boolean;
  readonly implementations: readonly string[];
  readonly initialization: 'always' | 'lazy';
  readonly replaced?: readonly { readonly implementation: string; readonly loader: string }[];
}

interface DescriptionWithProviders extends AppDescription {
  readonly services: readonly ServiceWithProviders[];
}

function service(id: string, fields: Partial<ServiceWithProviders> = {}): ServiceWithProviders {
  const scope = fields.scope ?? 'root';
  return {
    id,
    scope,
    source: 'installed',
    implementation: 'factory',
    dependencies: [],
    dependants: [],
    multiton: false,
    implementations: [fields.implementation ?? 'factory'],
    initialization: scope === 'root' ? 'always' : 'lazy',
    ...fields,
  };
}

function plugin(id: string, services: readonly string[]): PluginDescription {
  return { id, status: 'pending', dependsOn: [], provides: [], uses: [], services, modules: [], moduleOrder: [] };
}

/**
 * Plugin `catalog` injects the root multiton `catalog.processor` (three providers, which need
 * `db.pool`), the root multiton `audit.sink` (none installed), the lazy root `cache.redis` and
 * `catalog.store` (a MemoryStore added directly, which replaced a PgStore from a loader). Plugin
 * `search` injects the plugin-scoped multiton `search.collator` (two providers) and the plugin
 * service `search.metrics`, created at every plugin's start.
 */
function withProviders(): DescriptionWithProviders {
  return {
    state: 'built',
    plugins: [
      plugin('catalog', ['catalog.processor', 'audit.sink', 'cache.redis', 'catalog.store']),
      plugin('search', ['search.collator', 'search.metrics']),
    ],
    extensionPoints: [],
    services: [
      service('catalog.processor', {
        multiton: true,
        implementation: 'GithubProcessor',
        implementations: ['GithubProcessor', 'factory', 'LdapProcessor'],
        dependencies: ['db.pool'],
      }),
      service('audit.sink', { multiton: true, implementation: 'none', implementations: [] }),
      service('cache.redis', { initialization: 'lazy' }),
      service('catalog.store', {
        implementation: 'MemoryStore',
        replaced: [{ implementation: 'PgStore', loader: 'catalog-features' }],
      }),
      service('db.pool'),
      service('search.collator', {
        scope: 'plugin',
        multiton: true,
        implementation: 'TitleCollator',
        implementations: ['TitleCollator', 'BodyCollator'],
      }),
      service('search.metrics', { scope: 'plugin', initialization: 'always' }),
    ],
    initOrder: [['catalog', 'search']],
    problems: [],
  };
}

/** The same description as it was before multiton refs: none of the new fields. */
function withoutNewFields(description: DescriptionWithProviders): AppDescription {
  return {
    ...description,
    // A description as plugboard made it before these fields existed.
    services: description.services.map((s): ServiceDescription => {
      const { multiton: _m, implementations: _i, initialization: _n, replaced: _r, ...before } = s;
      return before as ServiceDescription;
    }),
  };
}

describe.each<[string, (d: AppDescription, o?: { plugin?: string }) => string, (text: string) => ParsedGraph]>([
  ['toMermaid', toMermaid, parseMermaid],
  ['toDot', toDot, parseDot],
])('%s', (_name, render, parse) => {
  it('lists every provider of a multiton ref, numbered by its place in the injected array', () => {
    const graph = parse(render(withProviders()));
    const processors = byLabel(
      graph,
      'catalog.processor\nroot scope\nmultiton, 3 providers:\n[0] GithubProcessor\n[1] factory\n[2] LdapProcessor',
    );
    expect(processors.container).toBeUndefined();
    expect(edgeList(graph)).toEqual(
      expect.arrayContaining([`plugin catalog --> ${processors.label}`, `${processors.label} --> db.pool\nroot scope`]),
    );
  });

  it('says a multiton ref with no provider is injected as an empty array', () => {
    expect(
      byLabel(parse(render(withProviders())), 'audit.sink\nroot scope\nmultiton, no provider: injected as []').container,
    ).toBeUndefined();
  });

  it('draws a plugin-scoped multiton inside the plugin that uses it, with all its providers', () => {
    const label = 'search.collator\nplugin scope\nmultiton, 2 providers:\n[0] TitleCollator\n[1] BodyCollator';
    expect(byLabel(parse(render(withProviders())), label).container).toBe('search');
    expect(byLabel(parse(render(withProviders(), { plugin: 'search' })), label).container).toBe('search');
  });

  it("shows initialization where it is not the scope's default", () => {
    const graph = parse(render(withProviders()));
    expect(byLabel(graph, 'cache.redis\nroot scope\nlazy: created when first needed').container).toBeUndefined();
    expect(byLabel(graph, "search.metrics\nplugin scope\nalways: created at each plugin's start").container).toBe('search');
    // The defaults (root: always, plugin: lazy) add nothing.
    expect(byLabel(graph, 'db.pool\nroot scope').container).toBeUndefined();
  });

  it('names what an explicit add() replaced, and the loader it came from', () => {
    const graph = parse(render(withProviders()));
    expect(byLabel(graph, 'catalog.store\nroot scope\nMemoryStore replaced PgStore from catalog-features').container).toBeUndefined();
  });

  it('draws an app whose services have only the default values of the new fields as it did before them', () => {
    const plain: DescriptionWithProviders = {
      ...withProviders(),
      services: [service('db.pool'), service('catalog.store', { scope: 'plugin', dependencies: ['db.pool'] })],
      plugins: [plugin('catalog', ['catalog.store'])],
    };
    expect(render(plain)).toBe(render(withoutNewFields(plain)));
  });

  it('draws a description from before multiton refs (no new fields) as singletons at their default initialization', () => {
    const graph = parse(render(withoutNewFields(withProviders())));
    expect(byLabel(graph, 'catalog.processor\nroot scope').container).toBeUndefined();
    expect(byLabel(graph, 'search.metrics\nplugin scope').container).toBe('search');
  });
});

describe('the JSON of plugboard graph', () => {
  it('passes every new field through, with and without --plugin', () => {
    const description = withProviders();
    expect(selectDescription(description)).toBe(description);
    const search = selectDescription(description, { plugin: 'search' });
    expect(search.services).toEqual(description.services.filter((s) => s.id.startsWith('search.')));
    const catalog = selectDescription(description, { plugin: 'catalog' }).services as readonly ServiceWithProviders[];
    expect(catalog.find((s) => s.id === 'catalog.processor')?.implementations).toEqual(['GithubProcessor', 'factory', 'LdapProcessor']);
    expect(catalog.find((s) => s.id === 'catalog.store')?.replaced).toEqual([{ implementation: 'PgStore', loader: 'catalog-features' }]);
  });
});

const hasGraphviz = spawnSync('dot', ['-V']).status === 0;
(hasGraphviz ? it : it.skip)('Graphviz renders the provider lists without a warning', () => {
  const rendered = spawnSync('dot', ['-Tsvg'], { input: toDot(withProviders()), encoding: 'utf8', timeout: 20_000 });
  expect(rendered.stderr).toBe('');
  expect(rendered.stdout).toContain('>[2] LdapProcessor</text>');
});
