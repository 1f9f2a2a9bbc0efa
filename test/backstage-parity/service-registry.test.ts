/**
 * Backstage's ServiceRegistry tests (packages/backend-app-api/src/wiring/ServiceRegistry.test.ts),
 * ported to plugboard. Backstage tests its registry alone (`registry.get(ref, pluginId)`);
 * plugboard's registry is internal, so each case goes through an app: plugins named like
 * Backstage's `'catalog'` and `'scaffolder'` inject the ref. Then issue 14's misuses of
 * `createRootContext` and lazy root services. README.md maps every case.
 */
import { coreServices, createServiceFactory, createServiceRef, inject, Module, Plugin, type ServiceRef } from 'plugboard';
import { causes, plugin, quietBuilder, recorder, rootCause, sameCycle, startFailure, thrownBy, userOf } from './kit.js';

type X = { x: number };

/** A plugin and a module of it that both inject `ref`; `seen` gets `[pluginId, instance]` for each. */
function pluginWithModule(pluginId: string, ref: ServiceRef<X>, seen: Array<[string, X]>) {
  @Module({ pluginId, id: 'reader' })
  class Reader {
    constructor(@inject(ref) value: X) {
      seen.push([pluginId, value]);
    }
  }
  return [userOf(pluginId, ref, (value) => seen.push([pluginId, value as X])), Reader];
}

