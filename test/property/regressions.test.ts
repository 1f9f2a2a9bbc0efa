/**
 * Minimal reproductions of plugboard bugs the properties found (fixed in c210264), kept as
 * regression tests: each failed before its fix.
 */
import {
  createExtensionPoint,
  createServiceFactory,
  createServiceRef,
  inject,
  Module,
  onInit,
  onShutdown,
  Plugin,
  Service,
  type App,
} from 'plugboard';
import { delay, quietBuilder } from '../support.js';
import { watchdog } from './harness.js';

interface Things {
  add(thing: string): void;
}

/** A module that records its construction, init and shutdown. */
function recorded(
  events: string[],
  pluginId: string,
  id: string,
  options: {
    uses?: ReturnType<typeof createExtensionPoint<Things>>;
    provides?: ReturnType<typeof createExtensionPoint<Things>>;
    delayMs?: number;
  },
) {
  class Things_ implements Things {
    add(): void {}
  }
  class M {
    constructor(...args: unknown[]) {
      void args;
      events.push(`${id} constructed`);
    }
    // Synchronous unless delayed: the walk bug needs inits that finish synchronously.
    init(): Promise<void> | void {
      events.push(`${id} init`);
      return options.delayMs ? delay(options.delayMs) : undefined;
    }
    stop(): void {
      events.push(`${id} down`);
    }
  }
  if (options.uses) inject(options.uses)(M, undefined, 0);
  onInit()(M.prototype, 'init', Object.getOwnPropertyDescriptor(M.prototype, 'init'));
  onShutdown()(M.prototype, 'stop', Object.getOwnPropertyDescriptor(M.prototype, 'stop'));
  Module({ pluginId, id, extensionPoints: options.provides ? [{ provide: options.provides, useValue: new Things_() }] : [] })(M);
  return M;
}

describe('regressions found by the property tests', () => {
  // walk() (src/runtime/walk.ts) read `waiting` in its first loop while synchronous completions
  // were decrementing it: a node whose prerequisites finished synchronously before the loop
  // reached it was started a second time, and `settled` could overshoot so start() never settled.
  it('a provider module added after its synchronous user is constructed, initialised and shut down once', async () => {
    const events: string[] = [];
    const things = createExtensionPoint<Things>({ id: 'host.things' });
    @Plugin({ id: 'host' })
    class Host {}
    const user = recorded(events, 'host', 'user', { uses: things });
    const provider = recorded(events, 'host', 'provider', { provides: things });
    const app = quietBuilder().add([Host, user, provider]).build();
    await app.start();
    await app.stop();
    // It was: provider constructed, init, constructed, init … down, down.
    expect(events).toEqual(['user constructed', 'user init', 'provider constructed', 'provider init', 'provider down', 'user down']);
  });

  it('a plugin added after the plugin it dependsOn is started and stopped once', async () => {
    const events: string[] = [];
    @Plugin({ id: 'base' })
    class Base {}
    @Plugin({ id: 'top', dependsOn: ['base'] })
    class Top {
      @onInit() init(): void {
        events.push('top init');
      }
      @onShutdown() stop(): void {
        events.push('top down');
      }
    }
    const app = quietBuilder().add([Base, Top]).build();
    await app.start();
    await app.stop();
    // It was: ['top init', 'top init', 'top down', 'top down'].
    expect(events).toEqual(['top init', 'top down']);
  });

  it('start() settles when a second chain of modules finishes synchronously while the first is still running', async () => {
    const events: string[] = [];
    const first = createExtensionPoint<Things>({ id: 'host.first' });
    const second = createExtensionPoint<Things>({ id: 'host.second' });
    @Plugin({ id: 'host' })
    class Host {}
    const app = quietBuilder()
      .add([
        Host,
        recorded(events, 'host', 'a', { uses: first }),
        recorded(events, 'host', 'b', { provides: first, delayMs: 1 }),
        recorded(events, 'host', 'c', { uses: second, delayMs: 1 }),
        recorded(events, 'host', 'd', { provides: second }),
      ])
      .build();
    // It never settled: the walk counted one completion too many.
    await watchdog(app.start(), 'start()', 1_000);
    await app.stop();
  });

  // A plugin whose modules were running when stop() was called counted as a failure under
  // 'abort', so start() rejected with that plugin's INIT_FAILED instead of START_ABORTED.
  it('stop() during start() makes start() reject with START_ABORTED, not INIT_FAILED', async () => {
    const events: string[] = [];
    @Plugin({ id: 'host' })
    class Host {}
    const app: App = quietBuilder()
      .add([Host, recorded(events, 'host', 'slow', { delayMs: 5 })])
      .build();
    const starting = app.start();
    await delay(1); // the module's init is running
    await app.stop();
    // It was INIT_FAILED "Plugin 'host' failed to start: Error: start was halted before this plugin finished".
    await expect(starting).rejects.toMatchObject({ code: 'START_ABORTED' });
  });

  // A service whose creation threw synchronously failed start() at once: creations of other
  // services (root ones in Runtime.createRootServices, plugin-scoped ones in
  // PluginRuntime.createScoped) already pending were neither awaited nor shut down.
  for (const [scope, form] of [
    ['root', 'class'],
    ['root', 'factory'],
    ['plugin', 'class'],
    ['plugin', 'factory'],
  ] as const) {
    it(`a ${scope} service (${form}) failing synchronously: start() rejects only after the pending ${scope} service is up and shut down`, async () => {
      const events: string[] = [];
      const slowRef = createServiceRef<object>({ id: 'slow', scope });
      const brokenRef = createServiceRef<object>({ id: 'broken', scope });
      @Service({ provides: slowRef })
      class Slow {
        @onInit() async init(): Promise<void> {
          await delay(5);
          events.push('slow up');
        }
        @onShutdown() stop(): void {
          events.push('slow down');
        }
      }
      @Service({ provides: brokenRef })
      class BrokenClass {
        @onInit() init(): void {
          throw new Error('broken');
        }
      }
      const brokenFactory = createServiceFactory({
        service: brokenRef,
        factory: () => {
          throw new Error('broken');
        },
      });
      @Plugin({ id: 'p' })
      class P {
        constructor(
          @inject(slowRef) readonly slow: object,
          @inject(brokenRef) readonly broken: object,
        ) {}
      }
      const error = await quietBuilder()
        .add([Slow, form === 'class' ? BrokenClass : brokenFactory, P])
        .build()
        .start()
        .catch((e: unknown) => e);
      events.push(`start rejected: ${(error as { code?: string }).code}`);
      await delay(20);
      // It was ['start rejected: INIT_FAILED', 'slow up']: its init ran on after start() rejected, and it was never shut down.
      expect(events).toEqual(['slow up', 'slow down', 'start rejected: INIT_FAILED']);
    });
  }
});
