import { spawnSync } from 'node:child_process';
import { createExtensionPoint, createServiceFactory, createServiceRef, inject, Module, onInit, Plugin, toDot, toMermaid } from 'plugboard';
import { quietBuilder } from '../support.js';

const hasGraphviz = spawnSync('dot', ['-V']).status === 0;

async function sampleDescription() {
  const ep = createExtensionPoint<{ add(x: string): void }>({ id: 'catalog.processors' });
  const moduleEp = createExtensionPoint<{ add(x: string): void }>({ id: 'catalog.rules "quoted"' });
  const store = createServiceRef<object>({ id: 'catalog.store' });
  const db = createServiceRef<object>({ id: 'db', scope: 'root' });
  @Plugin({ id: 'catalog', extensionPoints: [{ provide: ep, useValue: { add() {} } }] })
  class Catalog {
    constructor(@inject(store) readonly s: object) {}
  }
  @Module({ pluginId: 'catalog', id: 'github-org', extensionPoints: [{ provide: moduleEp, useValue: { add() {} } }] })
  class GithubOrg {
    constructor(@inject(ep) readonly e: unknown) {}
  }
  @Module({ pluginId: 'catalog', id: 'rules' })
  class Rules {
    constructor(@inject(moduleEp) readonly e: unknown) {}
  }
  @Plugin({ id: 'search', dependsOn: ['catalog'] })
  class Search {
    @onInit() init(): void {
      throw new Error('search is down');
    }
  }
  const app = quietBuilder({ onPluginBootFailure: 'continue' })
    .add([Catalog, GithubOrg, Rules, Search])
    .add(createServiceFactory({ service: store, deps: { db }, factory: () => ({}) }))
    .add(createServiceFactory({ service: db, factory: () => ({}) }))
    .build();
  await app.start();
  const description = app.describe();
  await app.stop();
  return description;
}

describe('graph renderers', () => {
  it('draws plugins as containers with their modules, extension point edges, services with scope, and failures', async () => {
    const mermaid = toMermaid(await sampleDescription());
    expect(mermaid).toMatch(/^flowchart LR\n/);
    expect(mermaid).toContain('subgraph container_catalog["plugin catalog"]');
    expect(mermaid).toContain('subgraph container_search["plugin search ✗ failed"]');
    expect(mermaid).toContain('["module github-org"]');
    expect(mermaid).toMatch(/plugin_catalog -- provides --> ep_catalog_2e_processors/);
    expect(mermaid).toMatch(/module_catalog__github_2d_org -\. uses \.-> ep_catalog_2e_processors/);
    expect(mermaid).toContain('{{"catalog.store (plugin)"}}');
    expect(mermaid).toContain('{{"db (root)"}}');
    expect(mermaid).toContain('plugin_search == dependsOn ==> plugin_catalog');
    expect(mermaid).toContain('catalog.rules #34;quoted#34;'); // quotes escaped for Mermaid
    // root services are drawn outside every plugin subgraph
    const dbLine = mermaid.split('\n').findIndex((l) => l.includes('{{"db (root)"}}'));
    const lastEnd = mermaid.split('\n').lastIndexOf('  end');
    expect(dbLine).toBeGreaterThan(lastEnd);
  });

  it('renders one plugin and the services it uses with { plugin }', async () => {
    const mermaid = toMermaid(await sampleDescription(), { plugin: 'search' });
    expect(mermaid).toContain('plugin search');
    expect(mermaid).not.toContain('subgraph container_catalog');
    expect(mermaid).not.toContain('db (root)');
  });

  (hasGraphviz ? it : it.skip)('produces DOT that Graphviz renders without errors', async () => {
    const dot = toDot(await sampleDescription());
    expect(dot).toContain('subgraph cluster_container_catalog');
    expect(dot).toContain('label="plugin search (failed)"');
    const rendered = spawnSync('dot', ['-Tsvg'], { input: dot, encoding: 'utf8' });
    expect(rendered.stderr).toBe('');
    expect(rendered.status).toBe(0);
    expect(rendered.stdout).toContain('<svg');
  });

  if (!hasGraphviz) {
    it('skips the Graphviz check: install graphviz (apt-get install graphviz) to run it', () => {
      expect(hasGraphviz).toBe(false);
    });
  }
});
