import { createExtensionPoint, createServiceRef, type WiringProblem } from 'plugboard';
import { describeGraph, type FeatureRecord } from '../../src/model/describe.js';
import type { ModuleNode, PluginNode } from '../../src/model/types.js';
import { markInternal } from '../../src/tokens/internal-refs.js';
import { analyse, module, moduleNode, plugin, pluginNode, service } from './kit.js';

const processors = createExtensionPoint<object>({ id: 'catalog.processors' });
const searchPoint = createExtensionPoint<object>({ id: 'search.collators' });
const clock = createServiceRef<object>({ id: 'clock', scope: 'root' });
const store = createServiceRef<object>({ id: 'catalog.store' });
const builtin = markInternal(createServiceRef<object>({ id: 'plugboard.test.context' }));

/** Two plugins, three modules, two services, a builtin: every part of a description. */
function smallApp() {
  return analyse(
    [
      plugin('catalog', { provides: [{ provide: processors, useValue: {} }], inject: [store] }),
      module('catalog', 'github', { inject: [processors, store] }),
      plugin('search', { dependsOn: ['catalog'], inject: [builtin] }),
      module('search', 'provider', { provides: [{ provide: searchPoint, useValue: {} }] }),
      module('search', 'user', { inject: [searchPoint] }),
      service('Store', { provides: store, inject: [clock] }),
      service('Clock', { provides: clock }),
    ],
    { builtins: [builtin] },
  );
}

describe(describeGraph, () => {
  it('describes a graph before start: every feature pending', () => {
    const { graph, problems } = smallApp();
    expect(problems).toEqual([]);
    expect(describeGraph(graph, 'built', problems, () => undefined)).toEqual({
      state: 'built',
      plugins: [
        {
          id: 'catalog',
          status: 'pending',
          dependsOn: [],
          provides: ['catalog.processors'],
          uses: [],
          services: ['catalog.store'],
          modules: [
            {
              id: 'github',
              pluginId: 'catalog',
              status: 'pending',
              provides: [],
              uses: ['catalog.processors'],
              services: ['catalog.store'],
              after: [],
            },
          ],
          moduleOrder: [['github']],
        },
        {
          id: 'search',
          status: 'pending',
          dependsOn: ['catalog'],
          provides: [],
          uses: [],
          services: [],
          modules: [
            {
              id: 'provider',
              pluginId: 'search',
              status: 'pending',
              provides: ['search.collators'],
              uses: [],
              services: [],
              after: ['user'],
            },
            { id: 'user', pluginId: 'search', status: 'pending', provides: [], uses: ['search.collators'], services: [], after: [] },
          ],
          moduleOrder: [['user'], ['provider']],
        },
      ],
      extensionPoints: [
        {
          id: 'catalog.processors',
          pluginId: 'catalog',
          provider: { pluginId: 'catalog' },
          users: [{ pluginId: 'catalog', moduleId: 'github' }],
        },
        {
          id: 'search.collators',
          pluginId: 'search',
          provider: { pluginId: 'search', moduleId: 'provider' },
          users: [{ pluginId: 'search', moduleId: 'user' }],
        },
      ],
      services: [
        {
          id: 'catalog.store',
          scope: 'plugin',
          source: 'installed',
          implementation: 'Store',
          implementations: ['Store'],
          multiton: false,
          initialization: 'lazy',
          dependencies: ['clock'],
          dependants: [
            { kind: 'plugin', pluginId: 'catalog' },
            { kind: 'module', pluginId: 'catalog', moduleId: 'github' },
          ],
        },
        {
          id: 'clock',
          scope: 'root',
          source: 'installed',
          implementation: 'Clock',
          implementations: ['Clock'],
          multiton: false,
          initialization: 'always',
          dependencies: [],
          dependants: [{ kind: 'service', refId: 'catalog.store' }],
        },
      ],
      initOrder: [['catalog'], ['search']],
      problems: [],
    });
  });

  it.each<{ name: string; record: FeatureRecord; expected: object }>([
    {
      name: 'started, with its time rounded to microseconds',
      record: { status: 'started', initMs: 1.23456 },
      expected: { status: 'started', initMs: 1.235 },
    },
    {
      name: 'failed with an Error',
      record: { status: 'failed', error: new TypeError('boom') },
      expected: { status: 'failed', error: 'TypeError: boom' },
    },
    {
      name: 'failed with a thrown string',
      record: { status: 'failed', error: 'just text' },
      expected: { status: 'failed', error: '"just text"' },
    },
    { name: 'skipped', record: { status: 'skipped' }, expected: { status: 'skipped' } },
  ])('merges the record of a feature: $name', ({ record, expected }) => {
    const { graph, problems } = smallApp();
    const github = moduleNode(graph, 'catalog', 'github');
    const catalog = pluginNode(graph, 'catalog');
    const records = new Map<PluginNode | ModuleNode, FeatureRecord>([
      [github, record],
      [catalog, record],
    ]);
    const description = describeGraph(graph, 'started', problems, (node) => records.get(node));
    const [pluginDescription] = description.plugins;
    const pick = ({ status, initMs, error }: { status: string; initMs?: number; error?: string }) => ({ status, initMs, error });
    expect(pick(pluginDescription!)).toEqual(expected);
    expect(pick(pluginDescription!.modules[0]!)).toEqual(expected);
    expect(description.plugins[1]!.status).toBe('pending');
  });

  it('is plain data: JSON round-trips, problems copied', () => {
    const { graph } = smallApp();
    const problems: WiringProblem[] = [{ code: 'DUPLICATE_PLUGIN', message: 'x', pluginId: 'p' }];
    const description = describeGraph(graph, 'failed', problems, () => ({ status: 'failed', error: new Error('e') }));
    expect(JSON.parse(JSON.stringify(description))).toEqual(description);
    expect(description.problems).toEqual(problems);
    expect(description.problems).not.toBe(problems);
  });

  it('names what implements a multiton ref, and none when nothing does', () => {
    const handlers = createServiceRef<object>({ id: 'handlers', multiton: true });
    const empty = createServiceRef<object>({ id: 'empty', multiton: true });
    const { graph, problems } = analyse([
      plugin('p', { inject: [handlers, empty] }),
      service('First', { provides: handlers }),
      service('Second', { provides: handlers }),
    ]);
    const services = describeGraph(graph, 'built', problems, () => undefined).services;
    expect(services.map(({ id, implementation, implementations, source }) => ({ id, implementation, implementations, source }))).toEqual([
      { id: 'handlers', implementation: 'First', implementations: ['First', 'Second'], source: 'installed' },
      { id: 'empty', implementation: 'none', implementations: [], source: 'default' },
    ]);
  });
});
