import {
  ContainerBuilder,
  coreServices,
  createExtensionPoint,
  createServiceFactory,
  createServiceRef,
  inject,
  Module,
  onInit,
  onShutdown,
  Plugin,
  PlugboardError,
  type LifecycleService,
  type RootLifecycleService,
} from 'plugboard';
import { delay, Journal, quietBuilder } from '../support.js';

function recordingPlugin(id: string, journal: Journal, behaviour: { fail?: boolean; ms?: number; dependsOn?: string[] } = {}) {
  @Plugin({ id, ...(behaviour.dependsOn ? { dependsOn: behaviour.dependsOn } : {}) })
  class P {
    @onInit() async init(): Promise<void> {
      journal.add(`${id} init`);
      await delay(behaviour.ms ?? 0);
      if (behaviour.fail) throw new Error(`${id} exploded`);
    }
    @onShutdown() stop(): void {
      journal.add(`${id} stop`);
    }
  }
  return P;
}

describe('failures and shutdown', () => {
  it('rejects start() with INIT_FAILED naming the plugin and keeping the cause, after shutting down what started', async () => {
    const journal = new Journal();
    const app = quietBuilder()
      .add(recordingPlugin('healthy', journal))
      .add(recordingPlugin('broken', journal, { fail: true, ms: 10 }))
      .build();
    const error = (await app.start().catch((e: unknown) => e)) as PlugboardError;
    expect(error).toBeInstanceOf(PlugboardError);
    expect(error.code).toBe('INIT_FAILED');
    expect(error.pluginId).toBe('broken');
    expect(error.message).toContain("Plugin 'broken' failed to start: Error: broken exploded");
    expect((error.cause as Error).message).toBe('broken exploded');
    expect(journal.events).toContain('healthy stop');
    expect(journal.events).not.toContain('broken stop'); // never started: never stopped
    expect(app.state).toBe('failed');
    await app.stop(); // still safe
  });

  it('names the module when a module init fails, and never runs the plugin init', async () => {
    const journal = new Journal();
    @Module({ pluginId: 'healthy', id: 'bad-module' })
    class Bad {
      @onInit() init(): void {
        throw new TypeError('nope');
      }
    }
    const app = quietBuilder().add(recordingPlugin('healthy', journal)).add(Bad).build();
    await expect(app.start()).rejects.toMatchObject({
      code: 'INIT_FAILED',
      pluginId: 'healthy',
      message: expect.stringContaining("Module 'bad-module' of plugin 'healthy' failed to start: TypeError: nope"),
    });
    expect(journal.events).toEqual([]);
  });

  it("with onPluginBootFailure: 'continue', keeps the healthy plugins and reports the failed one", async () => {
    const journal = new Journal();
    const app = quietBuilder({ onPluginBootFailure: 'continue' })
      .add(recordingPlugin('healthy', journal))
      .add(recordingPlugin('broken', journal, { fail: true }))
      .add(recordingPlugin('after-broken', journal, { dependsOn: ['broken'] }))
      .build();
    await app.start();
    const plugins = Object.fromEntries(app.describe().plugins.map((p) => [p.id, p]));
    expect(plugins['healthy']!.status).toBe('started');
    expect(plugins['broken']!.status).toBe('failed');
    expect(plugins['broken']!.error).toContain('broken exploded');
    expect(plugins['after-broken']!.status).toBe('skipped');
    await app.stop();
    expect(journal.events).toEqual(['healthy init', 'broken init', 'healthy stop']);
  });

  it('times out a hanging init with INIT_TIMEOUT and shuts down the rest', async () => {
    const journal = new Journal();
    @Plugin({ id: 'hangs' })
    class Hangs {
      @onInit() init(): Promise<void> {
        return new Promise(() => undefined);
      }
    }
    const app = quietBuilder({ initTimeoutMs: 50 }).add(Hangs).add(recordingPlugin('ok', journal)).build();
    await expect(app.start()).rejects.toMatchObject({ code: 'INIT_TIMEOUT', pluginId: 'hangs' });
    expect(journal.events).toEqual(['ok init', 'ok stop']);
  });

  it('wraps a throwing service factory with the service and the plugin that needed it', async () => {
    const ref = createServiceRef<object>({ id: 'flaky.db' });
    @Plugin({ id: 'user' })
    class User {
      constructor(@inject(ref) readonly db: object) {}
    }
    const app = quietBuilder()
      .add(User)
      .add(createServiceFactory({ service: ref, factory: async () => Promise.reject(new Error('connection refused')) }))
      .build();
    const error = (await app.start().catch((e: unknown) => e)) as PlugboardError;
    expect(error.code).toBe('INIT_FAILED');
    expect(error.message).toContain("Plugin 'user' failed to start");
    expect(error.message).toContain("Service 'flaky.db' of plugin 'user' failed to start: Error: connection refused");
  });

  it("stops in reverse order: plugins before their modules, plugin services after their plugin, root services last; one failure doesn't stop the rest", async () => {
    const journal = new Journal();
    const rootRef = createServiceRef<object>({ id: 'root.thing', scope: 'root' });
    const pluginRef = createServiceRef<object>({ id: 'plugin.thing', scope: 'plugin' });
    @Plugin({ id: 'p' })
    class P {
      constructor(@inject(pluginRef) _p: object, @inject(coreServices.lifecycle) lifecycle: LifecycleService) {
        lifecycle.addShutdownHook(() => journal.add('plugin hook'));
      }
      @onShutdown() stop(): void {
        journal.add('plugin stop');
        throw new Error('shutdown trouble');
      }
    }
    @Module({ pluginId: 'p', id: 'm' })
    class M {
      @onShutdown() async stop(): Promise<void> {
        await delay(5);
        journal.add('module stop');
      }
    }
    const app = quietBuilder()
      .add(P)
      .add(M)
      .add(
        createServiceFactory({
          service: rootRef,
          deps: { lifecycle: coreServices.rootLifecycle },
          factory: ({ lifecycle }) => {
            lifecycle.addShutdownHook(() => journal.add('root service hook'));
            return {};
          },
        }),
      )
      .add(
        createServiceFactory({
          service: pluginRef,
          deps: { root: rootRef, lifecycle: coreServices.lifecycle },
          factory: ({ lifecycle }) => {
            lifecycle.addShutdownHook(() => journal.add('plugin service hook'));
            return {};
          },
        }),
      )
      .build();
    await app.start();
    await app.stop();
    expect(journal.events).toEqual(['plugin stop', 'plugin hook', 'module stop', 'plugin service hook', 'root service hook']);
    expect(app.state).toBe('stopped');
  });

  it('runs startup hooks after every plugin is up, and before-shutdown hooks first at stop', async () => {
    const journal = new Journal();
    @Plugin({ id: 'p' })
    class P {
      constructor(
        @inject(coreServices.lifecycle) lifecycle: LifecycleService,
        @inject(coreServices.rootLifecycle) root: RootLifecycleService,
      ) {
        lifecycle.addStartupHook(() => journal.add('plugin startup hook'));
        root.addBeforeShutdownHook(() => journal.add('before shutdown'));
      }
      @onInit() init(): void {
        journal.add('plugin init');
      }
      @onShutdown() stop(): void {
        journal.add('plugin stop');
      }
    }
    const app = quietBuilder()
      .add(P)
      .add(recordingPlugin('slow', journal, { ms: 20 }))
      .build();
    await app.start();
    expect(journal.indexOf('plugin startup hook')).toBeGreaterThan(journal.indexOf('slow init'));
    await app.stop();
    expect(journal.indexOf('before shutdown')).toBeLessThan(journal.indexOf('plugin stop'));
  });

  it('stop() right after start() runs nothing at all', async () => {
    const journal = new Journal();
    const app = quietBuilder().add(recordingPlugin('slow', journal)).build();
    const starting = app.start();
    await app.stop();
    await expect(starting).rejects.toMatchObject({ code: 'START_ABORTED' });
    expect(journal.events).toEqual([]);
  });

  it('is idempotent and safe during start: running inits finish, then everything is stopped', async () => {
    const journal = new Journal();
    const app = quietBuilder()
      .add(recordingPlugin('slow', journal, { ms: 30 }))
      .build();
    const starting = app.start();
    await delay(5);
    const stopping = app.stop();
    expect(app.stop()).toBe(stopping);
    await expect(starting).rejects.toMatchObject({ code: 'START_ABORTED' });
    await stopping;
    expect(journal.events).toEqual(['slow init', 'slow stop']);
    expect(app.state).toBe('stopped');
    await app.stop();
  });

  it('refuses start() twice and add() after build()', async () => {
    const builder = quietBuilder();
    const app = builder.build();
    await app.start();
    await expect(app.start()).rejects.toThrow(expect.objectContaining({ code: 'INVALID_STATE' }));
    expect(() => builder.add(recordingPlugin('late', new Journal()))).toThrow(expect.objectContaining({ code: 'INVALID_STATE' }));
    await app.stop();
  });
});

