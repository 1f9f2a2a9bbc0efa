// Chains of 10 000 services, modules and plugins draw: no walk in the renderers is bounded by the
// JS stack, and the work stays linear. The big descriptions are built as plain data (what
// describe() returns), so the tests stay fast; one case goes through a real app.
import {
  type AppDescription,
  createServiceFactory,
  createServiceRef,
  inject,
  type ModuleDescription,
  Plugin,
  type PluginDescription,
  type ServiceDescription,
  type ServiceRef,
  toDot,
  toMermaid,
} from 'plugboard';
import { quietBuilder } from '../support.js';
import { edgeList, parseDot, parseMermaid, type ParsedGraph } from './parse.js';

const length = 10_000;

function plugin(id: string, fields: Partial<PluginDescription> = {}): PluginDescription {
  return { id, status: 'pending', dependsOn: [], provides: [], uses: [], services: [], modules: [], moduleOrder: [], ...fields };
}

function service(id: string, scope: 'root' | 'plugin', dependencies: readonly string[]): ServiceDescription {
  return {
    id,
    scope,
    source: 'installed',
    implementation: 'factory',
    implementations: ['factory'],
    multiton: false,
    initialization: scope === 'root' ? 'always' : 'lazy',
    dependencies,
    dependants: [],
  };
}

function description(fields: Partial<AppDescription>): AppDescription {
  return { state: 'built', plugins: [], extensionPoints: [], services: [], initOrder: [], problems: [], ...fields };
}

/** `s0 -> s1 -> … -> s<n-1>`, each needing the next, the first injected by plugin `app`. */
function serviceChain(scope: 'root' | 'plugin'): AppDescription {
  const services = Array.from({ length }, (_, i) => service(`s${i}`, scope, i + 1 < length ? [`s${i + 1}`] : []));
  return description({ plugins: [plugin('app', { services: ['s0'] })], services });
}

/** Plugin `host` provides `ep0`; module `m<i>` injects `ep<i>` and provides `ep<i+1>`. */
function moduleChain(): AppDescription {
  const modules = Array.from({ length }, (_, i): ModuleDescription => ({
    id: `m${i}`,
    pluginId: 'host',
    status: 'pending',
    provides: [`ep${i + 1}`],
    uses: [`ep${i}`],
    services: [],
    after: i === 0 ? [] : [`m${i - 1}`],
  }));
  const extensionPoints = Array.from({ length: length + 1 }, (_, i) => ({
    id: `ep${i}`,
    pluginId: 'host',
    provider: i === 0 ? { pluginId: 'host' } : { pluginId: 'host', moduleId: `m${i - 1}` },
    users: i < length ? [{ pluginId: 'host', moduleId: `m${i}` }] : [],
  }));
  return description({ plugins: [plugin('host', { provides: ['ep0'], modules })], extensionPoints });
}

/** Plugin `p<i>` depends on `p<i+1>`. */
function pluginChain(): AppDescription {
  return description({ plugins: Array.from({ length }, (_, i) => plugin(`p${i}`, { dependsOn: i + 1 < length ? [`p${i + 1}`] : [] })) });
}

describe.each<[string, (d: AppDescription, o?: { plugin?: string }) => string, (text: string) => ParsedGraph]>([
  ['toMermaid', toMermaid, parseMermaid],
  ['toDot', toDot, parseDot],
])('%s with chains of 10 000', (_name, render, parse) => {
  it('draws a chain of root services, each once, outside every container, with every link', () => {
    const graph = parse(render(serviceChain('root')));
    const services = [...graph.nodes.values()].filter((n) => n.label.endsWith('\nroot scope'));
    expect(services).toHaveLength(length);
    expect(services.every((n) => n.container === undefined)).toBe(true);
    const edges = edgeList(graph);
    expect(edges).toHaveLength(length); // plugin -> s0, then s<i> -> s<i+1>
    expect(edges).toContain('plugin app --> s0\nroot scope');
    expect(edges).toContain(`s${length - 2}\nroot scope --> s${length - 1}\nroot scope`);
  });

  it('draws a chain of root services nothing injects (each stands outside on its own)', () => {
    const chain = serviceChain('root');
    const graph = parse(render({ ...chain, plugins: [] }));
    expect(graph.nodes.size).toBe(length);
    expect(graph.edges).toHaveLength(length - 1);
  });

  it('draws a chain of plugin-scoped services inside the plugin that uses it', () => {
    const graph = parse(render(serviceChain('plugin')));
    const services = [...graph.nodes.values()].filter((n) => n.label.endsWith('\nplugin scope'));
    expect(services).toHaveLength(length);
    expect(services.every((n) => n.container === 'app')).toBe(true);
    expect(edgeList(graph)).toContain(`s${length - 2}\nplugin scope --> s${length - 1}\nplugin scope`);
  });

  it('draws a chain of modules through extension points, and one plugin of it', () => {
    for (const options of [undefined, { plugin: 'host' }]) {
      const graph = parse(render(moduleChain(), options));
      expect(graph.nodes.size).toBe(1 + length + length + 1);
      const edges = edgeList(graph);
      expect(edges).toContain('plugin host -[provides]-> ep0');
      expect(edges).toContain(`ep${length - 1} -[used by]-> module m${length - 1}`);
      expect(edges).toContain(`module m${length - 1} -[provides]-> ep${length}`);
    }
  });

  it('draws a chain of plugins through dependsOn, and one plugin of it with its dependency as a plain node', () => {
    const graph = parse(render(pluginChain()));
    expect(graph.containers.size).toBe(length);
    expect(edgeList(graph)).toContain(`plugin p${length - 2} -[depends on]-> plugin p${length - 1}`);
    const one = parse(render(pluginChain(), { plugin: `p${length - 2}` }));
    expect(edgeList(one)).toEqual([`plugin p${length - 2} -[depends on]-> plugin p${length - 1}`]);
  });
});

describe('a long chain through a real app', () => {
  // 1 000, not 10 000: validating a longer chain is the model's work (its own chain tests), not the renderers'.
  it("draws every link of describe()'s chain of root services a plugin injects", async () => {
    const count = 1_000;
    const refs: ServiceRef<object, 'root'>[] = Array.from({ length: count }, (_, i) =>
      createServiceRef<object>({ id: `chain.s${i}`, scope: 'root' }),
    );
    const builder = quietBuilder();
    refs.forEach((ref, i) =>
      builder.add(createServiceFactory({ service: ref, deps: i + 1 < count ? { next: refs[i + 1]! } : {}, factory: () => ({}) })),
    );
    class Head {}
    inject(refs[0]!)(Head, undefined, 0);
    Plugin({ id: 'head' })(Head);
    const app = builder.add(Head).build();
    expect(await app.validate()).toEqual([]);
    for (const [render, parse] of [
      [toMermaid, parseMermaid],
      [toDot, parseDot],
    ] as const) {
      const edges = edgeList(parse(render(app.describe())));
      expect(edges).toContain('plugin head --> chain.s0\nroot scope');
      for (let i = 0; i + 1 < count; i++) expect(edges).toContain(`chain.s${i}\nroot scope --> chain.s${i + 1}\nroot scope`);
    }
  });
});