describe('ServiceRegistry, ported', () => {
  it('reports an injected ref nothing provides, and app.get() of one names it (ServiceRegistry: should return undefined if there is no factory defined)', async () => {
    const ref1 = createServiceRef<X>({ id: 'one' });
    expect(await quietBuilder().add(userOf('catalog', ref1)).build().validate()).toEqual([
      expect.objectContaining({ code: 'SERVICE_NOT_FOUND', refId: 'one' }),
    ]);

    const app = quietBuilder().build();
    await app.start();
    expect(thrownBy(() => app.get(createServiceRef<X>({ id: 'nowhere', scope: 'root' })))).toMatchObject({
      code: 'SERVICE_NOT_FOUND',
      refId: 'nowhere',
    });
    await app.stop();
  });

  it('makes one instance of a plugin-scoped service per plugin, shared by its modules (ServiceRegistry: should return an implementation for a registered ref)', async () => {
    const ref1 = createServiceRef<X>({ id: 'one' });
    const seen: Array<[string, X]> = [];
    const app = quietBuilder()
      .add(createServiceFactory({ service: ref1, factory: async () => ({ x: 1 }) }))
      .add(pluginWithModule('catalog', ref1, seen))
      .add(pluginWithModule('scaffolder', ref1, seen))
      .build();
    await app.start();
    const of = (pluginId: string) => seen.filter(([id]) => id === pluginId).map(([, value]) => value);
    expect(of('catalog')).toEqual([{ x: 1 }, { x: 1 }]);
    expect(of('catalog')[0]).toBe(of('catalog')[1]);
    expect(of('scaffolder')[0]).toBe(of('scaffolder')[1]);
    expect(of('catalog')[0]).not.toBe(of('scaffolder')[0]);
    await app.stop();
  });

  it('keeps the implementations of different refs apart (ServiceRegistry: should handle multiple factories with different serviceRefs)', async () => {
    const ref1 = createServiceRef<X>({ id: 'one' });
    const ref2 = createServiceRef<X>({ id: 'two', scope: 'root' });
    let received: X[] = [];
    @Plugin({ id: 'catalog' })
    class Catalog {
      constructor(@inject(ref1) one: X, @inject(ref2) two: X) {
        received = [one, two];
      }
    }
    const app = quietBuilder()
      .add(createServiceFactory({ service: ref1, factory: async () => ({ x: 1 }) }))
      .add(createServiceFactory({ service: ref2, factory: async () => ({ x: 2 }) }))
      .add(Catalog)
      .build();
    await app.start();
    expect(received).toEqual([{ x: 1 }, { x: 2 }]);
    await app.stop();
  });

  it('reports a root service that depends on a plugin-scoped one (ServiceRegistry: should not be possible for root scoped services to depend on plugin scoped services)', async () => {
    const ref1 = createServiceRef<X>({ id: 'one' });
    const ref2 = createServiceRef<X>({ id: 'two', scope: 'root' });
    // Backstage also refuses this by type (@ts-expect-error there); plugboard only at validation. See README.
    const problems = await quietBuilder()
      .add(createServiceFactory({ service: ref2, deps: { pluginDep: ref1 }, factory: async () => ({ x: 2 }) }))
      .add(createServiceFactory({ service: ref1, factory: async () => ({ x: 1 }) }))
      .build()
      .validate();
    expect(problems).toEqual([expect.objectContaining({ code: 'SCOPE_VIOLATION', refId: 'two', related: ['one'] })]);
  });

  it('lets a plugin-scoped service depend on a root one (ServiceRegistry: should be possible for plugin scoped services to depend on root scoped services)', async () => {
    const ref1 = createServiceRef<X>({ id: 'one' });
    const ref2 = createServiceRef<X>({ id: 'two', scope: 'root' });
    let received: unknown;
    const app = quietBuilder()
      .add(createServiceFactory({ service: ref1, deps: { rootDep: ref2 }, factory: async ({ rootDep }) => ({ x: rootDep.x }) }))
      .add(createServiceFactory({ service: ref2, factory: async () => ({ x: 2 }) }))
      .add(userOf('catalog', ref1, (value) => (received = value)))
      .build();
    await app.start();
    expect(received).toEqual({ x: 2 });
    await app.stop();
  });

  it('lets a root service depend on a root one (ServiceRegistry: should be possible for root scoped services to depend on root scoped services)', async () => {
    const ref = createServiceRef<X>({ id: 'x', scope: 'root' });
    const ref2 = createServiceRef<X>({ id: 'two', scope: 'root' });
    const app = quietBuilder()
      .add(createServiceFactory({ service: ref, deps: { rootDep: ref2 }, factory: async ({ rootDep }) => ({ x: rootDep.x }) }))
      .add(createServiceFactory({ service: ref2, factory: async () => ({ x: 2 }) }))
      .build();
    await app.start();
    expect(app.get(ref)).toEqual({ x: 2 });
    await app.stop();
  });

  it("gives a plugin-scoped factory its plugin's metadata (ServiceRegistry: should return the pluginId from the pluginMetadata service)", async () => {
    const ref = createServiceRef<{ pluginId: string }>({ id: 'x' });
    let received: unknown;
    const app = quietBuilder()
      .add(
        createServiceFactory({
          service: ref,
          deps: { meta: coreServices.pluginMetadata },
          factory: async ({ meta }) => ({ pluginId: meta.getId() }),
        }),
      )
      .add(userOf('catalog', ref, (value) => (received = value)))
      .build();
    await app.start();
    expect(received).toEqual({ pluginId: 'catalog' });
    await app.stop();
  });

  it('reports two implementations added for one ref instead of using the last (ServiceRegistry: should use the last factory for each ref)', async () => {
    const ref2 = createServiceRef<X>({ id: 'two', scope: 'root' });
    const problems = await quietBuilder()
      .add(createServiceFactory({ service: ref2, factory: async () => ({ x: 2 }) }))
      .add(createServiceFactory({ service: ref2, factory: async () => ({ x: 22 }) }))
      .build()
      .validate();
    expect(problems).toEqual([expect.objectContaining({ code: 'DUPLICATE_SERVICE', refId: 'two' })]);
  });

  it('reports the same factory added twice (ServiceRegistry: should not allow the same factory to be added twice)', async () => {
    const ref2 = createServiceRef<X>({ id: 'two', scope: 'root' });
    const sf2b = createServiceFactory({ service: ref2, factory: async () => ({ x: 22 }) });
    const problems = await quietBuilder().add(sf2b).add(sf2b).build().validate();
    expect(problems).toEqual([expect.objectContaining({ code: 'DUPLICATE_SERVICE', refId: 'two' })]);
  });

  it("uses the ref's defaultFactory, called with the ref, when nothing is installed (ServiceRegistry: should use the defaultFactory from the ref if not provided to the registry)", async () => {
    const asked: unknown[] = [];
    const refDefault1 = createServiceRef<X>({
      id: 'one',
      defaultFactory: async (service) => {
        asked.push(service);
        return createServiceFactory({ service, factory: async () => ({ x: 10 }) });
      },
    });
    let received: unknown;
    const app = quietBuilder()
      .add(userOf('catalog', refDefault1, (value) => (received = value)))
      .build();
    await app.start();
    expect(received).toEqual({ x: 10 });
    expect(asked).toEqual([refDefault1]);
    await app.stop();
  });

  it("ignores the ref's defaultFactory when an implementation is installed (ServiceRegistry: should not use the defaultFactory from the ref if provided to the registry; should use added service factories for each ref)", async () => {
    const defaultFactory = recorder(() => createServiceFactory({ service: refDefault1, factory: async () => ({ x: 10 }) }));
    const refDefault1: ServiceRef<X> = createServiceRef<X>({ id: 'one', defaultFactory });
    let received: unknown;
    const app = quietBuilder()
      .add(createServiceFactory({ service: refDefault1, factory: async () => ({ x: 1 }) }))
      .add(userOf('catalog', refDefault1, (value) => (received = value)))
      .build();
    await app.start();
    expect(received).toEqual({ x: 1 });
    expect(defaultFactory.calls).toHaveLength(0);
    await app.stop();
  });

  it('lets one default function serve several refs, one implementation each (ServiceRegistry: should handle duplicate defaultFactories by duplicating the implementations)', async () => {
    const sharedDefault = (service: ServiceRef<X>) =>
      createServiceFactory({ service, factory: async () => ({ x: service.id === 'two.a' ? 20 : 220 }) });
    const refDefault2a = createServiceRef<X>({ id: 'two.a', defaultFactory: sharedDefault });
    const refDefault2b = createServiceRef<X>({ id: 'two.b', defaultFactory: sharedDefault });
    const received: X[] = [];
    @Plugin({ id: 'catalog' })
    class Catalog {
      constructor(@inject(refDefault2a) a: X, @inject(refDefault2b) b: X, @inject(refDefault2a) again: X) {
        received.push(a, b, again);
      }
    }
    const app = quietBuilder().add(Catalog).build();
    await app.start();
    expect(received).toEqual([{ x: 20 }, { x: 220 }, { x: 20 }]);
    expect(received[0]).toBe(received[2]);
    expect(received[0]).not.toBe(received[1]);
    await app.stop();
  });

  it('calls a default factory once however many plugins need the ref (ServiceRegistry: should only call each default factory loader once)', async () => {
    const factoryLoader = recorder((service: ServiceRef<void>) => createServiceFactory({ service, factory: async () => undefined }));
    const ref = createServiceRef<void>({ id: 'one', defaultFactory: factoryLoader });
    const app = quietBuilder().add(userOf('catalog', ref)).add(userOf('scaffolder', ref)).add(userOf('search', ref)).build();
    await app.start();
    expect(factoryLoader.calls).toHaveLength(1);
    await app.stop();
  });

  it('runs createRootContext once per app and factory once per plugin, with that context (ServiceRegistry: should not call factory functions more than once)', async () => {
    const ref1 = createServiceRef<X>({ id: 'one' });
    const rootContext = { shared: true };
    const createRootContext = recorder(async () => rootContext);
    const factory = recorder(async (_deps: object, context: typeof rootContext) => ({ x: context.shared ? 1 : 0 }));
    const seen: Array<[string, X]> = [];
    const app = quietBuilder()
      .add(createServiceFactory({ service: ref1, createRootContext, factory }))
      .add(pluginWithModule('catalog', ref1, seen))
      .add(pluginWithModule('scaffolder', ref1, seen))
      .build();
    await app.start();
    expect(createRootContext.calls).toHaveLength(1);
    expect(factory.calls).toHaveLength(2);
    expect(factory.calls.map(([, context]) => context)).toEqual([rootContext, rootContext]);
    expect(factory.calls[0]![1]).toBe(rootContext);
    await app.stop();
  });

  it('calls a plugin-scoped factory once per plugin without a root context (ServiceRegistry: should not call factory functions more than once without root context)', async () => {
    const ref1 = createServiceRef<X>({ id: 'one' });
    const factory = recorder(async () => ({ x: 1 }));
    const app = quietBuilder()
      .add(createServiceFactory({ service: ref1, factory }))
      .add(pluginWithModule('catalog', ref1, []))
      .add(pluginWithModule('scaffolder', ref1, []))
      .build();
    await app.start();
    expect(factory.calls).toHaveLength(2);
    await app.stop();
  });

  it('reports a dependency of a service that nothing provides (ServiceRegistry: should throw if dependencies are not available)', async () => {
    const ref1 = createServiceRef<X>({ id: 'one' });
    const ref2 = createServiceRef<X>({ id: 'two', scope: 'root' });
    const factory = recorder(async (): Promise<X> => ({ x: 1 }));
    const problems = await quietBuilder()
      .add(createServiceFactory({ service: ref1, deps: { dep: ref2 }, factory }))
      .add(userOf('catalog', ref1))
      .build()
      .validate();
    expect(problems).toEqual([expect.objectContaining({ code: 'SERVICE_NOT_FOUND', refId: 'two' })]);
    expect(problems[0]!.message).toContain("'one'");
    expect(factory.calls).toHaveLength(0);
  });

  it('reports every missing dependency at once (ServiceRegistry: should throw if dependencies are not available 2)', async () => {
    const [refA, refB, refC, refD] = ['a', 'b', 'c', 'd'].map((id) => createServiceRef<string>({ id })) as [
      ServiceRef<string>,
      ServiceRef<string>,
      ServiceRef<string>,
      ServiceRef<string>,
    ];
    const problems = await quietBuilder()
      .add(createServiceFactory({ service: refA, deps: { b: refB }, factory: async ({ b }) => b }))
      .add(createServiceFactory({ service: refB, deps: { c: refC, d: refD }, factory: async ({ c, d }) => c + d }))
      .add(userOf('catalog', refA))
      .build()
      .validate();
    expect(problems.map((p) => [p.code, p.refId]).sort()).toEqual([
      ['SERVICE_NOT_FOUND', 'c'],
      ['SERVICE_NOT_FOUND', 'd'],
    ]);
  });

  describe('dependency cycles, reported with their path before anything is created (ServiceRegistry: checkForCircularDeps)', () => {
    /** The cycles found in services `a`..`d` wired as `deps` says (`{ a: ['b'] }`: a depends on b). */
    async function cyclesOf(deps: Record<string, string[]>): Promise<Array<readonly string[] | undefined>> {
      const refs = new Map(Object.keys(deps).map((id) => [id, createServiceRef<string>({ id })]));
      let builder = quietBuilder().add(userOf('catalog', refs.get('a')!));
      for (const [id, on] of Object.entries(deps)) {
        const depRefs = Object.fromEntries(on.map((dep) => [dep, refs.get(dep)!]));
        builder = builder.add(createServiceFactory({ service: refs.get(id)!, deps: depRefs, factory: async () => id }));
      }
      const problems = await builder.build().validate();
      expect(problems.map((p) => p.code)).toEqual(problems.map(() => 'DEPENDENCY_CYCLE'));
      return problems.map((p) => p.path);
    }

    it('a shallow cycle (ServiceRegistry: should throw if there are shallow circular dependencies)', async () => {
      const [path, ...more] = await cyclesOf({ a: ['b'], b: ['a'] });
      expect(more).toEqual([]);
      expect(sameCycle(path, ['a', 'b', 'a'])).toBe(true);
    });

    it('two separate cycles, both (ServiceRegistry: should throw if there are multiple circular dependency cycles)', async () => {
      const paths = await cyclesOf({ a: ['b'], b: ['a'], c: ['d'], d: ['c'] });
      expect(paths).toHaveLength(2);
      expect(paths.some((p) => sameCycle(p, ['a', 'b', 'a']))).toBe(true);
      expect(paths.some((p) => sameCycle(p, ['c', 'd', 'c']))).toBe(true);
    });

    it('a deep cycle (ServiceRegistry: should throw if there are deep circular dependencies)', async () => {
      const [path, ...more] = await cyclesOf({ a: ['b'], b: ['c'], c: ['a'] });
      expect(more).toEqual([]);
      expect(sameCycle(path, ['a', 'b', 'c', 'a'])).toBe(true);
    });

    it('a deep cycle beside a branch out of it (ServiceRegistry: should throw if there are deep circular dependencies 2)', async () => {
      const [path, ...more] = await cyclesOf({ a: ['b'], b: ['c', 'd'], c: ['a'], d: [] });
      expect(more).toEqual([]);
      expect(sameCycle(path, ['a', 'b', 'c', 'a'])).toBe(true);
    });

    it('a cycle through one of two deps (ServiceRegistry: should throw if there are circular dependencies)', async () => {
      const [path, ...more] = await cyclesOf({ a: ['b', 'c'], b: [], c: ['a'] });
      expect(more).toEqual([]);
      expect(sameCycle(path, ['a', 'c', 'a'])).toBe(true);
    });

    it('only the nodes of the cycle, not the one leading into it (ServiceRegistry: should not infinitely loop if there are circular dependencies where not all nodes are in the cycle)', async () => {
      const [path, ...more] = await cyclesOf({ a: ['b'], b: ['c'], c: ['b'] });
      expect(more).toEqual([]);
      expect(sameCycle(path, ['b', 'c', 'b'])).toBe(true);
    });
  });

  it('fails the plugin that needs a service whose createRootContext throws, naming the ref (ServiceRegistry: should decorate error messages thrown by the top-level factory function)', async () => {
    const ref1 = createServiceRef<X>({ id: 'one' });
    const thrown = new Error('top-level error');
    const factory = recorder((): X => ({ x: 1 }));
    const app = quietBuilder()
      .add(
        createServiceFactory({
          service: ref1,
          createRootContext(): never {
            throw thrown;
          },
          factory,
        }),
      )
      .add(userOf('catalog', ref1))
      .build();
    const { error } = await startFailure(app);
    expect(error).toMatchObject({ code: 'INIT_FAILED', pluginId: 'catalog' });
    expect(causes(error)).toContainEqual(expect.objectContaining({ refId: 'one' }));
    expect(rootCause(error)).toBe(thrown);
    expect(factory.calls).toHaveLength(0);
  });

  it('fails the plugin whose instance of a service cannot be made, naming the ref (ServiceRegistry: should decorate error messages thrown by the plugin-level factory function)', async () => {
    const ref1 = createServiceRef<X>({ id: 'one' });
    const thrown = new Error('error in plugin');
    const app = quietBuilder()
      .add(createServiceFactory({ service: ref1, factory: async (): Promise<X> => Promise.reject(thrown) }))
      .add(userOf('catalog', ref1))
      .build();
    const { error } = await startFailure(app);
    expect(error).toMatchObject({ code: 'INIT_FAILED', pluginId: 'catalog' });
    expect(causes(error)).toContainEqual(expect.objectContaining({ refId: 'one' }));
    expect(rootCause(error)).toBe(thrown);
  });

  it('reports a ref whose defaultFactory throws, before anything runs (ServiceRegistry: should decorate error messages thrown by default factory loaders)', async () => {
    const ref = createServiceRef<string>({
      id: 'one',
      defaultFactory(): never {
        throw new Error('default factory error');
      },
    });
    const init = recorder(() => undefined);
    const problems = await quietBuilder().add(userOf('catalog', ref)).add(plugin('other', init)).build().validate();
    expect(problems).toEqual([
      expect.objectContaining({ code: 'DEFAULT_FACTORY_FAILED', refId: 'one', message: expect.stringContaining('default factory error') }),
    ]);
    expect(init.calls).toHaveLength(0);
  });
});

