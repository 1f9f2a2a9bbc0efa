/**
 * Issue 13.14: user code may throw anything — a Proxy whose every trap throws, a revoked Proxy,
 * an Error whose `message` getter throws, a BigInt, an object whose `toString` throws, a Symbol,
 * an object without a prototype. start() rejects with a PlugboardError (INIT_FAILED) whose
 * message is built without throwing; nothing raw escapes, not from the logging either (a real
 * pino logger serialises the errors). In shutdown the same values are logged, never thrown.
 */
import { createServiceFactory, createServiceRef, inject, isPlugboardError, Module, onInit, onShutdown, Plugin } from 'plugboard';
import { quietBuilder } from '../support.js';
import { assertBuilt, captureLogs, jsonLines, resolvesWithin, runFixture, settleWithin } from './kit.js';

const trap = (): never => {
  throw new Error('trap ran');
};

/** Each hostile value, made fresh (a revoked Proxy cannot be un-revoked; a getter may count calls). */
const hostile: Array<[string, () => unknown]> = [
  [
    'a Proxy whose every trap throws',
    () =>
      new Proxy(
        {},
        {
          get: trap,
          has: trap,
          ownKeys: trap,
          getOwnPropertyDescriptor: trap,
          getPrototypeOf: trap,
          defineProperty: trap,
          set: trap,
          apply: trap,
        },
      ),
  ],
  [
    'a revoked Proxy',
    () => {
      const { proxy, revoke } = Proxy.revocable(new Error('revoked'), {});
      revoke();
      return proxy;
    },
  ],
  [
    'an Error whose message, name, stack and cause getters throw',
    () => {
      const error = new Error('hidden');
      for (const key of ['message', 'name', 'stack', 'cause']) Object.defineProperty(error, key, { get: trap, enumerable: true });
      return error;
    },
  ],
  ['a BigInt', () => 10n ** 30n],
  ['an object whose toString, valueOf and Symbol.toPrimitive throw', () => ({ toString: trap, valueOf: trap, [Symbol.toPrimitive]: trap })],
  ['a Symbol', () => Symbol('thrown')],
  ['an object without a prototype', () => Object.create(null) as unknown],
  ['undefined', () => undefined],
];

/** Every string a user or a tool reads from an error, read the way they would: none may throw. */
function readEverything(error: unknown): void {
  expect(isPlugboardError(error)).toBe(true);
  const plugboard = error as Error;
  expect(typeof plugboard.message).toBe('string');
  expect(plugboard.message.length).toBeGreaterThan(0);
  expect(typeof String(plugboard)).toBe('string');
  expect(typeof plugboard.stack).toBe('string');
}

describe.each(hostile)('thrown: %s', (_, make) => {
  it('from a plugin @onInit: start() rejects INIT_FAILED naming the plugin; describe() still works', async () => {
    @Plugin({ id: 'thrower' })
    class Thrower {
      @onInit() init(): void {
        throw make();
      }
    }
    const { logger } = captureLogs();
    const app = quietBuilder({ logger }).add(Thrower).build();
    const settled = await settleWithin(app.start(), 2_000);
    expect(settled.state).toBe('rejected');
    const error = (settled as { error: unknown }).error;
    readEverything(error);
    expect(error).toMatchObject({ code: 'INIT_FAILED', pluginId: 'thrower' });
    expect(() => JSON.stringify(app.describe())).not.toThrow();
  });

  it('from a module @onInit under onModuleBootFailure continue: the module is left out and logged, start() resolves', async () => {
    @Plugin({ id: 'host' })
    class Host {}
    @Module({ pluginId: 'host', id: 'thrower' })
    class Thrower {
      @onInit() async init(): Promise<void> {
        throw make();
      }
    }
    const { logger, lines } = captureLogs();
    const app = quietBuilder({ logger, onModuleBootFailure: 'continue' }).add([Host, Thrower]).build();
    const result = await resolvesWithin(app.start(), 2_000);
    expect(result.outcome).toBe('partial');
    const module = result.plugins[0]!.modules[0]!;
    expect(module.status).toBe('failed');
    readEverything(module.error);
    expect(lines.some((line) => line['module'] === 'thrower' && line['level'] === 50)).toBe(true);
    await app.stop();
  });

  it('from a plugin @onInit under onPluginBootFailure continue: the plugin is left out and logged, start() resolves', async () => {
    @Plugin({ id: 'thrower' })
    class Thrower {
      @onInit() init(): void {
        throw make();
      }
    }
    @Plugin({ id: 'other' })
    class Other {}
    const { logger, lines } = captureLogs();
    const app = quietBuilder({ logger, onPluginBootFailure: 'continue' }).add([Thrower, Other]).build();
    const result = await resolvesWithin(app.start(), 2_000);
    expect(result.outcome).toBe('partial');
    readEverything(result.plugins.find((plugin) => plugin.pluginId === 'thrower')!.error);
    expect(lines.some((line) => line['plugin'] === 'thrower' && line['level'] === 50)).toBe(true);
    await app.stop();
  });

  it('from a root service factory: start() rejects INIT_FAILED naming the service', async () => {
    const ref = createServiceRef<object, 'root'>({ id: 'throwing.service', scope: 'root' });
    const factory = createServiceFactory({
      service: ref,
      factory: (): object => {
        throw make();
      },
    });
    @Plugin({ id: 'host' })
    class Host {
      constructor(@inject(ref) readonly service: object) {}
    }
    const settled = await settleWithin(quietBuilder().add([factory, Host]).build().start(), 2_000);
    const error = (settled as { error: unknown }).error;
    readEverything(error);
    expect(error).toMatchObject({ code: 'INIT_FAILED', refId: 'throwing.service' });
  });

  it('from @onShutdown: stop() resolves, the failure is logged naming the plugin, the other plugin still stops', async () => {
    const stopped: string[] = [];
    @Plugin({ id: 'thrower' })
    class Thrower {
      @onShutdown() async stop(): Promise<void> {
        throw make();
      }
    }
    @Plugin({ id: 'other' })
    class Other {
      @onShutdown() stop(): void {
        stopped.push('other');
      }
    }
    const { logger, lines } = captureLogs();
    const app = quietBuilder({ logger }).add([Other, Thrower]).build();
    await app.start();
    await resolvesWithin(app.stop(), 2_000);
    expect(stopped).toEqual(['other']);
    const logged = lines.find((line) => line['plugin'] === 'thrower' && line['level'] === 50);
    expect(typeof logged?.['msg']).toBe('string');
  });
});

describe('a thrown hostile Proxy under runApp (a real process)', () => {
  beforeAll(assertBuilt);

  it('in @onInit: the fatal line names the plugin, the process exits 1', async () => {
    const run = await runFixture('thrown.mjs', ['init']);
    expect(run.code).toBe(1);
    const fatal = jsonLines(run.stdout).find((line) => line['level'] === 60);
    expect(fatal).toEqual(expect.objectContaining({ plugin: 'thrower' }));
    expect(String(fatal?.['msg'])).toContain("'thrower'");
  });

  it('in @onShutdown, on SIGTERM: the failure is logged naming the plugin, the process exits 1', async () => {
    const run = await runFixture('thrown.mjs', ['shutdown'], { signal: { name: 'SIGTERM', after: '@ READY' } });
    expect(run.code).toBe(1);
    expect(jsonLines(run.stdout).some((line) => line['level'] === 50 && line['plugin'] === 'thrower')).toBe(true);
  });
});
