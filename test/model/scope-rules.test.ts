import { createExtensionPoint, createServiceDecorator, createServiceFactory, createServiceRef, type WiringProblem } from 'plugboard';
import { analyse, ids, injecting, plugin, service } from './kit.js';

const rootRef = createServiceRef<object>({ id: 'root.svc', scope: 'root' });
const otherRoot = createServiceRef<object>({ id: 'root.other', scope: 'root' });
const pluginRef = createServiceRef<object>({ id: 'plugin.svc' });
const pluginMany = createServiceRef<object>({ id: 'plugin.many', multiton: true });
const ep = createExtensionPoint<object>({ id: 'p.ep' });

const PluginImpl = service('PluginImpl', { provides: pluginRef });
const OtherRootImpl = service('OtherRootImpl', { provides: otherRoot });

/** A root-scoped service or class may not depend on anything created per plugin. */
describe('scope rules (checkScopes)', () => {
  it.each<{ name: string; features: () => unknown[]; problems: Array<Omit<WiringProblem, 'message'>> }>([
    {
      name: 'a root service on a root service',
      features: () => [service('RootImpl', { provides: rootRef, inject: [otherRoot] }), OtherRootImpl],
      problems: [],
    },
    {
      name: 'a plugin service on a root service',
      features: () => [service('PluginOnRoot', { provides: pluginRef, inject: [otherRoot] }), OtherRootImpl],
      problems: [],
    },
    {
      name: 'a root class on a plugin service',
      features: () => [service('RootImpl', { provides: rootRef, inject: [pluginRef] }), PluginImpl],
      problems: [{ code: 'SCOPE_VIOLATION', refId: 'root.svc', related: ['plugin.svc'] }],
    },
    {
      name: 'a root class on a plugin service, optionally',
      features: () => [service('RootImpl', { provides: rootRef, inject: [{ token: pluginRef, optional: true }] }), PluginImpl],
      problems: [{ code: 'SCOPE_VIOLATION', refId: 'root.svc', related: ['plugin.svc'] }],
    },
    {
      name: 'a root factory on a plugin service',
      features: () => [createServiceFactory({ service: rootRef, deps: { p: pluginRef }, factory: () => ({}) }), PluginImpl],
      problems: [{ code: 'SCOPE_VIOLATION', refId: 'root.svc', related: ['plugin.svc'] }],
    },
    {
      name: 'a root factory on a plugin-scoped multiton (even an empty one)',
      features: () => [createServiceFactory({ service: rootRef, deps: { many: pluginMany }, factory: () => ({}) })],
      problems: [{ code: 'SCOPE_VIOLATION', refId: 'root.svc', related: ['plugin.many'] }],
    },
    {
      name: 'a decorator of a root service on a plugin service',
      features: () => [
        OtherRootImpl,
        PluginImpl,
        createServiceDecorator({ service: otherRoot, deps: { p: pluginRef }, decorate: (instance) => instance }),
      ],
      problems: [{ code: 'SCOPE_VIOLATION', refId: 'root.other', related: ['plugin.svc'] }],
    },
    {
      name: 'a root service on a class injected by class (created per plugin)',
      features: () => [service('RootImpl', { provides: rootRef, inject: [injecting('PerPlugin')] })],
      problems: [{ code: 'SCOPE_VIOLATION', refId: 'root.svc' }],
    },
    {
      name: 'a root service on a root-scoped class',
      features: () => [service('RootImpl', { provides: rootRef, inject: [service('Shared', { scope: 'root' })] })],
      problems: [],
    },
    {
      name: 'each plugin-scoped dependency is reported',
      features: () => [service('RootImpl', { provides: rootRef, inject: [pluginRef, injecting('PerPlugin')] }), PluginImpl],
      problems: [
        { code: 'SCOPE_VIOLATION', refId: 'root.svc', related: ['plugin.svc'] },
        { code: 'SCOPE_VIOLATION', refId: 'root.svc' },
      ],
    },
  ])('$name', ({ features, problems }) => {
    expect(analyse(features()).problems.map(ids)).toEqual(problems);
  });

  describe('a root-scoped class injected by class', () => {
    it.each<{ name: string; inject: () => unknown[]; className: string; target: string }>([
      {
        name: 'on a plugin service',
        inject: () => [pluginRef],
        className: 'SharedOnService',
        target: "plugin-scoped service 'plugin.svc'",
      },
      {
        name: 'on a plugin-scoped class',
        inject: () => [injecting('PerPlugin')],
        className: 'SharedOnClass',
        target: 'plugin-scoped class PerPlugin',
      },
      { name: 'on an extension point', inject: () => [ep], className: 'SharedOnPoint', target: "extension point 'p.ep'" },
    ])('$name', ({ inject, className, target }) => {
      const Shared = service(className, { scope: 'root', inject: inject() as never });
      const { problems } = analyse([plugin('p', { provides: [{ provide: ep, useValue: {} }], inject: [Shared] }), PluginImpl]);
      expect(problems.map(ids)).toEqual([{ code: 'SCOPE_VIOLATION' }]);
      // The problem carries no id for a class: its name, in the message, is how it is found.
      expect(problems[0]!.message).toContain(`Root-scoped class ${className} depends on ${target}.`);
    });
  });

  it('names what a root service depends on: a plugin service, or a class created per plugin', () => {
    const { problems } = analyse([service('RootImpl', { provides: rootRef, inject: [pluginRef, injecting('PerPlugin')] }), PluginImpl]);
    expect(problems.map((problem) => problem.message)).toEqual([
      expect.stringContaining("Root-scoped service 'root.svc' depends on plugin-scoped service 'plugin.svc'."),
      expect.stringContaining("Root-scoped service 'root.svc' depends on class PerPlugin, which is created once per plugin."),
    ]);
  });
});
