/**
 * Backstage's BackendInitializer tests (packages/backend-app-api/src/wiring/BackendInitializer.test.ts),
 * ported to plugboard: services, feature loaders, extension points and wiring checks. Boot-failure
 * policies and start results are in startup-results.test.ts, the extension point factory case in
 * extension-point-factories.test.ts. README.md maps every Backstage case.
 */
import {
  coreServices,
  createExtensionPoint,
  createFeatureLoader,
  createServiceFactory,
  createServiceRef,
  inject,
  Module,
  onInit,
  Plugin,
  Service,
  type InstalledPlugin,
  type InstanceMetadataService,
  type PluginMetadataService,
} from 'plugboard';
import { captureLogs, delay, module, plugin, quietBuilder, recorder, startFailure, thrownBy, userOf } from './kit.js';

describe('services', () => {
  it("creates root services at start unless they are 'lazy' (BackendInitializer: should initialize root scoped services)", async () => {
    const always = createServiceRef<{ x: number }>({ id: 'root.always', scope: 'root' });
    const byDefault = createServiceRef<{ x: number }>({ id: 'root.default', scope: 'root' });
    const lazy = createServiceRef<{ x: number }>({ id: 'root.lazy', scope: 'root' });
    const alwaysFactory = recorder(() => ({ x: 1 }));
    const defaultFactory = recorder(() => ({ x: 2 }));
    const lazyFactory = recorder(() => ({ x: 3 }));
    const app = quietBuilder()
      .add(createServiceFactory({ service: always, initialization: 'always', factory: alwaysFactory }))
      .add(createServiceFactory({ service: byDefault, factory: defaultFactory }))
      .add(createServiceFactory({ service: lazy, initialization: 'lazy', factory: lazyFactory }))
      .build();
    await app.start();
    expect(alwaysFactory.calls).toHaveLength(1);
    expect(defaultFactory.calls).toHaveLength(1);
    expect(lazyFactory.calls).toHaveLength(0);
    await app.stop();
  });

  it("creates an 'always' plugin service for every plugin, and no lazy one nobody injects (BackendInitializer: should initialize plugin scoped services with eager initialization)", async () => {
    const eager = createServiceRef<{ x: number }>({ id: 'plugin.always' });
    const byDefault = createServiceRef<{ x: number }>({ id: 'plugin.default' });
    const lazy = createServiceRef<{ x: number }>({ id: 'plugin.lazy' });
    const createdFor: string[] = [];
    const defaultFactory = recorder(() => ({ x: 2 }));
    const lazyFactory = recorder(() => ({ x: 3 }));
    const app = quietBuilder()
      .add(
        createServiceFactory({
          service: eager,
          initialization: 'always',
          deps: { meta: coreServices.pluginMetadata },
          factory: ({ meta }) => {
            createdFor.push(meta.getId());
            return { x: 1 };
          },
        }),
      )
      .add(createServiceFactory({ service: byDefault, factory: defaultFactory }))
      .add(createServiceFactory({ service: lazy, initialization: 'lazy', factory: lazyFactory }))
      .add(plugin('test'))
      .add(plugin('other'))
      .build();
    await app.start();
    expect(createdFor.sort()).toEqual(['other', 'test']);
    expect(defaultFactory.calls).toHaveLength(0);
    expect(lazyFactory.calls).toHaveLength(0);
    await app.stop();
  });

  it('honours initialization on @Service classes as on factories (issue 14: initialization)', async () => {
    const rootLazy = createServiceRef<object>({ id: 'class.root.lazy', scope: 'root' });
    const pluginAlways = createServiceRef<object>({ id: 'class.plugin.always' });
    const built: string[] = [];
    @Service({ provides: rootLazy, initialization: 'lazy' })
    class RootLazy {
      constructor() {
        built.push('root lazy');
      }
    }
    @Service({ provides: pluginAlways, initialization: 'always' })
    class PluginAlways {
      constructor(@inject(coreServices.pluginMetadata) meta: PluginMetadataService) {
        built.push(`plugin always for ${meta.getId()}`);
      }
    }
    const app = quietBuilder().add(RootLazy).add(PluginAlways).add(plugin('test')).build();
    await app.start();
    expect(built).toEqual(['plugin always for test']);
    expect(app.get(rootLazy)).toBeInstanceOf(RootLazy);
    expect(built).toEqual(['plugin always for test', 'root lazy']);
    await app.stop();
  });

  it('injects every implementation of a multiton ref, the ones passed to add() first, in order (BackendInitializer: should include all multiton service factories)', async () => {
    const numbers = createServiceRef<number>({ id: 'numbers', multiton: true });
    const provide = (n: number) => createServiceFactory({ service: numbers, factory: async () => n });
    let seen: unknown;
    const app = quietBuilder()
      .add(provide(1))
      .add(
        createFeatureLoader({
          name: 'more-numbers',
          *loader() {
            yield provide(3);
            yield provide(4);
          },
        }),
      )
      .add(provide(2))
      .add(userOf('tester', numbers, (value) => (seen = value)))
      .build();
    await app.start();
    expect(seen).toEqual([1, 2, 3, 4]);
    expect(Object.isFrozen(seen)).toBe(true);
    expect(app.describe().services.find((s) => s.id === 'numbers')).toMatchObject({
      multiton: true,
      implementations: ['factory', 'factory', 'factory', 'factory'],
    });
    await app.stop();
  });

  it('gives a plugin and its modules the implementations of a multiton ref (BackendInitializer: should allow plugins and modules depend on multiton services)', async () => {
    const letters = createServiceRef<string>({ id: 'letters', multiton: true });
    let seenByPlugin: unknown;
    let seenByModule: unknown;
    @Module({ pluginId: 'test', id: 'test' })
    class Reader {
      constructor(@inject(letters) value: readonly string[]) {
        seenByModule = value;
      }
    }
    const app = quietBuilder()
      .add(createServiceFactory({ service: letters, factory: () => 'x' }))
      .add(createServiceFactory({ service: letters, factory: () => 'y' }))
      .add(userOf('test', letters, (value) => (seenByPlugin = value)))
      .add(Reader)
      .build();
    await app.start();
    expect(seenByPlugin).toEqual(['x', 'y']);
    expect(seenByModule).toBe(seenByPlugin); // one array per plugin
    await app.stop();
  });
});

