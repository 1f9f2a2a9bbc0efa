// Every error the config code can raise is a PlugboardError with a stable code naming the key or
// file: never a raw TypeError from a non-string key, a BigInt, a Proxy, or a getter that throws.
import { PlugboardError } from 'plugboard';
import { mockServices } from 'plugboard/testing';
import { createConfigView, loadConfig } from '../../../src/services/config/index.js';
import { quietBuilder } from '../../support.js';

function caught(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

/** A thrown value whose every trap throws: reading anything of it throws. */
function hostileProxy(): object {
  const boom = (): never => {
    throw new Error('trap');
  };
  return new Proxy({}, { get: boom, getPrototypeOf: boom, ownKeys: boom, has: boom, getOwnPropertyDescriptor: boom });
}

function revokedProxy(): object {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
}

describe('bad keys passed to a reader', () => {
  const config = createConfigView({ db: { url: 'pg://x' } });
  const keys: [string, unknown][] = [
    ['a number', 42],
    ['a BigInt', 10n],
    ['a symbol', Symbol('db')],
    ['undefined', undefined],
    ['null', null],
    ['an object', {}],
    ['a revoked Proxy', revokedProxy()],
    ['a hostile Proxy', hostileProxy()],
    ['the empty string', ''],
  ];
  it.each(keys)('are CONFIG_MISSING PlugboardErrors, for %s', (_, key) => {
    for (const read of [
      () => config.get(key as string),
      () => config.getNumber(key as string),
      () => config.getOptionalString(key as string),
      () => config.has(key as string),
      () => config.getConfig('db').getConfig(key as string),
    ]) {
      const error = caught(read);
      expect(error).toBeInstanceOf(PlugboardError);
      expect(error).toMatchObject({ code: 'CONFIG_MISSING', message: expect.stringContaining('non-empty dotted strings') });
    }
  });
});

describe('values that are not config data', () => {
  class Pool {
    size = 1;
  }
  const values: [string, unknown][] = [
    ['a BigInt', 10n],
    ['a symbol', Symbol('x')],
    ['a function', () => 1],
    ['a Date', new Date(0)],
    ['a Map', new Map([['a', 1]])],
    ['a class instance', new Pool()],
    ['a revoked Proxy', revokedProxy()],
  ];
  it.each(values)('are CONFIG_INVALID naming the key, for %s', (_, value) => {
    const error = caught(() => createConfigView({ db: { pool: value } }));
    expect(error).toBeInstanceOf(PlugboardError);
    expect(error).toMatchObject({
      code: 'CONFIG_INVALID',
      key: 'db.pool',
      message: expect.stringContaining("The builder's config object at key 'db.pool'"),
    });
  });

  it('a getter that throws (even a Proxy whose traps throw) is CONFIG_INVALID naming the key, with the thrown value as cause', () => {
    const thrown: unknown = hostileProxy();
    const data = {
      db: {
        get url(): string {
          throw thrown;
        },
      },
    };
    const error = caught(() => createConfigView(data)) as PlugboardError;
    expect(error).toBeInstanceOf(PlugboardError);
    expect(error).toMatchObject({ code: 'CONFIG_INVALID', key: 'db.url' });
    expect(error.cause).toBe(thrown);
  });

  it('a config object that is a Proxy with throwing traps is CONFIG_INVALID', () => {
    const error = caught(() => createConfigView({ db: hostileProxy() }));
    expect(error).toBeInstanceOf(PlugboardError);
    expect(error).toMatchObject({ code: 'CONFIG_INVALID' });
  });

  it.each([
    ['a string', 'port: 1'],
    ['a list', [1]],
    ['null', null],
    ['a Date', new Date(0)],
  ])('a builder config that is %s is CONFIG_INVALID', (_, data) => {
    const error = caught(() => createConfigView(data as unknown as Record<string, unknown>));
    expect(error).toMatchObject({ code: 'CONFIG_INVALID', message: expect.stringContaining('at the top level') });
  });

  it('the mock config refuses them the same way', () => {
    expect(() => mockServices.rootConfig({ data: { id: 10n } })).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID', key: 'id' }));
  });

  it('through start(), a BigInt in the builder config is CONFIG_INVALID naming the key', async () => {
    const app = quietBuilder({ config: { limits: { max: 10n } } }).build();
    await expect(app.start()).rejects.toMatchObject({ code: 'CONFIG_INVALID', message: expect.stringContaining("'limits.max'") });
  });
});

describe('bad config file lists', () => {
  it.each([
    ['a string', 'app.yaml'],
    ['a list holding a BigInt', [10n]],
    ['a list holding an empty path', ['']],
  ])('are CONFIG_INVALID when the list is %s', async (_, files) => {
    const error = await loadConfig({ files: files as string[], env: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlugboardError);
    expect(error).toMatchObject({ code: 'CONFIG_INVALID', message: expect.stringContaining('configFiles') });
  });
});
