import {
  createExtensionPoint,
  createServiceDecorator,
  createServiceFactory,
  createServiceRef,
  type AnyServiceRef,
  type WiringProblem,
} from 'plugboard';
import { layers } from '../../src/model/graph-algorithms.js';
import { analyse, ids, injecting, module, plugin, pluginNode, service } from './kit.js';

const missing = createServiceRef<object>({ id: 'missing' });
const present = createServiceRef<object>({ id: 'present' });
const factory = (ref: AnyServiceRef, deps: Record<string, AnyServiceRef> = {}): unknown =>
  createServiceFactory({ service: ref, deps, factory: () => ({}) });

describe('buildGraph: refs nothing implements (SERVICE_NOT_FOUND, with who needs them)', () => {
  it.each<{ name: string; features: () => unknown[]; problems: Array<Omit<WiringProblem, 'message'>> }>([
    { name: 'nothing missing', features: () => [plugin('p', { inject: [present] }), factory(present)], problems: [] },
    {
      name: 'a plugin',
      features: () => [plugin('p', { inject: [missing] })],
      problems: [{ code: 'SERVICE_NOT_FOUND', refId: 'missing', related: ["plugin 'p'"] }],
    },
    {
      name: 'a plugin and its module',
      features: () => [plugin('p', { inject: [missing] }), module('p', 'm', { inject: [missing] })],
      problems: [{ code: 'SERVICE_NOT_FOUND', refId: 'missing', related: ["plugin 'p'", "module 'm' of plugin 'p'"] }],
    },
    {
      name: 'a service factory, a decorator and a class',
      features: () => [
        factory(present, { m: missing }),
        createServiceDecorator({ service: present, deps: { m: missing }, decorate: (instance) => instance }),
        plugin('p', { inject: [present, injecting('Helper', [missing])] }),
      ],
      problems: [{ code: 'SERVICE_NOT_FOUND', refId: 'missing', related: ["service 'present'", 'class Helper'] }],
    },
    {
      name: 'an extension point factory',
      features: () => [
        plugin('p', { provides: [{ provide: createExtensionPoint({ id: 'p.ep' }), useFactory: () => ({}), deps: { m: missing } }] }),
      ],
      problems: [{ code: 'SERVICE_NOT_FOUND', refId: 'missing', related: ["plugin 'p'"] }],
    },
    { name: 'optionally', features: () => [plugin('p', { inject: [{ token: missing, optional: true }] })], problems: [] },
    {
      name: 'two refs: one problem each',
      features: () => [plugin('p', { inject: [missing, createServiceRef({ id: 'also.missing' })] })],
      problems: [
        { code: 'SERVICE_NOT_FOUND', refId: 'missing', related: ["plugin 'p'"] },
        { code: 'SERVICE_NOT_FOUND', refId: 'also.missing', related: ["plugin 'p'"] },
      ],
    },
  ])('$name', ({ features, problems }) => {
    expect(analyse(features()).problems.map(ids)).toEqual(problems);
  });
});

describe('buildGraph on chains of 10 000 (no depth bounded by the stack)', () => {
  const refs = Array.from({ length: 10_000 }, (_, index) => createServiceRef<object>({ id: `s${index}`, scope: 'root' }));

  it('services, each on the next', () => {
    const { graph, problems } = analyse([
      plugin('p', { inject: [refs[0]!] }),
      ...refs.map((ref, index) => factory(ref, refs[index + 1] ? { next: refs[index + 1]! } : {})),
    ]);
    expect(problems).toEqual([]);
    expect(graph.services.size).toBe(10_000);
  });

  it('services closed into one cycle: one problem, the whole path', () => {
    const { problems } = analyse(refs.map((ref, index) => factory(ref, { next: refs[(index + 1) % refs.length]! })));
    expect(problems.map((problem) => [problem.code, problem.path?.length])).toEqual([['DEPENDENCY_CYCLE', 10_001]]);
  });

  it('classes injected by class, each on the next', () => {
    let next = injecting('C9999');
    for (let index = 9_998; index >= 0; index--) next = injecting(`C${index}`, [next]);
    const { graph, problems } = analyse([plugin('p', { inject: [next] })]);
    expect(problems).toEqual([]);
    expect(pluginNode(graph, 'p').needs.map((need) => need.kind)).toEqual(['class']);
  });

  it('modules through extension points: each provider starts after the module that uses its point', () => {
    const points = Array.from({ length: 10_000 }, (_, index) => createExtensionPoint<object>({ id: `p.ep${index}` }));
    const modules = points.map((point, index) =>
      module('p', `m${index}`, { provides: [{ provide: point, useValue: {} }], inject: points[index + 1] ? [points[index + 1]!] : [] }),
    );
    const { graph, problems } = analyse([plugin('p'), ...modules]);
    expect(problems).toEqual([]);
    const order = layers(
      pluginNode(graph, 'p').modules,
      (m) => m.id,
      (m) => m.after,
    );
    expect([order.length, order[0], order[9_999]]).toEqual([10_000, ['m0'], ['m9999']]);
  });

  it('a service chain that reaches a plugin-scoped service at its end', () => {
    const last = createServiceRef<object>({ id: 'per.plugin' });
    const features = refs.map((ref, index) => factory(ref, { next: refs[index + 1] ?? last }));
    const { problems } = analyse([...features, service('PerPlugin', { provides: last })]);
    expect(problems.map(ids)).toEqual([{ code: 'SCOPE_VIOLATION', refId: 's9999', related: ['per.plugin'] }]);
  });
});