describe('feature loaders', () => {
  it('installs the services, plugins and modules a loader yields (BackendInitializer: should discover features from feature loader)', async () => {
    const rootRef = createServiceRef<{ x: number }>({ id: 'loaded.root', scope: 'root' });
    const pluginRef = createServiceRef<{ x: number }>({ id: 'loaded.plugin' });
    const rootFactory = recorder(() => ({ x: 1 }));
    const pluginFactory = recorder(() => ({ x: 2 }));
    const pluginInit = recorder(() => undefined);
    const moduleInit = recorder(() => undefined);
    const app = quietBuilder()
      .add(
        createFeatureLoader({
          name: 'everything',
          *loader() {
            yield createServiceFactory({ service: rootRef, factory: rootFactory });
            yield createServiceFactory({ service: pluginRef, initialization: 'always', factory: pluginFactory });
            yield plugin('test', pluginInit);
            yield module('test', 'tester', moduleInit);
          },
        }),
      )
      .build();
    await app.start();
    expect(rootFactory.calls).toHaveLength(1);
    expect(pluginFactory.calls).toHaveLength(1);
    expect(pluginInit.calls).toHaveLength(1);
    expect(moduleInit.calls).toHaveLength(1);
    await app.stop();
  });

  it("uses what add() was given over a loader's implementation and the ref's default, with a debug line and describe().replaced (BackendInitializer: should ignore services provided by feature loaders that have already been explicitly added)", async () => {
    const fromDefault = recorder(() => ({}));
    const explicit = recorder(() => ({}));
    let defaultAsked = 0;
    let loadedConstructed = 0;
    const thing = createServiceRef<object>({
      id: 'thing',
      defaultFactory: (service) => {
        defaultAsked += 1;
        return createServiceFactory({ service, factory: fromDefault });
      },
    });
    @Service({ provides: thing })
    class LoadedThing {
      constructor() {
        loadedConstructed += 1;
      }
    }
    const { logger, lines } = captureLogs();
    const app = quietBuilder({ logger })
      .add(createServiceFactory({ service: thing, factory: explicit }))
      .add(createFeatureLoader({ name: 'extras', loader: () => [LoadedThing] }))
      .add(userOf('tester', thing))
      .build();
    await app.start();
    expect(explicit.calls).toHaveLength(1);
    expect(loadedConstructed).toBe(0);
    expect(defaultAsked).toBe(0);
    expect(fromDefault.calls).toHaveLength(0);
    const described = app.describe().services.find((s) => s.id === 'thing');
    expect(described).toMatchObject({
      implementation: 'factory',
      replaced: [{ implementation: 'LoadedThing', loader: 'extras' }],
    });
    const debugLines = lines.filter(
      (l) => l['level'] === 20 && String(l['msg']).includes("'thing'") && String(l['msg']).includes("'extras'"),
    );
    expect(debugLines).toHaveLength(1);
    await app.stop();
  });

  it('lets one implementation passed to add() settle a loader that provides a ref twice (BackendInitializer: should allow duplicate service from feature loaders if overridden)', async () => {
    const thing = createServiceRef<object>({ id: 'thing' });
    const explicit = recorder(() => ({}));
    const loaded = recorder(() => ({}));
    const app = quietBuilder()
      .add(createServiceFactory({ service: thing, factory: explicit }))
      .add(
        createFeatureLoader({
          name: 'pack',
          *loader() {
            yield createServiceFactory({ service: thing, factory: loaded });
            yield createServiceFactory({ service: thing, factory: loaded });
          },
        }),
      )
      .add(userOf('tester', thing))
      .build();
    await app.start();
    expect(explicit.calls).toHaveLength(1);
    expect(loaded.calls).toHaveLength(0);
    expect(app.describe().services.find((s) => s.id === 'thing')!.replaced).toEqual([
      { implementation: expect.any(String), loader: 'pack' },
      { implementation: expect.any(String), loader: 'pack' },
    ]);
    await app.stop();
  });

  it('reports one ref provided by two loaders, naming both (BackendInitializer: should reject duplicate service factories from feature loader without an explicit override)', async () => {
    const thing = createServiceRef<object>({ id: 'thing' });
    const loaderOf = (name: string) =>
      createFeatureLoader({ name, loader: () => [createServiceFactory({ service: thing, factory: () => ({}) })] });
    const problems = await quietBuilder().add(loaderOf('loader-a')).add(loaderOf('loader-b')).build().validate();
    expect(problems).toEqual([expect.objectContaining({ code: 'DUPLICATE_SERVICE', refId: 'thing' })]);
    expect(problems[0]!.message).toContain("'loader-a'");
    expect(problems[0]!.message).toContain("'loader-b'");
  });

  it('refuses a loaded implementation of a root service the loaders already used (BackendInitializer: should refuse to override already initialized services through loaded features)', async () => {
    const loaded = recorder(() => ({ x: 2 }));
    const used = createServiceRef<{ x: number }>({
      id: 'used.by.loader',
      scope: 'root',
      defaultFactory: (service) => createServiceFactory({ service, factory: () => ({ x: 1 }) }),
    });
    const app = quietBuilder()
      .add(
        createFeatureLoader({
          name: 'late',
          deps: { service: used },
          loader: () => [createServiceFactory({ service: used, factory: loaded })],
        }),
      )
      .build();
    expect(await app.validate()).toEqual([expect.objectContaining({ code: 'DUPLICATE_SERVICE', refId: 'used.by.loader' })]);
    expect(loaded.calls).toHaveLength(0);
  });

  it('refuses a loader that depends on a plugin-scoped service, by type and at validation (BackendInitializer: should refuse feature loader that depends on a plugin scoped service)', async () => {
    const perPlugin = createServiceRef<object>({ id: 'per.plugin' });
    const app = quietBuilder()
      .add(createServiceFactory({ service: perPlugin, factory: () => ({}) }))
      .add(
        createFeatureLoader({
          name: 'bad-deps',
          // @ts-expect-error loaders run before any plugin exists: root-scoped deps only
          deps: { service: perPlugin },
          loader: () => [],
        }),
      )
      .build();
    expect(await app.validate()).toEqual([expect.objectContaining({ code: 'SCOPE_VIOLATION', refId: 'per.plugin' })]);
  });

  it('accepts a loaded CommonJS module, its default export wrapped once more (BackendInitializer: should properly load double-default CJS modules)', async () => {
    const inits = recorder((id: string) => id);
    const app = quietBuilder()
      .add(
        createFeatureLoader({
          name: 'bundled',
          loader: () => [
            plugin('no-double-wrapping', () => inits('no-double-wrapping')),
            { default: plugin('single-wrapping', () => inits('single-wrapping')) },
            { default: { default: plugin('double-wrapping', () => inits('double-wrapping')) } },
          ],
        }),
      )
      .build();
    await app.start();
    expect(inits.calls.map(([id]) => id).sort()).toEqual(['double-wrapping', 'no-double-wrapping', 'single-wrapping']);
    await app.stop();
  });

  it('accepts add(import()) of a CommonJS module (one extra default), and refuses one level deeper (issue 14: feature modules)', async () => {
    const init = recorder(() => undefined);
    const app = quietBuilder()
      .add(Promise.resolve({ default: { default: plugin('cjs', init) } }))
      .build();
    await app.start();
    expect(init.calls).toHaveLength(1);
    await app.stop();

    const tooDeep = { default: { default: { default: plugin('too-deep') } } };
    // @ts-expect-error a module whose default is { default: { default: feature } } is not a feature module
    const problems = await quietBuilder().add(Promise.resolve(tooDeep)).build().validate();
    expect(problems).toEqual([expect.objectContaining({ code: 'INVALID_FEATURE' })]);
  });
});

