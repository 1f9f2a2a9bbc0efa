import {
  coreServices,
  createExtensionPoint,
  createServiceFactory,
  createServiceRef,
  inject,
  Module,
  onInit,
  Plugin,
  type LifecycleService,
  type LoggerService,
  type PluginMetadataService,
} from 'plugboard';
import { createServiceTester, mockServices, serviceValue, startTestApp } from 'plugboard/testing';

interface Clock {
  now(): number;
}
const clockRef = createServiceRef<Clock>({ id: 'test.clock', scope: 'root' });

describe('startTestApp', () => {
  it('tests a module without its plugin: a placeholder plugin owns the given extension point implementations', async () => {
    const actionsExtensionPoint = createExtensionPoint<{ addAction(id: string): void }>({ id: 'scaffolder.actions' });
    @Module({ pluginId: 'scaffolder', id: 'github-actions' })
    class GithubActionsModule {
      constructor(@inject(actionsExtensionPoint) private readonly actions: { addAction(id: string): void }) {}
      @onInit() init(): void {
        this.actions.addAction('github:publish');
      }
    }
    const added: string[] = [];
    const app = await startTestApp({
      features: [GithubActionsModule],
      extensionPoints: [[actionsExtensionPoint, { addAction: (id: string) => void added.push(id) }]],
    });
    expect(added).toEqual(['github:publish']);
    expect(app.describe().plugins.map((p) => p.id)).toEqual(['scaffolder']);
    await app.stop();
  });

  it('asks for a pluginId when the modules belong to several plugins', async () => {
    @Module({ pluginId: 'a', id: 'm' })
    class A {}
    @Module({ pluginId: 'b', id: 'm' })
    class B {}
    const ep = createExtensionPoint<object>({ id: 'x.y' });
    await expect(startTestApp({ features: [A, B], extensionPoints: [[ep, {}]] })).rejects.toMatchObject({
      code: 'INVALID_FEATURE',
      message: expect.stringContaining('2 plugins (a, b)'),
    });
  });

  it('replaces services with [ref, value] pairs, factories or classes', async () => {
    let seen = 0;
    @Plugin({ id: 'p' })
    class P {
      constructor(@inject(clockRef) clock: Clock) {
        seen = clock.now();
      }
    }
    await startTestApp({ features: [P], services: [serviceValue(clockRef, { now: () => 42 })] });
    expect(seen).toBe(42);
    await startTestApp({ features: [P], services: [createServiceFactory({ service: clockRef, factory: () => ({ now: () => 7 }) })] });
    expect(seen).toBe(7);
  });
});

describe('mockServices', () => {
  it('records plugin and module log lines, also through the plugin logger mock', async () => {
    @Plugin({ id: 'p' })
    class P {
      constructor(@inject(coreServices.logger) logger: LoggerService) {
        logger.debug({ detail: 1 }, 'constructed');
      }
    }
    const logger = mockServices.logger.factory({ level: 'debug' });
    await startTestApp({ features: [P], services: [logger] });
    expect(logger.entries).toEqual([expect.objectContaining({ level: 'debug', msg: 'constructed', plugin: 'p', detail: 1 })]);
    const quiet = mockServices.rootLogger({ level: 'warn' });
    await startTestApp({ features: [P], services: [quiet] });
    expect(quiet.entries).toEqual([]);
  });

  it('records lifecycle hooks and runs them on demand', async () => {
    const calls: string[] = [];
    @Plugin({ id: 'p' })
    class P {
      constructor(@inject(coreServices.lifecycle) lifecycle: LifecycleService) {
        lifecycle.addStartupHook(() => void calls.push('start'));
        lifecycle.addShutdownHook(() => void calls.push('first registered'));
        lifecycle.addShutdownHook(() => void calls.push('last registered'));
      }
    }
    const lifecycle = mockServices.lifecycle();
    const app = await startTestApp({ features: [P], services: [lifecycle] });
    expect(calls).toEqual([]); // recorded, not run by the app
    expect(lifecycle.startupHooks).toEqual([expect.objectContaining({ pluginId: 'p' })]);
    await lifecycle.runStartupHooks();
    await lifecycle.runShutdownHooks();
    expect(calls).toEqual(['start', 'last registered', 'first registered']);
    await app.stop();
  });

  it('has a factory form for every core service', () => {
    const ids = [
      mockServices.rootLogger.factory(),
      mockServices.logger.factory(),
      mockServices.rootConfig.factory({ data: {} }),
      mockServices.lifecycle.factory(),
      mockServices.rootLifecycle.factory(),
      mockServices.pluginMetadata.factory(),
      mockServices.instanceMetadata.factory(),
    ].map((factory) => factory.service.id);
    expect(ids.sort()).toEqual(
      Object.values(coreServices)
        .map((ref) => ref.id)
        .sort(),
    );
  });

  it('fixes plugin and instance metadata', async () => {
    let id = '';
    @Plugin({ id: 'real-id' })
    class P {
      constructor(@inject(coreServices.pluginMetadata) metadata: PluginMetadataService) {
        id = metadata.getId();
      }
    }
    const app = await startTestApp({
      features: [P],
      services: [
        mockServices.pluginMetadata({ pluginId: 'pretend' }),
        mockServices.instanceMetadata({ plugins: [{ pluginId: 'x', modules: [] }] }),
      ],
    });
    expect(id).toBe('pretend');
    expect(app.get(coreServices.instanceMetadata).getInstalledPlugins()).toEqual([{ pluginId: 'x', modules: [] }]);
  });
});

describe('createServiceTester', () => {
  const counterRef = createServiceRef<{ pluginId: string; next(): number }>({ id: 'test.counter' });
  const counterFactory = createServiceFactory({
    service: counterRef,
    deps: { metadata: coreServices.pluginMetadata, clock: clockRef },
    factory: ({ metadata, clock }) => {
      let n = clock.now();
      return { pluginId: metadata.getId(), next: () => ++n };
    },
  });

  it('builds a plugin-scoped service once per plugin id, with replaced dependencies', async () => {
    const tester = createServiceTester(counterFactory, { dependencies: [serviceValue(clockRef, { now: () => 100 })] });
    const a = await tester.get('catalog');
    const again = await tester.get('catalog');
    const b = await tester.get('search');
    expect(a).toBe(again);
    expect(a).not.toBe(b);
    expect([a.pluginId, b.pluginId]).toEqual(['catalog', 'search']);
    expect(a.next()).toBe(101);
    await tester.stop();
  });

  it('builds a root-scoped service once for every plugin', async () => {
    const tester = createServiceTester(createServiceFactory({ service: clockRef, factory: () => ({ now: () => 1 }) }));
    expect(await tester.get('a')).toBe(await tester.get('b'));
  });

  it('reports a missing dependency as the app would', async () => {
    const tester = createServiceTester(counterFactory);
    await expect(tester.get()).rejects.toMatchObject({
      code: 'INVALID_WIRING',
      problems: [expect.objectContaining({ code: 'SERVICE_NOT_FOUND', refId: 'test.clock' })],
    });
  });
});
