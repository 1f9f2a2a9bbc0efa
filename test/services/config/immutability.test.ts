// Config readers are immutable in fact (13.10): one reader is shared by every plugin, and a
// module used to swap `db.url` for everyone by writing the reader's TypeScript-private fields.
import { coreServices, inject, onInit, Plugin, type RootConfigService } from 'plugboard';
import { ConfigReader, loadConfig } from '../../../src/services/config/index.js';
import { quietBuilder } from '../../support.js';

type Loose = Record<PropertyKey, unknown>;

/** Runs one write attempt; a TypeError from a frozen object is the expected refusal. */
function attempt(route: () => unknown): void {
  try {
    route();
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
  }
}

const evil = Object.freeze({ db: Object.freeze({ url: 'pg://evil', pool: Object.freeze({ max: 999 }) }) });
const evilMethod = (): string => 'pg://evil';

/** Every write route a module has through a reader and what it returns. */
function attack(config: RootConfigService): void {
  const target = config as unknown as Loose;
  // The fields a TypeScript-private implementation had, and any other own field.
  for (const field of ['data', 'sources', 'prefix', 'tree', 'node', 'raw', 'files']) {
    attempt(() => (target[field] = evil));
    attempt(() => Object.defineProperty(target, field, { value: evil }));
  }
  // Methods: replaced, redefined, deleted on the instance.
  for (const method of ['getString', 'get', 'getOptional', 'getConfig', 'has', 'keys', 'getNumber']) {
    attempt(() => (target[method] = evilMethod));
    attempt(() => Object.defineProperty(target, method, { value: evilMethod }));
    attempt(() => delete target[method]);
  }
  // Symbol-keyed state, if any.
  for (const symbol of Object.getOwnPropertySymbols(target)) attempt(() => (target[symbol] = evil));
  // The prototype (shared by every reader) and the class.
  const prototype = Object.getPrototypeOf(config) as Loose;
  attempt(() => (prototype['getString'] = evilMethod));
  attempt(() => Object.defineProperty(prototype, 'raw', { get: () => evil }));
  attempt(() => Object.setPrototypeOf(prototype, { getString: evilMethod }));
  attempt(() => Object.setPrototypeOf(config, { getString: evilMethod }));
  attempt(() => ((target['constructor'] as unknown as Loose)['prototype'] = { getString: evilMethod }));
  attempt(() => ((ConfigReader.prototype as unknown as Loose)['has'] = evilMethod));
  // The data objects the reader hands out.
  const db = config.get<Loose>('db');
  attempt(() => (db['url'] = 'pg://evil'));
  attempt(() => Object.defineProperty(db, 'url', { value: 'pg://evil' }));
  attempt(() => delete db['url']);
  attempt(() => Object.setPrototypeOf(db, { url: 'pg://evil' }));
  attempt(() => ((db['pool'] as Loose)['max'] = 999));
  attempt(() => config.get<string[]>('hosts').push('evil'));
  attempt(() => config.get<string[]>('hosts').splice(0, 1, 'evil'));
  attempt(() => (config.getOptional<Loose>('db')!['extra'] = 1));
  // Sub-views and what they return.
  const view = config.getConfig('db') as unknown as Loose;
  attempt(() => (view['prefix'] = ''));
  attempt(() => (view['getString'] = evilMethod));
  attempt(() => ((view['raw'] as Loose)['url'] = 'pg://evil'));
  attempt(() => (config.getConfig('db').get<Loose>('pool')['max'] = 999));
  attempt(() => ((config as unknown as { raw: Loose }).raw['db'] = evil));
}

function expectUnchanged(config: RootConfigService): void {
  expect(config.getString('db.url')).toBe('pg://real');
  expect(config.getNumber('db.pool.max')).toBe(5);
  expect(config.getConfig('db').getString('url')).toBe('pg://real');
  expect(config.get('db')).toEqual({ url: 'pg://real', pool: { max: 5 } });
  expect(config.get('hosts')).toEqual(['a', 'b']);
  expect(config.has('db.extra')).toBe(false);
  expect(config.keys()).toEqual(['db', 'hosts']);
}

describe('config readers are immutable in fact', () => {
  it('no write route through a reader, its prototype, its sub-views or its data changes what any reader sees', async () => {
    const config = await loadConfig({ data: { db: { url: 'pg://real', pool: { max: 5 } }, hosts: ['a', 'b'] }, env: {} });
    const viewMadeBefore = config.getConfig('db');
    const otherReader = await loadConfig({ data: { db: { url: 'pg://real', pool: { max: 5 } }, hosts: ['a', 'b'] }, env: {} });
    attack(config);
    expectUnchanged(config);
    expectUnchanged(otherReader);
    expect(viewMadeBefore.getString('url')).toBe('pg://real');
    expect(({} as Loose)['getString']).toBeUndefined();
  });

  it('is frozen: instances, sub-views, the prototype, the class and the data', async () => {
    const config = await loadConfig({ data: { db: { url: 'pg://real', list: [{ a: 1 }] } }, env: {} });
    for (const value of [
      config,
      config.getConfig('db'),
      Object.getPrototypeOf(config),
      ConfigReader,
      config.get('db'),
      config.get('db.list'),
      config.get<unknown[]>('db.list')[0],
    ]) {
      expect(Object.isFrozen(value)).toBe(true);
    }
    // No state behind symbols, and no field but the methods.
    expect(Object.getOwnPropertySymbols(config)).toEqual([]);
    expect(Object.values(config).every((value) => typeof value === 'function')).toBe(true);
  });

  it('methods work detached (destructured), with no TypeError', async () => {
    // eslint-disable-next-line @typescript-eslint/unbound-method -- detached use is what is tested
    const { getString, getConfig, has } = await loadConfig({ data: { db: { url: 'pg://real' } }, env: {} });
    expect(getString('db.url')).toBe('pg://real');
    expect(getConfig('db').getString('url')).toBe('pg://real');
    expect(has('db')).toBe(true);
  });

  it("a module cannot change another plugin's config through the injected reader", async () => {
    @Plugin({ id: 'attacker' })
    class Attacker {
      constructor(@inject(coreServices.rootConfig) private readonly config: RootConfigService) {}
      @onInit()
      init(): void {
        attack(this.config);
      }
    }
    const seen: string[] = [];
    @Plugin({ id: 'victim', dependsOn: ['attacker'] })
    class Victim {
      constructor(@inject(coreServices.rootConfig) private readonly config: RootConfigService) {}
      @onInit()
      init(): void {
        seen.push(this.config.getString('db.url'));
      }
    }
    const app = quietBuilder({ config: { db: { url: 'pg://real', pool: { max: 5 } }, hosts: ['a', 'b'] } })
      .add(Attacker)
      .add(Victim)
      .build();
    await app.start();
    expect(seen).toEqual(['pg://real']);
    expectUnchanged(app.get(coreServices.rootConfig));
    await app.stop();
  });
});