describe('createRootContext (issue 14)', () => {
  const shared = createServiceRef<X>({ id: 'shared.per.plugin' });

  it('receives the root-scoped deps only; reading a plugin-scoped one is a type error and SCOPE_VIOLATION naming it', async () => {
    const factory = createServiceFactory({
      service: shared,
      deps: { config: coreServices.rootConfig, meta: coreServices.pluginMetadata },
      createRootContext(rootDeps) {
        const fromConfig = rootDeps.config.getOptionalNumber('x') ?? 0;
        // @ts-expect-error a plugin-scoped dep has no value before any plugin exists
        const meta: unknown = rootDeps.meta;
        return { fromConfig, meta };
      },
      factory: ({ meta }, context) => ({ x: context.fromConfig + meta.getId().length }),
    });
    const { error } = await startFailure(quietBuilder().add(factory).add(userOf('catalog', shared)).build());
    expect(error.pluginId).toBe('catalog');
    expect(rootCause(error)).toMatchObject({
      code: 'SCOPE_VIOLATION',
      refId: 'shared.per.plugin',
      message: expect.stringContaining(`'${coreServices.pluginMetadata.id}'`),
    });
  });

  it("fails every plugin that needs the service under 'continue', and only those", async () => {
    const thrown = new Error('no connection');
    const app = quietBuilder({ onPluginBootFailure: 'continue' })
      .add(
        createServiceFactory({
          service: shared,
          createRootContext(): Promise<never> {
            return Promise.reject(thrown);
          },
          factory: () => ({ x: 1 }),
        }),
      )
      .add(userOf('catalog', shared))
      .add(userOf('scaffolder', shared))
      .add(plugin('search'))
      .build();
    const result = await app.start();
    expect(result.plugins.map((p) => [p.pluginId, p.status])).toEqual([
      ['catalog', 'failed'],
      ['scaffolder', 'failed'],
      ['search', 'started'],
    ]);
    for (const failed of result.plugins.slice(0, 2)) {
      expect(causes(failed.error)).toContainEqual(expect.objectContaining({ refId: 'shared.per.plugin' }));
      expect(rootCause(failed.error)).toBe(thrown);
    }
    await app.stop();
  });

  it('is refused for a root-scoped ref: INVALID_TOKEN', () => {
    const root = createServiceRef<X>({ id: 'root.with.context', scope: 'root' });
    expect(thrownBy(() => createServiceFactory({ service: root, createRootContext: () => 1, factory: () => ({ x: 1 }) }))).toMatchObject({
      code: 'INVALID_TOKEN',
      refId: 'root.with.context',
    });
  });
});

