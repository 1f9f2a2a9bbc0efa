import { createExtensionPoint, createServiceDecorator, createServiceFactory, createServiceRef } from 'plugboard';
import { markInternal } from '../../src/tokens/internal-refs.js';
import { analyse, injecting, module, moduleNode, needName, plugin, pluginNode, service, serviceNode } from './kit.js';

const rootRef = createServiceRef<object>({ id: 'root.svc', scope: 'root' });
const lazyRoot = createServiceRef<object>({ id: 'root.lazy', scope: 'root' });
const pluginRef = createServiceRef<object>({ id: 'plugin.svc' });
const eagerPlugin = createServiceRef<object>({ id: 'plugin.eager' });
const ep = createExtensionPoint<object>({ id: 'p.ep' });

const RootImpl = service('RootImpl', { provides: rootRef });
const PluginImpl = service('PluginImpl', { provides: pluginRef });
const names = (needs: readonly Parameters<typeof needName>[0][]): string[] => needs.map(needName);

/** What each node needs created first (fillNeeds), and what is created at start. */
describe('needs (fillNeeds)', () => {
  describe('of a plugin and its modules', () => {
    it.each<{ name: string; features: () => unknown[]; plugin: string[]; modules: Record<string, string[]>; startNeeds: string[] }>([
      {
        name: 'services it injects, in parameter order, each once',
        features: () => [plugin('p', { inject: [pluginRef, rootRef, pluginRef] }), RootImpl, PluginImpl],
        plugin: ['plugin.svc', 'root.svc'],
        modules: {},
        startNeeds: ['plugin.svc', 'root.svc'],
      },
      {
        name: 'a class injected by class',
        features: () => [plugin('p', { inject: [injecting('Helper', [rootRef])] }), RootImpl],
        plugin: ['Helper'],
        modules: {},
        startNeeds: ['Helper'],
      },
      {
        name: 'a point the module injects, implemented by a class: the class',
        features: () => [plugin('p', { provides: [{ provide: ep, useClass: injecting('Registry') }] }), module('p', 'm', { inject: [ep] })],
        plugin: [],
        modules: { m: ['Registry'] },
        startNeeds: ['Registry'],
      },
      {
        name: 'a point made by a factory: the factory’s deps',
        features: () => [
          plugin('p', { provides: [{ provide: ep, useFactory: () => ({}), deps: { s: pluginRef } }] }),
          module('p', 'm', { inject: [ep] }),
          PluginImpl,
        ],
        plugin: [],
        modules: { m: ['plugin.svc'] },
        startNeeds: ['plugin.svc'],
      },
      {
        name: 'a point given as a value: nothing',
        features: () => [plugin('p', { provides: [{ provide: ep, useValue: {} }], inject: [ep] }), module('p', 'm', { inject: [ep] })],
        plugin: [],
        modules: { m: [] },
        startNeeds: [],
      },
      {
        name: 'startNeeds: the plugin’s first, then each module’s, each once',
        features: () => [
          plugin('p', { inject: [rootRef] }),
          module('p', 'a', { inject: [pluginRef, rootRef] }),
          module('p', 'b', { inject: [pluginRef] }),
          RootImpl,
          PluginImpl,
        ],
        plugin: ['root.svc'],
        modules: { a: ['plugin.svc', 'root.svc'], b: ['plugin.svc'] },
        startNeeds: ['root.svc', 'plugin.svc'],
      },
    ])('$name', ({ features, plugin: pluginNeeds, modules, startNeeds }) => {
      const { graph, problems } = analyse(features());
      expect(problems).toEqual([]);
      const node = pluginNode(graph, 'p');
      expect(names(node.needs)).toEqual(pluginNeeds);
      expect(Object.fromEntries(node.modules.map((m) => [m.id, names(m.needs)]))).toEqual(modules);
      expect(names(node.startNeeds)).toEqual(startNeeds);
    });
  });

  describe('of services, classes, root contexts and extension points', () => {
    it('a service: its implementation’s deps, then its decorators’', () => {
      const { graph } = analyse([
        createServiceFactory({ service: pluginRef, deps: { r: rootRef }, factory: () => ({}) }),
        createServiceDecorator({ service: pluginRef, deps: { l: lazyRoot }, decorate: (instance) => instance }),
        RootImpl,
        service('LazyImpl', { provides: lazyRoot }),
        plugin('p', { inject: [pluginRef] }),
      ]);
      expect(names(serviceNode(graph, 'plugin.svc').needs)).toEqual(['root.svc', 'root.lazy']);
    });

    it('a service with a root context: the context last; the context only its root-scoped deps', () => {
      const withContext = createServiceFactory({
        service: eagerPlugin,
        deps: { r: rootRef, p: pluginRef },
        createRootContext: () => ({}),
        factory: () => ({}),
      });
      const { graph } = analyse([withContext, RootImpl, PluginImpl, plugin('p', { inject: [eagerPlugin] })]);
      const node = serviceNode(graph, 'plugin.eager');
      expect(names(node.needs)).toEqual(['root.svc', 'plugin.svc', 'context:plugin.eager']);
      expect(names(node.rootContext!.needs)).toEqual(['root.svc']);
    });

    it('a class: what it injects, except extension points (each plugin adds its own)', () => {
      const Helper = injecting('Helper', [rootRef, ep]);
      const { graph } = analyse([
        plugin('p', { provides: [{ provide: ep, useClass: injecting('Registry') }], inject: [Helper] }),
        RootImpl,
      ]);
      const helper = pluginNode(graph, 'p').needs[0]!;
      expect(needName(helper)).toBe('Helper');
      expect(names(helper.needs)).toEqual(['root.svc']);
      expect(names(pluginNode(graph, 'p').extensionPoints.get('p.ep')!.needs)).toEqual(['Registry']);
    });

    it('a module that provides a point needs nothing for it', () => {
      const { graph } = analyse([plugin('p'), module('p', 'm', { provides: [{ provide: ep, useClass: injecting('Registry') }] })]);
      expect(names(moduleNode(graph, 'p', 'm').needs)).toEqual([]);
    });
  });
});