describe('extension points', () => {
  interface Values {
    add(value: string): void;
  }

  it('initialises the modules that use a module-provided extension point before its provider (BackendInitializer: should initialize modules with extension points)', async () => {
    const valuesPoint = createExtensionPoint<Values>({ id: 'test.values' });
    @Service()
    class ValueList implements Values {
      private readonly values = ['b'];
      add(value: string): void {
        this.values.push(value);
      }
      list(): string[] {
        return [...this.values];
      }
    }
    let seenByProvider: string[] = [];
    @Module({ pluginId: 'test', id: 'mod-b', extensionPoints: [{ provide: valuesPoint, useClass: ValueList }] })
    class Provider {
      constructor(@inject(ValueList) private readonly list: ValueList) {}
      @onInit() init(): void {
        seenByProvider = this.list.list();
      }
    }
    const adder = (id: string, value: string) => {
      @Module({ pluginId: 'test', id })
      class Adder {
        constructor(@inject(valuesPoint) private readonly values: Values) {}
        @onInit() init(): void {
          this.values.add(value);
        }
      }
      return Adder;
    };
    const app = quietBuilder().add(plugin('test')).add(adder('mod-a', 'a')).add(Provider).add(adder('mod-c', 'c')).build();
    await app.start();
    expect(seenByProvider[0]).toBe('b');
    expect(seenByProvider.slice(1).sort()).toEqual(['a', 'c']); // independent modules start concurrently
    expect(app.describe().plugins[0]!.modules.find((m) => m.id === 'mod-b')!.after).toEqual(expect.arrayContaining(['mod-a', 'mod-c']));
    await app.stop();
  });

  it('starts the provider module only after every user finished its init, slow ones too (BackendInitializer: should properly wait for all modules that consume an extension point to really finish, before starting the module that provides that extension point)', async () => {
    const hello = createExtensionPoint<{ hello(message: string): void }>({ id: 'test.hello' });
    @Service()
    class Greetings {
      private readonly heard: string[] = [];
      hello(message: string): void {
        this.heard.push(message);
      }
      all(): string[] {
        return [...this.heard];
      }
    }
    let seenByProducer: string[] = [];
    @Module({ pluginId: 'test', id: 'producer', extensionPoints: [{ provide: hello, useClass: Greetings }] })
    class Producer {
      constructor(@inject(Greetings) private readonly greetings: Greetings) {}
      @onInit() init(): void {
        seenByProducer = this.greetings.all();
      }
    }
    const consumer = (id: string, wait: number) => {
      @Module({ pluginId: 'test', id })
      class Consumer {
        constructor(@inject(hello) private readonly point: { hello(message: string): void }) {}
        @onInit() async init(): Promise<void> {
          await delay(wait);
          this.point.hello(id);
        }
      }
      return Consumer;
    };
    const app = quietBuilder().add(plugin('test')).add(Producer).add(consumer('fast', 0)).add(consumer('slow', 30)).build();
    await app.start();
    expect(seenByProducer).toEqual(['fast', 'slow']);
    await app.stop();
  });
});

