import { createExtensionPoint, createServiceRef, type WiringProblem } from 'plugboard';
import { analyse, ids, injecting, module, plugin, service } from './kit.js';

const ep = createExtensionPoint<object>({ id: 'p.ep' });
const qEp = createExtensionPoint<object>({ id: 'q.ep' });
const ref = createServiceRef<object>({ id: 'svc' });

/**
 * Only an extension point's provider may hold its implementation (IMPLEMENTATION_INJECTED), an
 * implementation is never shared app-wide (SCOPE_VIOLATION), and services never see extension
 * points (EXTENSION_POINT_IN_SERVICE). Each case makes fresh classes: `Impl` is the implementation.
 */
describe('isolation (checkImplementationAccess, checkServicesUseNoExtensionPoint)', () => {
  it.each<{ name: string; features: (Impl: new () => object) => unknown[]; problems: Array<Omit<WiringProblem, 'message'>> }>([
    {
      name: 'the plugin holds the implementation of its own point',
      features: (Impl) => [plugin('p', { provides: [{ provide: ep, useClass: Impl }], inject: [Impl] })],
      problems: [],
    },
    {
      name: 'a module holds the implementation of its own point',
      features: (Impl) => [plugin('p'), module('p', 'm', { provides: [{ provide: ep, useClass: Impl }], inject: [Impl] })],
      problems: [],
    },
    {
      name: 'a module injects the implementation of its plugin’s point',
      features: (Impl) => [plugin('p', { provides: [{ provide: ep, useClass: Impl }] }), module('p', 'm', { inject: [Impl] })],
      problems: [{ code: 'IMPLEMENTATION_INJECTED', pluginId: 'p', moduleId: 'm', extensionPointId: 'p.ep' }],
    },
    {
      name: 'a module injects it through a chain of classes',
      features: (Impl) => [
        plugin('p', { provides: [{ provide: ep, useClass: Impl }] }),
        module('p', 'm', { inject: [injecting('Outer', [injecting('Helper', [Impl])])] }),
      ],
      problems: [{ code: 'IMPLEMENTATION_INJECTED', pluginId: 'p', moduleId: 'm', extensionPointId: 'p.ep' }],
    },
    {
      // The module injects no class itself: what it holds comes from the implementation it provides.
      name: 'a module’s own implementation injects the implementation of its plugin’s point',
      features: (Impl) => [
        plugin('p', { provides: [{ provide: ep, useClass: Impl }] }),
        module('p', 'm', { provides: [{ provide: createExtensionPoint<object>({ id: 'p.other' }), useClass: injecting('Own', [Impl]) }] }),
      ],
      problems: [{ code: 'IMPLEMENTATION_INJECTED', pluginId: 'p', moduleId: 'm', extensionPointId: 'p.ep' }],
    },
    {
      name: 'the plugin injects the implementation of a module’s point',
      features: (Impl) => [plugin('p', { inject: [Impl] }), module('p', 'm', { provides: [{ provide: ep, useClass: Impl }] })],
      problems: [{ code: 'IMPLEMENTATION_INJECTED', pluginId: 'p', extensionPointId: 'p.ep' }],
    },
    {
      name: 'another module injects the implementation of a module’s point',
      features: (Impl) => [
        plugin('p'),
        module('p', 'provider', { provides: [{ provide: ep, useClass: Impl }] }),
        module('p', 'other', { inject: [Impl] }),
      ],
      problems: [{ code: 'IMPLEMENTATION_INJECTED', pluginId: 'p', moduleId: 'other', extensionPointId: 'p.ep' }],
    },
    {
      name: 'another plugin injects the implementation',
      features: (Impl) => [plugin('p', { provides: [{ provide: ep, useClass: Impl }] }), plugin('q', { inject: [Impl] })],
      problems: [{ code: 'IMPLEMENTATION_INJECTED', pluginId: 'q', extensionPointId: 'p.ep' }],
    },
    {
      // One instance per plugin sits behind both points: holding it would show ma what mb's users added.
      name: 'one class behind two points of one plugin, each provided by its own module: neither may hold it',
      features: (Impl) => [
        plugin('p'),
        module('p', 'ma', { provides: [{ provide: ep, useClass: Impl }], inject: [Impl] }),
        module('p', 'mb', { provides: [{ provide: qEp, useClass: Impl }] }),
      ],
      problems: [{ code: 'IMPLEMENTATION_INJECTED', pluginId: 'p', moduleId: 'ma', extensionPointId: 'q.ep' }],
    },
    {
      name: 'two plugins share one implementation class, each for its own point, each holding it',
      features: (Impl) => [
        plugin('p', { provides: [{ provide: ep, useClass: Impl }], inject: [Impl] }),
        plugin('q', { provides: [{ provide: qEp, useClass: Impl }], inject: [Impl] }),
      ],
      problems: [],
    },
    {
      name: 'a service injects the implementation',
      features: (Impl) => [plugin('p', { provides: [{ provide: ep, useClass: Impl }] }), service('Svc', { provides: ref, inject: [Impl] })],
      problems: [{ code: 'IMPLEMENTATION_INJECTED', refId: 'svc', extensionPointId: 'p.ep' }],
    },
    {
      name: 'a module injects the class a useFactory provider reads',
      features: (Impl) => [
        plugin('p', { provides: [{ provide: ep, useFactory: (_context, deps) => deps, deps: { state: Impl } }] }),
        module('p', 'm', { inject: [Impl] }),
      ],
      problems: [{ code: 'IMPLEMENTATION_INJECTED', pluginId: 'p', moduleId: 'm', extensionPointId: 'p.ep' }],
    },
    {
      name: 'a useFactory provider holds the class it reads',
      features: (Impl) => [
        plugin('p', { provides: [{ provide: ep, useFactory: (_context, deps) => deps, deps: { state: Impl } }], inject: [Impl] }),
      ],
      problems: [],
    },
    {
      name: 'a root-scoped implementation would be shared by every plugin',
      features: () => [plugin('p', { provides: [{ provide: ep, useClass: service('RootImpl', { scope: 'root' }) }] })],
      problems: [{ code: 'SCOPE_VIOLATION', pluginId: 'p', extensionPointId: 'p.ep' }],
    },
    {
      name: 'a service injects an extension point',
      features: () => [plugin('p', { provides: [{ provide: ep, useValue: {} }] }), service('Svc', { provides: ref, inject: [ep] })],
      problems: [{ code: 'EXTENSION_POINT_IN_SERVICE', refId: 'svc', extensionPointId: 'p.ep' }],
    },
    {
      name: 'a service injects an extension point through a class',
      features: () => [
        plugin('p', { provides: [{ provide: ep, useValue: {} }] }),
        service('Svc', { provides: ref, inject: [injecting('Reader', [injecting('Inner', [ep])])] }),
      ],
      problems: [{ code: 'EXTENSION_POINT_IN_SERVICE', refId: 'svc', extensionPointId: 'p.ep' }],
    },
    {
      name: 'a service injects one extension point twice: reported once',
      features: () => [
        plugin('p', { provides: [{ provide: ep, useValue: {} }] }),
        service('Svc', { provides: ref, inject: [ep, injecting('Reader', [ep])] }),
      ],
      problems: [{ code: 'EXTENSION_POINT_IN_SERVICE', refId: 'svc', extensionPointId: 'p.ep' }],
    },
  ])('$name', ({ features, problems }) => {
    const Impl = injecting('Impl');
    expect(analyse(features(Impl)).problems.map(ids)).toEqual(problems);
  });

  it('names the class it went through', () => {
    const Impl = injecting('Impl');
    const { problems } = analyse([
      plugin('p', { provides: [{ provide: ep, useClass: Impl }] }),
      module('p', 'm', { inject: [injecting('Helper', [Impl])] }),
    ]);
    expect(problems[0]!.message).toContain('through class Helper');
  });
});
