import { spawnSync } from 'node:child_process';
import { type AppDescription, isPlugboardError, toDot, toMermaid, type RenderOptions } from 'plugboard';
import { byLabel, edgeList, parseDot, parseMermaid, type ParsedGraph, type ParsedNode } from './parse.js';
import { brokenDescription, oddDescription, oddIds, startedDescription } from './samples.js';

type Render = (description: AppDescription, options?: RenderOptions) => string;

/** The node labelled `label` drawn in `container` (undefined: outside every container). */
function nodeIn(graph: ParsedGraph, label: string, container: string | undefined): ParsedNode {
  const found = [...graph.nodes.values()].filter((n) => n.label === label && n.container === container);
  if (found.length !== 1) throw new Error(`expected one ${JSON.stringify(label)} in ${container ?? 'no container'}, found ${found.length}`);
  return found[0]!;
}

describe.each<[string, Render, (text: string) => ParsedGraph]>([
  ['toMermaid', toMermaid, parseMermaid],
  ['toDot', toDot, parseDot],
])('%s', (_name, render, parse) => {
  let started: AppDescription;
  beforeAll(async () => {
    started = await startedDescription();
  });

  it('draws each plugin as a container holding the plugin, its modules and its extension points', () => {
    const graph = parse(render(started));
    expect([...graph.containers.keys()]).toEqual(['catalog', 'search (failed)']);
    expect(byLabel(graph, 'plugin catalog').container).toBe('catalog');
    expect(byLabel(graph, 'module github-org').container).toBe('catalog');
    expect(byLabel(graph, 'module rules').container).toBe('catalog');
    expect(byLabel(graph, 'catalog.processors').container).toBe('catalog');
    expect(byLabel(graph, 'catalog.rules "strict"').container).toBe('catalog');
    expect(byLabel(graph, 'plugin search').container).toBe('search (failed)');
  });

  it('links provider -> extension point -> user, and plugin -> the plugins it depends on', () => {
    const edges = edgeList(parse(render(started)));
    expect(edges).toEqual(
      expect.arrayContaining([
        'plugin catalog -[provides]-> catalog.processors',
        'catalog.processors -[used by]-> module github-org',
        'module github-org -[provides]-> catalog.rules "strict"',
        'catalog.rules "strict" -[used by]-> module rules',
        'plugin search -[depends on]-> plugin catalog',
      ]),
    );
  });

  it('draws a plugin-scoped service inside every plugin that uses it and a root service once, outside', () => {
    const graph = parse(render(started));
    const catalogStore = nodeIn(graph, 'catalog.store\nplugin scope', 'catalog');
    const searchStore = nodeIn(graph, 'catalog.store\nplugin scope', 'search (failed)');
    const db = nodeIn(graph, 'db.pool\nroot scope', undefined);
    const edge = (from: ParsedNode, to: ParsedNode): boolean => graph.edges.some((e) => e.from === from.id && e.to === to.id);
    expect(edge(byLabel(graph, 'plugin catalog'), catalogStore)).toBe(true);
    expect(edge(byLabel(graph, 'plugin search'), searchStore)).toBe(true);
    expect(edge(catalogStore, db) && edge(searchStore, db)).toBe(true);
    // The per-plugin logger a module injects lives in its plugin's container; the root logger it wraps does not.
    const logger = nodeIn(graph, 'core.logger\nplugin scope', 'catalog');
    expect(edge(byLabel(graph, 'module rules'), logger)).toBe(true);
    expect(edge(logger, nodeIn(graph, 'core.rootLogger\nroot scope', undefined))).toBe(true);
  });

  it('marks a failed plugin and its container', () => {
    const graph = parse(render(started));
    expect(graph.containers.get('search (failed)')).toEqual({ failed: true });
    expect(graph.containers.get('catalog')).toEqual({ failed: false });
    expect([...byLabel(graph, 'plugin search').marks]).toEqual(['failed']);
    expect(byLabel(graph, 'plugin catalog').marks.size).toBe(0);
  });

  it("draws what a broken app lacks as 'missing' nodes: a service, an extension point, a plugin it depends on", async () => {
    const graph = parse(render(await brokenDescription()));
    expect([...nodeIn(graph, 'payments.client\nmissing', undefined).marks]).toEqual(['missing']);
    expect([...nodeIn(graph, 'orders.hooks\nnot provided', 'orders').marks]).toEqual(['missing']);
    expect([...nodeIn(graph, 'billing.ledger\nbelongs to plugin billing', 'orders').marks]).toEqual(['missing']);
    expect([...nodeIn(graph, 'plugin ghost\nnot installed', undefined).marks]).toEqual(['missing']);
    expect(edgeList(graph)).toEqual(
      expect.arrayContaining([
        'orders.hooks\nnot provided -[used by]-> module audit',
        'billing.ledger\nbelongs to plugin billing -[used by]-> module spy',
        'plugin orders -[depends on]-> plugin ghost\nnot installed',
      ]),
    );
    // The real one stays in its own plugin's container, with no user.
    expect(nodeIn(graph, 'billing.ledger', 'billing').marks.size).toBe(0);
  });

  it('with { plugin } draws that plugin, the services it reaches, and the plugins it depends on as plain nodes', () => {
    const graph = parse(render(started, { plugin: 'search' }));
    expect([...graph.containers.keys()]).toEqual(['search (failed)']);
    expect(byLabel(graph, 'plugin catalog').container).toBeUndefined();
    expect(edgeList(graph)).toContain('plugin search -[depends on]-> plugin catalog');
    expect([...graph.nodes.values()].map((n) => n.label).sort()).toEqual(
      ['catalog.store\nplugin scope', 'db.pool\nroot scope', 'plugin catalog', 'plugin search'].sort(),
    );
  });

  it('refuses a plugin the description does not have, naming it and the plugins there are', () => {
    let thrown: unknown;
    try {
      render(started, { plugin: 'nope' });
    } catch (error) {
      thrown = error;
    }
    expect(isPlugboardError(thrown, 'INVALID_OPTIONS')).toBe(true);
    expect((thrown as Error).message).toBe(`No plugin "nope" to render; the app's plugins: 'catalog', 'search'.`);
  });

  it('keeps odd ids apart and shows them as written, in syntax-safe node ids', async () => {
    const graph = parse(render(await oddDescription()));
    for (const id of oddIds) {
      expect(byLabel(graph, `ep ${id}`).container).toBe('end');
      expect(nodeIn(graph, `${id}\nroot scope`, undefined).id).toMatch(/^[A-Za-z][A-Za-z0-9_]*$/);
    }
    expect(byLabel(graph, 'module subgraph').container).toBe('end');
  });

  it('is the same text for the same description', () => {
    expect(render(started)).toBe(render(JSON.parse(JSON.stringify(started)) as AppDescription));
  });
});

