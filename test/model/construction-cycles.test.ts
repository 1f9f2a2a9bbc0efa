import {
  createExtensionPoint,
  createServiceDecorator,
  createServiceFactory,
  createServiceRef,
  inject,
  type WiringProblem,
} from 'plugboard';
import { analyse, ids, injecting, plugin, service } from './kit.js';

const a = createServiceRef<object>({ id: 'a' });
const b = createServiceRef<object>({ id: 'b' });
const c = createServiceRef<object>({ id: 'c' });
const ep = createExtensionPoint<object>({ id: 'p.ep' });
const factory = (ref: typeof a, deps: Record<string, typeof a> = {}): unknown =>
  createServiceFactory({ service: ref, deps, factory: () => ({}) });

/** Cycles among services, classes, root contexts and extension point implementations: DEPENDENCY_CYCLE with the path. */
describe('construction cycles (reportConstructionCycles)', () => {
  it.each<{ name: string; features: () => unknown[]; problems: Array<Omit<WiringProblem, 'message'>> }>([
    { name: 'a chain', features: () => [factory(a, { b }), factory(b, { c }), factory(c)], problems: [] },
    {
      name: 'a diamond',
      features: () => [factory(a, { b, c }), factory(b, { c }), factory(c), plugin('p', { inject: [a, b] })],
      problems: [],
    },
    {
      name: 'a service on itself',
      features: () => [factory(a, { a })],
      problems: [{ code: 'DEPENDENCY_CYCLE', refId: 'a', path: ['a', 'a'] }],
    },
    {
      name: 'two services',
      features: () => [factory(a, { b }), factory(b, { a })],
      problems: [{ code: 'DEPENDENCY_CYCLE', refId: 'a', path: ['a', 'b', 'a'] }],
    },
    {
      name: 'three service classes',
      features: () => [
        service('A', { provides: a, inject: [b] }),
        service('B', { provides: b, inject: [c] }),
        service('C', { provides: c, inject: [a] }),
      ],
      problems: [{ code: 'DEPENDENCY_CYCLE', refId: 'a', path: ['a', 'b', 'c', 'a'] }],
    },
    {
      name: 'two separate cycles: one problem each',
      features: () => [factory(a, { b }), factory(b, { a }), factory(c, { c })],
      problems: [
        { code: 'DEPENDENCY_CYCLE', refId: 'a', path: ['a', 'b', 'a'] },
        { code: 'DEPENDENCY_CYCLE', refId: 'c', path: ['c', 'c'] },
      ],
    },
    {
      name: 'a service and a class injected by class',
      features: () => {
        const Helper = injecting('Helper', [a]);
        return [service('A', { provides: a, inject: [Helper] })];
      },
      problems: [{ code: 'DEPENDENCY_CYCLE', refId: 'a', path: ['a', 'Helper', 'a'] }],
    },
    {
      name: 'a service and a decorator’s dependency',
      features: () => [
        factory(a),
        factory(b, { a }),
        createServiceDecorator({ service: a, deps: { b }, decorate: (instance) => instance }),
      ],
      problems: [{ code: 'DEPENDENCY_CYCLE', refId: 'a', path: ['a', 'b', 'a'] }],
    },
    {
      name: 'a service whose createRootContext shares the cycle: one problem, not two',
      features: () => [
        createServiceFactory({ service: a, deps: { b }, createRootContext: () => ({}), factory: () => ({}) }),
        factory(b, { a }),
      ],
      problems: [{ code: 'DEPENDENCY_CYCLE', refId: 'a', path: ['a', 'b', 'a'] }],
    },
  ])('$name', ({ features, problems }) => {
    expect(analyse(features()).problems.map(ids)).toEqual(problems);
  });

  it('classes injected by class on each other: the path names the classes', () => {
    const One = injecting('One');
    const Two = injecting('Two', [One]);
    inject(Two)(One, undefined, 0); // a cycle cannot be declared in order: close it afterwards
    const { problems } = analyse([plugin('p', { inject: [One] })]);
    expect(problems.map(ids)).toEqual([{ code: 'DEPENDENCY_CYCLE', path: ['One', 'Two', 'One'] }]);
  });

  it('an extension point implementation that injects its own point', () => {
    const { problems } = analyse([plugin('p', { provides: [{ provide: ep, useClass: injecting('Registry', [ep]) }] })]);
    expect(problems.map(ids)).toEqual([{ code: 'DEPENDENCY_CYCLE', extensionPointId: 'p.ep', path: ['Registry', 'p.ep', 'Registry'] }]);
  });

  it('a useFactory provider on a service is no cycle', () => {
    const { problems } = analyse([
      plugin('p', { provides: [{ provide: ep, useFactory: () => ({}), deps: { a } }], inject: [ep] }),
      factory(a),
    ]);
    expect(problems).toEqual([]);
  });
});
