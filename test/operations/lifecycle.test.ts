import { coreServices, inject, Module, onInit, onShutdown, Plugin, type LifecycleService, type RootLifecycleService } from 'plugboard';
import { delay, Journal, quietBuilder } from '../support.js';
import { captureLogs } from './log-capture.js';

describe('lifecycle hooks', () => {
  it('refuses a startup hook added after startup hooks ran, with LIFECYCLE_HOOK_TOO_LATE', async () => {
    let lifecycle: LifecycleService | undefined;
    @Plugin({ id: 'p' })
    class P {
      constructor(@inject(coreServices.lifecycle) l: LifecycleService) {
        lifecycle = l;
      }
    }
    const app = quietBuilder().add(P).build();
    await app.start();
    expect(() => lifecycle!.addStartupHook(() => undefined)).toThrow(
      expect.objectContaining({
        code: 'LIFECYCLE_HOOK_TOO_LATE',
        pluginId: 'p',
        message: expect.stringContaining("plugin 'p' added a startup hook after startup hooks ran"),
      }),
    );
    await app.stop();
    expect(() => lifecycle!.addShutdownHook(() => undefined)).toThrow(expect.objectContaining({ code: 'LIFECYCLE_HOOK_TOO_LATE' }));
  });

  it('bounds each shutdown step by shutdownTimeoutMs, logs the hung one with its plugin and module, and runs the rest', async () => {
    const journal = new Journal();
    const { logger, lines } = captureLogs();
    @Plugin({ id: 'p' })
    class P {
      @onShutdown() stop(): void {
        journal.add('plugin stop');
      }
    }
    @Module({ pluginId: 'p', id: 'stuck' })
    class Stuck {
      constructor(@inject(coreServices.lifecycle) lifecycle: LifecycleService) {
        lifecycle.addShutdownHook(() => new Promise(() => undefined));
      }
      @onShutdown() stop(): void {
        journal.add('module stop');
      }
    }
    const app = quietBuilder({ logger, shutdownTimeoutMs: 30 }).add(P).add(Stuck).build();
    await app.start();
    const started = performance.now();
    await app.stop();
    expect(performance.now() - started).toBeLessThan(1000);
    expect(journal.events).toEqual(['plugin stop', 'module stop']);
    expect(lines.find((l) => l['level'] === 50)).toMatchObject({
      plugin: 'p',
      module: 'stuck',
      err: expect.objectContaining({ code: 'SHUTDOWN_TIMEOUT' }),
      msg: expect.stringContaining("module 'stuck' of plugin 'p' (shutdown hook) did not finish within 30 ms"),
    });
  });

  it('runs root startup hooks after plugin ones, and before-shutdown hooks before any plugin stops', async () => {
    const journal = new Journal();
    @Plugin({ id: 'p' })
    class P {
      constructor(
        @inject(coreServices.lifecycle) lifecycle: LifecycleService,
        @inject(coreServices.rootLifecycle) root: RootLifecycleService,
      ) {
        root.addStartupHook(async () => {
          await delay(1);
          journal.add('root startup');
        });
        lifecycle.addStartupHook(() => journal.add('plugin startup'));
        root.addBeforeShutdownHook(() => journal.add('before shutdown'));
        root.addShutdownHook(() => journal.add('root shutdown'));
      }
      @onInit() init(): void {
        journal.add('plugin init');
      }
      @onShutdown() stop(): void {
        journal.add('plugin stop');
      }
    }
    const app = quietBuilder().add(P).build();
    await app.start();
    await app.stop();
    expect(journal.events).toEqual(['plugin init', 'plugin startup', 'root startup', 'before shutdown', 'plugin stop', 'root shutdown']);
  });

  it('stops a plugin after every plugin that depends on it', async () => {
    const journal = new Journal();
    const make = (id: string, dependsOn: string[] = []) => {
      @Plugin({ id, dependsOn })
      class P {
        @onInit() async init(): Promise<void> {
          await delay(id === 'catalog' ? 20 : 0);
          journal.add(`${id} init`);
        }
        @onShutdown() async stop(): Promise<void> {
          await delay(id === 'search' ? 20 : 0);
          journal.add(`${id} stop`);
        }
      }
      return P;
    };
    const app = quietBuilder()
      .add(make('search', ['catalog']))
      .add(make('catalog'))
      .build();
    await app.start();
    await app.stop();
    expect(journal.events).toEqual(['catalog init', 'search init', 'search stop', 'catalog stop']);
  });
});

describe('signals', () => {
  it('adds SIGTERM and SIGINT listeners only with handleSignals, and stop() removes exactly those', async () => {
    const before = { term: process.listenerCount('SIGTERM'), int: process.listenerCount('SIGINT') };
    const plain = quietBuilder().build();
    await plain.start();
    expect(process.listenerCount('SIGTERM')).toBe(before.term);
    await plain.stop();

    const handled = quietBuilder().build();
    await handled.start({ handleSignals: true });
    expect(process.listenerCount('SIGTERM')).toBe(before.term + 1);
    expect(process.listenerCount('SIGINT')).toBe(before.int + 1);
    await handled.stop();
    expect(process.listenerCount('SIGTERM')).toBe(before.term);
    expect(process.listenerCount('SIGINT')).toBe(before.int);
  });

  it('removes the listeners when start fails', async () => {
    const before = process.listenerCount('SIGTERM');
    @Plugin({ id: 'bad' })
    class Bad {
      @onInit() init(): void {
        throw new Error('no');
      }
    }
    const app = quietBuilder().add(Bad).build();
    await expect(app.start({ handleSignals: true })).rejects.toMatchObject({ code: 'INIT_FAILED' });
    expect(process.listenerCount('SIGTERM')).toBe(before);
  });
});