describe('extension points close when their provider starts its init', () => {
  it('throws EXTENSION_POINT_CLOSED on a late call, naming the extension point and the caller', async () => {
    const ep = createExtensionPoint<{ add(x: string): void }>({ id: 'p.things' });
    let kept: { add(x: string): void } | undefined;
    @Plugin({ id: 'p', extensionPoints: [{ provide: ep, useValue: { add() {} } }] })
    class P {}
    @Module({ pluginId: 'p', id: 'keeper' })
    class Keeper {
      constructor(@inject(ep) e: { add(x: string): void }) {
        kept = e;
      }
      @onInit() init(): void {
        kept!.add('in time');
      }
    }
    const app = quietBuilder().add(P).add(Keeper).build();
    await app.start();
    let error: unknown;
    try {
      kept!.add('too late');
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ code: 'EXTENSION_POINT_CLOSED', extensionPointId: 'p.things', pluginId: 'p' });
    expect((error as Error).message).toContain("Module 'keeper' of plugin 'p' called add() on extension point 'p.things' after it closed");
    await app.stop();
  });

  it('a view kept past stop() still refuses with EXTENSION_POINT_CLOSED (its implementation is released)', async () => {
    const ep = createExtensionPoint<{ add(x: string): void }>({ id: 'p.things' });
    let kept: { add(x: string): void } | undefined;
    class Things {
      add(_x: string): void {}
    }
    @Plugin({ id: 'p', extensionPoints: [{ provide: ep, useClass: Things }] })
    class P {}
    @Module({ pluginId: 'p', id: 'keeper' })
    class Keeper {
      constructor(@inject(ep) e: { add(x: string): void }) {
        kept = e;
      }
    }
    const app = quietBuilder().add(P).add(Keeper).build();
    await app.start();
    await app.stop();
    for (const use of [() => kept!.add('after stop'), () => 'add' in kept!, () => ((kept as unknown as { n: number }).n = 1)]) {
      expect(use).toThrow(expect.objectContaining({ code: 'EXTENSION_POINT_CLOSED', extensionPointId: 'p.things', pluginId: 'p' }));
    }
  });
});

describe('add()', () => {
  it.each([
    ['a plain object', { hello: 1 }],
    ['undefined', undefined],
    ['a class without a decorator', class Plain {}],
  ])('refuses %s at once with INVALID_FEATURE', (_name, value) => {
    expect(() => new ContainerBuilder().add(value as never)).toThrow(expect.objectContaining({ code: 'INVALID_FEATURE' }));
  });

  it('reports a rejected feature module as a problem, without an unhandled rejection', async () => {
    const app = quietBuilder()
      .add(Promise.reject(new Error('no such file')))
      .build();
    await delay(5); // a rejection nobody handled would surface here
    const problems = await app.validate();
    expect(problems).toEqual([expect.objectContaining({ code: 'FEATURE_LOAD_FAILED' })]);
    expect(problems[0]!.message).toContain('no such file');
  });

  it('reports a feature module whose default export is not a feature', async () => {
    const app = quietBuilder()
      .add(Promise.resolve({ default: 42 } as never))
      .build();
    expect(await app.validate()).toEqual([expect.objectContaining({ code: 'INVALID_FEATURE' })]);
  });
});