describe("lazy root services (issue 14: initialization 'lazy')", () => {
  it('creates a lazy root service once, when the first plugin that needs it starts', async () => {
    const lazy = createServiceRef<X>({ id: 'lazy.root', scope: 'root' });
    const factory = recorder(async () => ({ x: 1 }));
    const app = quietBuilder()
      .add(createServiceFactory({ service: lazy, initialization: 'lazy', factory }))
      .add(userOf('catalog', lazy))
      .add(userOf('scaffolder', lazy))
      .build();
    await app.start();
    expect(factory.calls).toHaveLength(1);
    await app.stop();
  });

  it("fails the plugins that need it when it fails, naming the ref; under 'continue' the others start", async () => {
    const lazy = createServiceRef<X>({ id: 'lazy.root', scope: 'root' });
    const thrown = new Error('db down');
    const app = quietBuilder({ onPluginBootFailure: 'continue' })
      .add(createServiceFactory({ service: lazy, initialization: 'lazy', factory: async (): Promise<X> => Promise.reject(thrown) }))
      .add(userOf('catalog', lazy))
      .add(plugin('search'))
      .build();
    const result = await app.start();
    expect(result.plugins.map((p) => [p.pluginId, p.status])).toEqual([
      ['catalog', 'failed'],
      ['search', 'started'],
    ]);
    expect(causes(result.plugins[0]!.error)).toContainEqual(expect.objectContaining({ refId: 'lazy.root' }));
    expect(rootCause(result.plugins[0]!.error)).toBe(thrown);
    await app.stop();

    const strict = quietBuilder()
      .add(createServiceFactory({ service: lazy, initialization: 'lazy', factory: async (): Promise<X> => Promise.reject(thrown) }))
      .add(userOf('catalog', lazy))
      .build();
    const { error } = await startFailure(strict);
    expect(error).toMatchObject({ code: 'INIT_FAILED', pluginId: 'catalog' });
    expect(rootCause(error)).toBe(thrown);
  });

  it('creates a synchronous lazy root service on app.get(); an asynchronous one is INVALID_STATE naming the ref', async () => {
    const syncLazy = createServiceRef<X>({ id: 'lazy.sync', scope: 'root' });
    const asyncLazy = createServiceRef<X>({ id: 'lazy.async', scope: 'root' });
    const syncFactory = recorder(() => ({ x: 1 }));
    const app = quietBuilder()
      .add(createServiceFactory({ service: syncLazy, initialization: 'lazy', factory: syncFactory }))
      .add(createServiceFactory({ service: asyncLazy, initialization: 'lazy', factory: async () => ({ x: 2 }) }))
      .build();
    await app.start();
    expect(syncFactory.calls).toHaveLength(0);
    expect(app.get(syncLazy)).toEqual({ x: 1 });
    expect(app.get(syncLazy)).toBe(app.get(syncLazy));
    expect(syncFactory.calls).toHaveLength(1);
    expect(thrownBy(() => app.get(asyncLazy))).toMatchObject({ code: 'INVALID_STATE', refId: 'lazy.async' });
    await app.stop();
  });
});
