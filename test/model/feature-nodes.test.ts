import { createExtensionPoint, type WiringProblem } from 'plugboard';
import type { LoadedOrigin } from '../../src/model/features.js';
import { analyse, ids, module, plugin, pluginNode } from './kit.js';

/** The ids m0..m(count-1). */
const names = (count: number): string[] => Array.from({ length: count }, (_, index) => `m${index}`);
/** `count` modules of plugin `pluginId`, m0..m(count-1). */
const many = (pluginId: string, count: number): unknown[] => names(count).map((id) => module(pluginId, id));

/** buildGraph's plugin and module nodes: one per id, modules attached to their plugin. */
describe('plugin and module nodes (featureNodes)', () => {
  const ep = createExtensionPoint<object>({ id: 'p.ep' });

  it.each<{ name: string; features: () => unknown[]; plugins: Record<string, string[]>; problems: Array<Omit<WiringProblem, 'message'>> }>([
    {
      name: 'plugins with their modules, in the order added',
      features: () => [plugin('p'), module('p', 'b'), plugin('q'), module('q', 'c'), module('p', 'a')],
      plugins: { p: ['b', 'a'], q: ['c'] },
      problems: [],
    },
    {
      name: 'a module added before its plugin',
      features: () => [module('p', 'm'), plugin('p')],
      plugins: { p: ['m'] },
      problems: [],
    },
    {
      name: 'two plugins with one id: the first stays',
      features: () => [plugin('p'), module('p', 'm'), plugin('p')],
      plugins: { p: ['m'] },
      problems: [{ code: 'DUPLICATE_PLUGIN', pluginId: 'p' }],
    },
    {
      name: 'three plugins with one id: reported once',
      features: () => [plugin('p'), plugin('p'), plugin('p')],
      plugins: { p: [] },
      problems: [{ code: 'DUPLICATE_PLUGIN', pluginId: 'p' }],
    },
    {
      name: 'two modules with one id in a plugin: the first stays',
      features: () => [plugin('p'), module('p', 'm'), module('p', 'm')],
      plugins: { p: ['m'] },
      problems: [{ code: 'DUPLICATE_MODULE', pluginId: 'p', moduleId: 'm' }],
    },
    {
      name: 'two modules with one id in a plugin of many (past the in-place search)',
      features: () => [plugin('p'), plugin('q'), ...many('p', 20), module('p', 'm3'), module('p', 'm19'), ...many('q', 20)],
      plugins: { p: names(20), q: names(20) },
      problems: [
        { code: 'DUPLICATE_MODULE', pluginId: 'p', moduleId: 'm3' },
        { code: 'DUPLICATE_MODULE', pluginId: 'p', moduleId: 'm19' },
      ],
    },
    {
      name: 'one module id in two plugins',
      features: () => [plugin('p'), plugin('q'), module('p', 'm'), module('q', 'm')],
      plugins: { p: ['m'], q: ['m'] },
      problems: [],
    },
    {
      name: 'a module whose plugin is not installed',
      features: () => [plugin('p'), module('q', 'm')],
      plugins: { p: [] },
      problems: [{ code: 'MODULE_WITHOUT_PLUGIN', pluginId: 'q', moduleId: 'm' }],
    },
    {
      name: 'one extension point provided twice',
      features: () => [
        plugin('p', { provides: [{ provide: ep, useValue: {} }] }),
        module('p', 'm', { provides: [{ provide: ep, useValue: {} }] }),
      ],
      plugins: { p: ['m'] },
      problems: [{ code: 'DUPLICATE_EXTENSION_POINT', pluginId: 'p', moduleId: 'm', extensionPointId: 'p.ep' }],
    },
    {
      name: 'an extension point with a reserved id',
      features: () => [plugin('p', { provides: [{ provide: createExtensionPoint({ id: 'plugboard.mine' }), useValue: {} }] })],
      plugins: { p: [] },
      problems: [{ code: 'RESERVED_ID', extensionPointId: 'plugboard.mine' }],
    },
  ])('$name', ({ features, plugins, problems }) => {
    const analysed = analyse(features());
    const actual = Object.fromEntries(analysed.graph.plugins.map((node) => [node.id, node.modules.map((m) => m.id)]));
    expect(actual).toEqual(plugins);
    expect(analysed.problems.map(ids)).toEqual(problems);
  });

  it('numbers modules by their position in the plugin', () => {
    const { graph } = analyse([plugin('p'), module('p', 'a'), module('p', 'b'), module('p', 'c')]);
    expect(pluginNode(graph, 'p').modules.map((m) => [m.id, m.index])).toEqual([
      ['a', 0],
      ['b', 1],
      ['c', 2],
    ]);
  });

  describe('discovered modules whose plugin is not installed', () => {
    it.each<{ name: string; skipOrphanModules: boolean; skipped: object[]; problems: object[] }>([
      {
        name: 'are skipped when their loader says so (discovery)',
        skipOrphanModules: true,
        skipped: [{ pluginId: 'absent', moduleId: 'm' }],
        problems: [],
      },
      {
        name: 'are a problem otherwise',
        skipOrphanModules: false,
        skipped: [],
        problems: [{ code: 'MODULE_WITHOUT_PLUGIN', pluginId: 'absent', moduleId: 'm' }],
      },
    ])('$name', ({ skipOrphanModules, skipped, problems }) => {
      const orphan = module('absent', 'm');
      const kept = module('p', 'kept');
      const origins = new Map<unknown, LoadedOrigin>([
        [orphan, { loader: 'discovery', skipOrphanModules }],
        [kept, { loader: 'discovery', skipOrphanModules }],
      ]);
      const { graph, problems: found } = analyse([plugin('p'), orphan, kept], { origins });
      expect(graph.skippedModules).toEqual(skipped);
      expect(pluginNode(graph, 'p').modules.map((m) => m.id)).toEqual(['kept']);
      expect(found.map(ids)).toEqual(problems);
    });
  });
});