describe('instance metadata', () => {
  function metadataReader(received: (plugins: readonly InstalledPlugin[]) => void) {
    @Plugin({ id: 'instance-metadata' })
    class Reader {
      constructor(@inject(coreServices.instanceMetadata) meta: InstanceMetadataService) {
        received(meta.getInstalledPlugins());
      }
    }
    return Reader;
  }

  it('lists the installed plugins with their modules (BackendInitializer: should properly add plugins + modules to the instance metadata service)', async () => {
    let installed: readonly InstalledPlugin[] = [];
    const app = quietBuilder()
      .add(plugin('test'))
      .add(module('test', 'test'))
      .add(metadataReader((plugins) => (installed = plugins)))
      .build();
    await app.start();
    expect(installed).toEqual([
      { pluginId: 'test', modules: [{ moduleId: 'test' }] },
      { pluginId: 'instance-metadata', modules: [] },
    ]);
    await app.stop();
  });

  it('refuses writes to what it lists (BackendInitializer: should prevent writes to the instance metadata service)', async () => {
    let installed: readonly InstalledPlugin[] = [];
    const app = quietBuilder()
      .add(metadataReader((plugins) => (installed = plugins)))
      .build();
    await app.start();
    expect(thrownBy(() => ((installed[0] as { pluginId: string }).pluginId = 'foo'))).toBeInstanceOf(TypeError);
    expect(installed[0]!.pluginId).toBe('instance-metadata');
    await app.stop();
  });
});

