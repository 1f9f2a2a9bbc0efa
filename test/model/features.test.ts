import { createFeatureLoader, createServiceDecorator, createServiceFactory, createServiceRef, type WiringProblem } from 'plugboard';
import { collectFeatures, featureRejection, featuresOfModule, isModuleLike } from '../../src/model/features.js';
import { ids, injecting, module, plugin, service } from './kit.js';

const ref = createServiceRef<object>({ id: 'svc' });
const Plugin = plugin('p');
const Mod = module('p', 'm');
const Impl = service('Impl', { provides: ref });
const factory = createServiceFactory({ service: ref, factory: () => ({}) });
const decorator = createServiceDecorator({ service: ref, decorate: (instance) => instance });
const loader = createFeatureLoader({ name: 'loader', loader: () => [] });

describe(featureRejection, () => {
  it.each<{ name: string; value: () => unknown; expected: object | undefined }>([
    { name: 'a plugin', value: () => Plugin, expected: undefined },
    { name: 'a module', value: () => Mod, expected: undefined },
    { name: 'a service with provides', value: () => Impl, expected: undefined },
    { name: 'a service factory', value: () => factory, expected: undefined },
    { name: 'a service decorator', value: () => decorator, expected: undefined },
    { name: 'a feature loader', value: () => loader, expected: undefined },
    {
      name: 'a service without provides',
      value: () => service('Plain'),
      expected: { kind: 'service-without-provides', className: 'Plain' },
    },
    { name: 'an undecorated class', value: () => injecting('Bare'), expected: { kind: 'undecorated', className: 'Bare' } },
    { name: 'null', value: () => null, expected: { kind: 'nullish', value: null } },
    { name: 'undefined', value: () => undefined, expected: { kind: 'nullish', value: undefined } },
    { name: 'a nested array', value: () => [Plugin], expected: { kind: 'value', type: 'nested array' } },
    { name: 'a number', value: () => 42, expected: { kind: 'value', type: 'number' } },
    { name: 'an object', value: () => ({ default: Plugin }), expected: { kind: 'value', type: 'object' } },
  ])('$name', ({ value, expected }) => {
    expect(featureRejection(value())).toEqual(expected);
  });
});

describe(collectFeatures, () => {
  it('sorts features by kind, in order, and reports what is not one', () => {
    const problems: WiringProblem[] = [];
    const Other = plugin('q');
    const set = collectFeatures([Impl, Plugin, decorator, 7, Mod, factory, loader, Other], problems);
    expect(set.plugins.map((p) => p.cls)).toEqual([Plugin, Other]);
    expect(set.modules.map((m) => m.cls)).toEqual([Mod]);
    expect(set.services.map((s) => ('factory' in s ? s.factory : s.cls))).toEqual([Impl, factory]);
    expect(set.decorators).toEqual([decorator]);
    // A loader inside a loader's result, and a number: not features here.
    expect(problems.map(ids)).toEqual([{ code: 'INVALID_FEATURE' }, { code: 'INVALID_FEATURE' }]);
  });
});

describe(featuresOfModule, () => {
  it.each<{ name: string; module: () => unknown; expected: object }>([
    { name: 'a default export', module: () => ({ default: Plugin }), expected: { features: [Plugin] } },
    { name: 'a default array', module: () => ({ default: [Plugin, Mod] }), expected: { features: [Plugin, Mod] } },
    { name: 'CommonJS: one more default level', module: () => ({ default: { default: Plugin } }), expected: { features: [Plugin] } },
    { name: 'CommonJS with an array', module: () => ({ default: { default: [Plugin] } }), expected: { features: [Plugin] } },
    {
      name: 'two more levels',
      module: () => ({ default: { default: { default: Plugin } } }),
      expected: { rejection: { kind: 'too-deep' } },
    },
    { name: 'no default', module: () => ({ Plugin }), expected: { rejection: { kind: 'no-default' } } },
    { name: 'a default that is not a feature', module: () => ({ default: 1 }), expected: { rejection: { kind: 'value', type: 'number' } } },
    {
      name: 'an array with one value that is not a feature',
      module: () => ({ default: [Plugin, null] }),
      expected: { rejection: { kind: 'nullish', value: null } },
    },
    {
      name: 'a default getter that throws',
      module: () => ({
        get default(): never {
          throw new Error('no');
        },
      }),
      expected: { rejection: { kind: 'no-default' } },
    },
  ])('$name', ({ module: value, expected }) => {
    expect(featuresOfModule(value())).toEqual(expected);
  });
});

describe(isModuleLike, () => {
  it.each<{ name: string; value: () => unknown; expected: boolean }>([
    { name: 'a module namespace', value: () => ({ default: Plugin }), expected: true },
    { name: 'a feature', value: () => Plugin, expected: false },
    { name: 'an array', value: () => [Plugin], expected: false },
    { name: 'an object without default', value: () => ({}), expected: false },
    { name: 'null', value: () => null, expected: false },
  ])('$name', ({ value, expected }) => {
    expect(isModuleLike(value())).toBe(expected);
  });
});
