import { createExtensionPoint, type WiringProblem } from 'plugboard';
import type { WiringGraph } from '../../src/model/types.js';
import { analyse, ids, injecting, module, plugin } from './kit.js';

const ep = createExtensionPoint<object>({ id: 'p.ep' });
const second = createExtensionPoint<object>({ id: 'p.second' });
const foreign = createExtensionPoint<object>({ id: 'q.ep' });
const value = (provide: typeof ep) => ({ provide, useValue: {} });

/** Who uses each extension point, and which modules start after which: what analyseUsage fills in. */
function usage(graph: WiringGraph): { points: Record<string, string[]>; after: Record<string, string[]> } {
  const points: Record<string, string[]> = {};
  const after: Record<string, string[]> = {};
  for (const node of graph.plugins) {
    for (const point of node.extensionPoints.values()) points[point.id] = [...(point.usedByPlugin ? ['(plugin)'] : []), ...point.users];
    for (const m of node.modules) if (m.after.length > 0) after[m.id] = m.after.map((other) => other.id);
  }
  return { points, after };
}

describe('extension point usage (analyseUsage)', () => {
  it.each<{
    name: string;
    features: () => unknown[];
    points?: Record<string, string[]>;
    after?: Record<string, string[]>;
    problems?: Array<Omit<WiringProblem, 'message'>>;
  }>([
    {
      name: 'a module injects its plugin’s point',
      features: () => [plugin('p', { provides: [value(ep)] }), module('p', 'm', { inject: [ep] })],
      points: { 'p.ep': ['m'] },
    },
    {
      name: 'the plugin injects its own point',
      features: () => [plugin('p', { provides: [value(ep)], inject: [ep] })],
      points: { 'p.ep': ['(plugin)'] },
    },
    {
      name: 'a module provides a point another module injects: the user starts first',
      features: () => [plugin('p'), module('p', 'provider', { provides: [value(ep)] }), module('p', 'user', { inject: [ep] })],
      points: { 'p.ep': ['user'] },
      after: { provider: ['user'] },
    },
    {
      name: 'a provider waits for every user, each listed once',
      features: () => [
        plugin('p'),
        module('p', 'provider', { provides: [value(ep), value(second)] }),
        module('p', 'a', { inject: [ep, second] }),
        module('p', 'b', { inject: [second] }),
      ],
      points: { 'p.ep': ['a'], 'p.second': ['a', 'b'] },
      after: { provider: ['a', 'b'] },
    },
    {
      name: 'a module that injects its own point does not wait for itself',
      features: () => [plugin('p'), module('p', 'm', { provides: [value(ep)], inject: [ep] })],
      points: { 'p.ep': [] },
    },
    {
      name: 'through a chain of classes',
      features: () => {
        const inner = injecting('Inner', [ep]);
        return [plugin('p', { provides: [value(ep)] }), module('p', 'm', { inject: [injecting('Outer', [injecting('Middle', [inner])])] })];
      },
      points: { 'p.ep': ['m'] },
    },
    {
      name: 'through the implementation class a module provides',
      features: () => [
        plugin('p'),
        module('p', 'a', { provides: [{ provide: ep, useClass: injecting('Impl', [second]) }] }),
        module('p', 'b', { provides: [value(second)] }),
      ],
      points: { 'p.ep': [], 'p.second': ['a'] },
      after: { b: ['a'] },
    },
    {
      name: 'a point nobody provides',
      features: () => [plugin('p'), module('p', 'm', { inject: [ep] })],
      problems: [{ code: 'EXTENSION_POINT_NOT_PROVIDED', pluginId: 'p', moduleId: 'm', extensionPointId: 'p.ep' }],
    },
    {
      name: 'a point nobody provides, injected by the plugin',
      features: () => [plugin('p', { inject: [ep] })],
      problems: [{ code: 'EXTENSION_POINT_NOT_PROVIDED', pluginId: 'p', extensionPointId: 'p.ep' }],
    },
    {
      name: 'a point nobody provides, injected optionally',
      features: () => [
        plugin('p', { inject: [{ token: ep, optional: true }] }),
        module('p', 'm', { inject: [{ token: ep, optional: true }] }),
      ],
      problems: [],
    },
    {
      name: 'a point nobody provides, injected directly and through a class: reported once',
      features: () => [plugin('p'), module('p', 'm', { inject: [ep, injecting('Helper', [ep])] })],
      problems: [{ code: 'EXTENSION_POINT_NOT_PROVIDED', pluginId: 'p', moduleId: 'm', extensionPointId: 'p.ep' }],
    },
    {
      name: 'a point of another plugin',
      features: () => [plugin('p'), plugin('q', { provides: [value(foreign)] }), module('p', 'm', { inject: [foreign] })],
      points: { 'q.ep': [] },
      problems: [{ code: 'EXTENSION_POINT_OF_OTHER_PLUGIN', pluginId: 'p', moduleId: 'm', extensionPointId: 'q.ep', related: ['q'] }],
    },
    {
      name: 'a point of another plugin, injected optionally: no problem (it injects undefined)',
      features: () => [plugin('p', { inject: [{ token: foreign, optional: true }] }), plugin('q', { provides: [value(foreign)] })],
      problems: [],
    },
    {
      name: 'two modules each waiting for the other',
      features: () => [
        plugin('p'),
        module('p', 'a', { provides: [value(ep)], inject: [second] }),
        module('p', 'b', { provides: [value(second)], inject: [ep] }),
      ],
      after: { a: ['b'], b: ['a'] },
      problems: [{ code: 'DEPENDENCY_CYCLE', pluginId: 'p', path: ['a', 'b', 'a'] }],
    },
  ])('$name', ({ features, points, after, problems }) => {
    const analysed = analyse(features());
    const actual = usage(analysed.graph);
    if (points !== undefined) expect(actual.points).toEqual(points);
    expect(actual.after).toEqual(after ?? {});
    expect(analysed.problems.map(ids)).toEqual(problems ?? []);
  });

  it('lists what a module uses, once each', () => {
    const { graph } = analyse([
      plugin('p', { provides: [value(ep), value(second)] }),
      module('p', 'm', { inject: [second, ep, injecting('Helper', [second])] }),
    ]);
    expect(graph.plugins[0]!.modules[0]!.uses.map((point) => point.id)).toEqual(['p.second', 'p.ep']);
  });
});