describe('what is created at start (rootAtStart, pluginAtStart)', () => {
  it.each<{ name: string; features: () => unknown[]; root: string[]; plugin: string[] }>([
    { name: 'nothing', features: () => [], root: [], plugin: [] },
    { name: 'a root service: always by default', features: () => [RootImpl], root: ['root.svc'], plugin: [] },
    {
      name: 'a root service declared lazy',
      features: () => [service('LazyImpl', { provides: lazyRoot, initialization: 'lazy' })],
      root: [],
      plugin: [],
    },
    { name: 'a plugin service: lazy by default', features: () => [PluginImpl], root: [], plugin: [] },
    {
      name: 'a plugin service declared always',
      features: () => [service('Eager', { provides: eagerPlugin, initialization: 'always' })],
      root: [],
      plugin: ['plugin.eager'],
    },
    {
      name: 'a root default reached by a plugin: always',
      features: () => [
        plugin('p', {
          inject: [createServiceRef<object>({ id: 'root.default', scope: 'root', defaultFactory: () => injecting('Default') })],
        }),
      ],
      root: ['root.default'],
      plugin: [],
    },
  ])('$name', ({ features, root, plugin: atPluginStart }) => {
    const { graph } = analyse(features());
    expect(graph.rootAtStart.map((node) => node.id).sort()).toEqual(root);
    expect(graph.pluginAtStart.map((node) => node.id).sort()).toEqual(atPluginStart);
  });

  it('never a builtin', () => {
    const builtin = markInternal(createServiceRef<object>({ id: 'plugboard.test.root-builtin', scope: 'root' }));
    const { graph } = analyse([plugin('p', { inject: [builtin] })], { builtins: [builtin] });
    expect(graph.rootAtStart).toEqual([]);
    expect(graph.services.get(builtin.id)?.source).toBe('builtin');
  });
});