describe('toMermaid text', () => {
  it('writes quotes, markup and entity-like text as Mermaid entities, and line breaks as <br>', async () => {
    const text = toMermaid(await oddDescription());
    expect(text).toContain('{{"say #34;hi#34;<br>root scope"}}');
    expect(text).toContain('{{"#60;b#62;bold#60;/b#62;<br>root scope"}}');
    expect(text).toContain('{{"a#35;35;b<br>root scope"}}');
    expect(text).toContain('{{"#96;tick#96;<br>root scope"}}');
    expect(text).toContain('{{"two<br>lines<br>root scope"}}');
  });
});

const graphviz = spawnSync('dot', ['-V'], { encoding: 'utf8' });
const hasGraphviz = graphviz.status === 0;
if (!hasGraphviz) {
  console.warn('Graphviz `dot` is not installed: skipping the check that it renders toDot() output (apt-get install graphviz to run it).');
}

describe('toDot with Graphviz', () => {
  const itRenders = hasGraphviz ? it : it.skip;

  itRenders.each([
    ['a started app with a failed plugin', () => startedDescription(), {}],
    ['one plugin of it', () => startedDescription(), { plugin: 'search' }],
    ['a broken app', () => brokenDescription(), {}],
    ['odd ids', () => oddDescription(), {}],
  ])('renders %s as SVG without a warning', async (_case, describeApp, options: RenderOptions) => {
    const rendered = spawnSync('dot', ['-Tsvg'], { input: toDot(await describeApp(), options), encoding: 'utf8', timeout: 20_000 });
    expect(rendered.stderr).toBe('');
    expect(rendered.status).toBe(0);
    expect(rendered.stdout).toContain('<svg');
  });

  itRenders('shows odd ids as written in the SVG', async () => {
    const svg = spawnSync('dot', ['-Tsvg'], { input: toDot(await oddDescription()), encoding: 'utf8' }).stdout;
    expect(svg).toContain('>ep say &quot;hi&quot;</text>');
    expect(svg).toContain('>ep back\\slash</text>');
    expect(svg).toContain('>ep &lt;b&gt;bold&lt;/b&gt;</text>');
  });
});