describe('wiring checks', () => {
  it('reports modules that depend on each other through extension points, with the path (BackendInitializer: should reject modules with circular dependencies)', async () => {
    const extA = createExtensionPoint<{ get(): string }>({ id: 'a' });
    const extB = createExtensionPoint<{ get(): string }>({ id: 'b' });
    @Module({ pluginId: 'test', id: 'mod-a', extensionPoints: [{ provide: extA, useValue: { get: () => 'a' } }] })
    class ModA {
      constructor(@inject(extB) readonly ext: unknown) {}
    }
    @Module({ pluginId: 'test', id: 'mod-b', extensionPoints: [{ provide: extB, useValue: { get: () => 'b' } }] })
    class ModB {
      constructor(@inject(extA) readonly ext: unknown) {}
    }
    const problems = await quietBuilder().add(plugin('test')).add(ModA).add(ModB).build().validate();
    expect(problems).toEqual([expect.objectContaining({ code: 'DEPENDENCY_CYCLE', pluginId: 'test' })]);
    expect(problems[0]!.message).toMatch(/mod-a -> mod-b -> mod-a|mod-b -> mod-a -> mod-b/);
  });

  it("reports a module that injects another plugin's extension point (BackendInitializer: should reject modules that depend on extension points other plugins)", async () => {
    const extA = createExtensionPoint<{ get(): string }>({ id: 'a' });
    @Plugin({ id: 'test-a', extensionPoints: [{ provide: extA, useValue: { get: () => 'a' } }] })
    class TestA {}
    @Module({ pluginId: 'test', id: 'mod' })
    class Mod {
      constructor(@inject(extA) readonly ext: unknown) {}
    }
    const problems = await quietBuilder().add(TestA).add(plugin('test')).add(Mod).build().validate();
    expect(problems).toEqual([
      expect.objectContaining({ code: 'EXTENSION_POINT_OF_OTHER_PLUGIN', pluginId: 'test', moduleId: 'mod', extensionPointId: 'a' }),
    ]);
  });

  it('reports a service a plugin injects that nothing provides (BackendInitializer: should reject plugins with missing dependencies)', async () => {
    const ref = createServiceRef<string>({ id: 'a' });
    const problems = await quietBuilder().add(userOf('test', ref)).build().validate();
    expect(problems).toEqual([expect.objectContaining({ code: 'SERVICE_NOT_FOUND', refId: 'a' })]);
    expect(problems[0]!.message).toContain("plugin 'test'");
  });

  it('reports a service a module injects that nothing provides (BackendInitializer: should reject modules with missing dependencies)', async () => {
    const ref = createServiceRef<string>({ id: 'a' });
    @Module({ pluginId: 'test', id: 'test-mod' })
    class Mod {
      constructor(@inject(ref) readonly value: string) {}
    }
    const problems = await quietBuilder().add(plugin('test')).add(Mod).build().validate();
    expect(problems).toEqual([expect.objectContaining({ code: 'SERVICE_NOT_FOUND', refId: 'a' })]);
    expect(problems[0]!.message).toContain("module 'test-mod' of plugin 'test'");
  });
});

