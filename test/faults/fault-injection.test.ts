import {
  ContainerBuilder,
  coreServices,
  createServiceFactory,
  createServiceRef,
  inject,
  Module,
  onInit,
  onShutdown,
  Plugin,
  PlugboardError,
  Service,
  type LifecycleService,
} from 'plugboard';
import { captureLogs } from '../operations/log-capture.js';
import { delay, Journal, quietBuilder } from '../support.js';

/** Timers and other handles that would keep the process alive, by kind. */
const openTimers = (): number => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;

function healthy(id: string, journal: Journal) {
  @Plugin({ id })
  class Healthy {
    @onInit() init(): void {
      journal.add(`${id} up`);
    }
    @onShutdown() stop(): void {
      journal.add(`${id} down`);
    }
  }
  return Healthy;
}

async function startFails(builder: ContainerBuilder): Promise<PlugboardError> {
  const error = await builder
    .build()
    .start()
    .catch((e: unknown) => e);
  expect(error).toBeInstanceOf(PlugboardError);
  return error as PlugboardError;
}

describe('fault injection: every failure is a PlugboardError with a stable code, and nothing is left running', () => {
  let timersBefore: number;
  beforeEach(() => {
    timersBefore = openTimers();
  });
  afterEach(async () => {
    await delay(1);
    expect(openTimers()).toBeLessThanOrEqual(timersBefore);
  });

  it('a plugin constructor that throws', async () => {
    const journal = new Journal();
    @Plugin({ id: 'ctor' })
    class Ctor {
      constructor() {
        throw new RangeError('bad constructor');
      }
    }
    const error = await startFails(quietBuilder().add(Ctor).add(healthy('ok', journal)));
    expect(error).toMatchObject({ code: 'INIT_FAILED', pluginId: 'ctor' });
    expect(error.message).toContain('RangeError: bad constructor');
    // It failed synchronously, before 'ok' began: under 'abort' nothing new starts after a failure.
    expect(journal.events).toEqual([]);
  });

  it('a module constructor that throws', async () => {
    @Plugin({ id: 'host' })
    class Host {}
    @Module({ pluginId: 'host', id: 'broken' })
    class Broken {
      constructor() {
        throw new Error('module constructor');
      }
    }
    expect(await startFails(quietBuilder().add(Host).add(Broken))).toMatchObject({
      code: 'INIT_FAILED',
      pluginId: 'host',
      moduleId: 'broken',
    });
  });

  it('a service class constructor, a factory that throws and a factory that rejects', async () => {
    const a = createServiceRef<object>({ id: 'svc.a' });
    const b = createServiceRef<object>({ id: 'svc.b', scope: 'root' });
    const c = createServiceRef<object>({ id: 'svc.c' });
    @Service({ provides: a })
    class A {
      constructor() {
        throw new Error('class service');
      }
    }
    const plugin = (id: string, ref: typeof a) => {
      @Plugin({ id })
      class P {
        constructor(@inject(ref) readonly s: object) {}
      }
      return P;
    };
    const sync = createServiceFactory({
      service: b,
      factory: () => {
        throw new Error('sync factory');
      },
    });
    const rejects = createServiceFactory({
      service: c,
      factory: async () => {
        await delay(1);
        throw new Error('async factory');
      },
    });
    expect(await startFails(quietBuilder().add(plugin('pa', a)).add(A))).toMatchObject({ code: 'INIT_FAILED', pluginId: 'pa' });
    const rootFailure = await startFails(
      quietBuilder()
        .add(plugin('pb', b as never))
        .add(sync),
    );
    expect(rootFailure).toMatchObject({ code: 'INIT_FAILED', refId: 'svc.b' });
    expect(rootFailure.message).toContain("Service 'svc.b' failed to start: Error: sync factory");
    expect(await startFails(quietBuilder().add(plugin('pc', c)).add(rejects))).toMatchObject({ code: 'INIT_FAILED', pluginId: 'pc' });
  });

  it('an init that throws, rejects, or hangs past initTimeoutMs', async () => {
    const make = (id: string, init: () => unknown) => {
      @Plugin({ id })
      class P {
        @onInit() run(): unknown {
          return init();
        }
      }
      return P;
    };
    expect(
      await startFails(
        quietBuilder().add(
          make('throws', () => {
            throw new Error('x');
          }),
        ),
      ),
    ).toMatchObject({ code: 'INIT_FAILED', pluginId: 'throws' });
    expect(await startFails(quietBuilder().add(make('rejects', () => Promise.reject(new Error('y')))))).toMatchObject({
      code: 'INIT_FAILED',
      pluginId: 'rejects',
    });
    expect(await startFails(quietBuilder({ initTimeoutMs: 20 }).add(make('hangs', () => new Promise(() => undefined))))).toMatchObject({
      code: 'INIT_TIMEOUT',
      pluginId: 'hangs',
    });
  });

  it('a shutdown hook that throws or hangs: stop() still resolves, logs it with its plugin and module, and runs the rest', async () => {
    const journal = new Journal();
    const { logger, lines } = captureLogs();
    @Plugin({ id: 'host' })
    class Host {
      constructor(@inject(coreServices.lifecycle) lifecycle: LifecycleService) {
        lifecycle.addShutdownHook(() => {
          throw new Error('hook threw');
        });
      }
      @onShutdown() stop(): void {
        journal.add('host down');
      }
    }
    @Module({ pluginId: 'host', id: 'slow' })
    class Slow {
      constructor(@inject(coreServices.lifecycle) lifecycle: LifecycleService) {
        lifecycle.addShutdownHook(() => new Promise(() => undefined));
      }
      @onShutdown() stop(): void {
        journal.add('slow down');
      }
    }
    const app = quietBuilder({ logger, shutdownTimeoutMs: 20 }).add(Host).add(Slow).add(healthy('other', journal)).build();
    await app.start();
    await app.stop();
    expect(journal.events.sort()).toEqual(['host down', 'other down', 'other up', 'slow down']);
    const errors = lines.filter((l) => l['level'] === 50);
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ plugin: 'host', msg: expect.stringContaining('hook threw') }),
        expect.objectContaining({ plugin: 'host', module: 'slow', msg: expect.stringContaining('did not finish within 20 ms') }),
      ]),
    );
  });

  it('stop() during start(), start() twice, add() after build() and after start()', async () => {
    const journal = new Journal();
    @Plugin({ id: 'slow' })
    class Slow {
      @onInit() async init(): Promise<void> {
        await delay(20);
        journal.add('slow up');
      }
      @onShutdown() stop(): void {
        journal.add('slow down');
      }
    }
    const builder = quietBuilder().add(Slow);
    const app = builder.build();
    const starting = app.start();
    await expect(app.start()).rejects.toMatchObject({ code: 'INVALID_STATE' });
    expect(() => builder.add(healthy('late', journal))).toThrow(expect.objectContaining({ code: 'INVALID_STATE' }));
    await delay(5);
    await app.stop();
    await expect(starting).rejects.toMatchObject({ code: 'START_ABORTED' });
    expect(journal.events).toEqual(['slow up', 'slow down']);
    expect(() => builder.add(healthy('later', journal))).toThrow(expect.objectContaining({ code: 'INVALID_STATE' }));
  });

  it('a feature module promise that rejects, and values that are not features', async () => {
    const app = quietBuilder()
      .add(Promise.reject(new Error('import failed')) as never)
      .build();
    await expect(app.start()).rejects.toMatchObject({
      code: 'INVALID_WIRING',
      problems: [expect.objectContaining({ code: 'FEATURE_LOAD_FAILED' })],
    });
    for (const value of [{}, undefined, null, 42, 'plugin', class Undecorated {}]) {
      expect(() => new ContainerBuilder().add(value as never)).toThrow(expect.objectContaining({ code: 'INVALID_FEATURE' }));
    }
  });
});

describe('regressions', () => {
  it('a service failing synchronously waits for services already being created, then shuts them down', async () => {
    const journal = new Journal();
    const slowRef = createServiceRef<object>({ id: 'slow.root', scope: 'root' });
    const brokenRef = createServiceRef<object>({ id: 'broken.root', scope: 'root' });
    @Service({ provides: slowRef })
    class Slow {
      @onInit() async init(): Promise<void> {
        await delay(15);
        journal.add('slow up');
      }
      @onShutdown() stop(): void {
        journal.add('slow down');
      }
    }
    const broken = createServiceFactory({
      service: brokenRef,
      factory: () => {
        throw new Error('broken at once');
      },
    });
    const error = await startFails(quietBuilder().add(Slow).add(broken));
    expect(error).toMatchObject({ code: 'INIT_FAILED', refId: 'broken.root' });
    // when start() rejected, the slow service had finished and been shut down: nothing runs on
    expect(journal.events).toEqual(['slow up', 'slow down']);
  });
});