describe('deliberately different: wiring problems are found before any code runs, and no policy lets them pass', () => {
  it('reports a module whose plugin is not installed, and runs it once the plugin is (BackendInitializer: should only load modules if the plugin is present; should ignore modules that do not have a matching plugin)', async () => {
    const moduleInit = recorder(() => undefined);
    const producer = module('test', 'producer', moduleInit);
    const alone = quietBuilder().add(producer).build();
    await expect(alone.start()).rejects.toMatchObject({
      code: 'INVALID_WIRING',
      problems: [expect.objectContaining({ code: 'MODULE_WITHOUT_PLUGIN', pluginId: 'test', moduleId: 'producer' })],
    });
    expect(moduleInit.calls).toHaveLength(0);

    const app = quietBuilder().add(producer).add(plugin('test')).build();
    await app.start();
    expect(moduleInit.calls).toHaveLength(1);
    await app.stop();
  });

  it('reports a duplicate plugin id and starts nothing (BackendInitializer: should reject duplicate plugins)', async () => {
    const init = recorder(() => undefined);
    const app = quietBuilder().add(plugin('test', init)).add(plugin('test', init)).build();
    await expect(app.start()).rejects.toMatchObject({
      code: 'INVALID_WIRING',
      problems: [expect.objectContaining({ code: 'DUPLICATE_PLUGIN', pluginId: 'test' })],
    });
    expect(init.calls).toHaveLength(0);
  });

  it('reports a duplicate module id and starts nothing (BackendInitializer: should reject duplicate modules)', async () => {
    const init = recorder(() => undefined);
    const app = quietBuilder().add(plugin('test', init)).add(module('test', 'mod')).add(module('test', 'mod')).build();
    await expect(app.start()).rejects.toMatchObject({
      code: 'INVALID_WIRING',
      problems: [expect.objectContaining({ code: 'DUPLICATE_MODULE', pluginId: 'test', moduleId: 'mod' })],
    });
    expect(init.calls).toHaveLength(0);
  });

  it('starts no plugin, not even a sound one, when another has a wiring problem (BackendInitializer: should allow other plugins to continue when one has a registration error)', async () => {
    const pluginAInit = recorder(() => undefined);
    const app = quietBuilder().add(plugin('plugin-a', pluginAInit)).add(plugin('plugin-b')).add(plugin('plugin-b')).build();
    const { error, result } = await startFailure(app);
    expect(error).toMatchObject({
      code: 'INVALID_WIRING',
      problems: [expect.objectContaining({ code: 'DUPLICATE_PLUGIN', pluginId: 'plugin-b' })],
    });
    expect(pluginAInit.calls).toHaveLength(0);
    expect(result.outcome).toBe('failure');
    expect(result.plugins.find((p) => p.pluginId === 'plugin-a')!.status).not.toBe('started');
  });

  it("keeps a wiring problem fatal under onPluginBootFailure: 'continue' (BackendInitializer: should permit registration errors for plugins with onPluginBootFailure: continue)", async () => {
    const config = { plugboard: { startup: { plugins: { test: { onPluginBootFailure: 'continue' } } } } };
    const app = quietBuilder({ config }).add(plugin('test')).add(plugin('test')).build();
    await expect(app.start()).rejects.toMatchObject({ code: 'INVALID_WIRING' });
  });

  it('names the second provider of an extension point (BackendInitializer: should attribute duplicate extension point errors to the correct plugin)', async () => {
    const shared = createExtensionPoint<{ get(): string }>({ id: 'shared-ext' });
    @Plugin({ id: 'plugin-a', extensionPoints: [{ provide: shared, useValue: { get: () => 'a' } }] })
    class PluginA {}
    @Plugin({ id: 'plugin-b', extensionPoints: [{ provide: shared, useValue: { get: () => 'b' } }] })
    class PluginB {}
    const problems = await quietBuilder().add(PluginA).add(PluginB).build().validate();
    expect(problems).toEqual([
      expect.objectContaining({ code: 'DUPLICATE_EXTENSION_POINT', extensionPointId: 'shared-ext', pluginId: 'plugin-b' }),
    ]);
  });

  it('refuses something that is not a feature when it is added (BackendInitializer: should attribute invalid registration type errors to plugin when pluginId is available)', () => {
    const fake = { $$type: '@backstage/BackendFeature', version: 'v1', featureType: 'registrations', getRegistrations: () => [] };
    expect(thrownBy(() => quietBuilder().add(fake as never))).toMatchObject({ code: 'INVALID_FEATURE' });
  });
});
