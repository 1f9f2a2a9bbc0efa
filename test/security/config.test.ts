/**
 * Route: the config reader (DESIGN.md "Guarantees": "config readers … are immutable to their
 * users"; issue 13 items 10 and 17).
 *
 * `coreServices.rootConfig` is one reader for the whole app. A hostile root service (created
 * before any plugin) or a module of another plugin that starts first tries every way to change
 * what others read; the victim must still read the real `db.url` at init, in its startup hook and
 * at shutdown, and so must the host through `app.get()`. Per-plugin config overrides must apply
 * to every valid plugin id, `constructor` and `prototype` included.
 */
import { coreServices, onInit, Plugin, type ConfigService } from 'plugboard';
import {
  crawl,
  hostileModule,
  hostilePlugin,
  hostileRootService,
  mutableState,
  outcome,
  quietBuilder,
  REAL_DB_URL,
  runAndStop,
  scenario,
  Tamper,
  vandalize,
} from './kit.js';

const tamper = new Tamper();
afterEach(() => tamper.restore());

const EVIL_URL = 'postgres://attacker/stolen';
const evilTree = { db: { url: EVIL_URL } };
const evilReads = { getString: () => EVIL_URL, get: () => EVIL_URL, getOptionalString: () => EVIL_URL };

type Reader = ConfigService & Record<string, unknown>;

/** Every way to change what others read, by name. Each tries, and ignores a refusal. */
const attacks: ReadonlyArray<readonly [string, (config: Reader) => void]> = [
  [
    'assign the reader’s data field (TypeScript-private, a plain property at run time)',
    (config) => void tamper.set(config, 'data', evilTree),
  ],
  ['Object.defineProperty the data field', (config) => void tamper.define(config, 'data', { value: evilTree, configurable: true })],
  ['delete the data field', (config) => void tamper.remove(config, 'data')],
  ['assign an own getString on the shared reader', (config) => void tamper.set(config, 'getString', evilReads.getString)],
  [
    'patch getString and get on the reader’s prototype',
    (config) => {
      const prototype = Object.getPrototypeOf(config) as object;
      tamper.set(prototype, 'getString', evilReads.getString);
      tamper.set(prototype, 'get', evilReads.get);
    },
  ],
  ['swap the reader’s prototype (Object.setPrototypeOf)', (config) => void tamper.setPrototype(config, evilReads)],
  [
    'swap constructor.prototype’s methods (reached through config.constructor)',
    (config) => {
      const cls = (config as { constructor?: { prototype?: object } }).constructor;
      if (cls?.prototype !== undefined) tamper.set(cls.prototype, 'getString', evilReads.getString);
    },
  ],
  [
    'write into the object config.get("db") returns',
    (config) => {
      const db = config.get<Record<string, unknown>>('db');
      tamper.set(db, 'url', EVIL_URL);
    },
  ],
  [
    'write into the data of a getConfig("db") sub-view',
    (config) => {
      const sub = config.getConfig('db') as Reader;
      for (const key of Reflect.ownKeys(sub)) {
        const value = (sub as Record<string | symbol, unknown>)[key];
        if (typeof value === 'object' && value !== null && 'url' in value) tamper.set(value, 'url', EVIL_URL);
      }
      tamper.set(sub, 'data', { url: EVIL_URL });
    },
  ],
  [
    'write into every object reachable from the reader that has a url',
    (config) => {
      for (const object of crawl({ config }).paths.keys()) if ('url' in object) tamper.set(object, 'url', EVIL_URL);
    },
  ],
  [
    'vandalize everything reachable from the reader (functions replaced, flags flipped, maps cleared)',
    (config) => vandalize({ config }, tamper),
  ],
];

/** What the victim read, and how start and stop went. */
async function victimReadsAfter(attack: (config: Reader) => void, attacker: 'root service' | 'module of another plugin') {
  const attackers =
    attacker === 'root service'
      ? [hostileRootService(({ config }) => attack(config as Reader))]
      : [hostilePlugin(), hostileModule('hostile', 'evil', undefined, { construct: ({ config }) => attack(config as Reader) })];
  const { app, victim } = scenario({ attackers, victimDependsOn: attacker === 'root service' ? [] : ['hostile'] });
  let hostRead: unknown;
  const run = await runAndStop(app, () => {
    hostRead = readSafely(() => app.get(coreServices.rootConfig).getString('db.url'));
  });
  return { ...run, victimRead: victim.dbUrl, victimErrors: victim.errors.map(outcome), hostRead };
}

function readSafely(read: () => unknown): unknown {
  try {
    return read();
  } catch (error) {
    return outcome(error);
  }
}

describe.each(['root service', 'module of another plugin'] as const)('a hostile %s tampering with the config reader', (attacker) => {
  it.each(attacks)(
    '%s: the victim still reads the real db.url at init, in its startup hook and at shutdown, and so does the host',
    async (_name, attack) => {
      expect(await victimReadsAfter(attack, attacker)).toEqual({
        start: 'nothing thrown',
        stop: 'nothing thrown',
        victimRead: [REAL_DB_URL, REAL_DB_URL, REAL_DB_URL],
        victimErrors: [],
        hostRead: REAL_DB_URL,
      });
    },
  );
});

describe('the reader holds no state anyone could change', () => {
  it('everything a crawl reaches from the config reader (and from a getConfig sub-view) is frozen', async () => {
    let config: ConfigService | undefined;
    const { app } = scenario({ attackers: [hostileRootService((held) => (config = held.config))] });
    await runAndStop(app, () => {
      expect(mutableState(crawl({ config, sub: config!.getConfig('db') }))).toEqual([]);
    });
  });

  it('the values a read returns are frozen: writing into them throws or changes nothing', async () => {
    let config: ConfigService | undefined;
    const { app } = scenario({ attackers: [hostileRootService((held) => (config = held.config))] });
    await runAndStop(app, () => {
      const db = config!.get<Record<string, unknown>>('db');
      expect(Object.isFrozen(db)).toBe(true);
      tamper.set(db, 'url', EVIL_URL);
      expect(config!.getString('db.url')).toBe(REAL_DB_URL);
    });
  });
});

describe('per-plugin config overrides apply to every valid plugin id (issue 13 item 17)', () => {
  it.each(['constructor', 'prototype', 'ordinary'])(
    'plugboard.startup.plugins.%s.onPluginBootFailure: continue leaves that failing plugin out and the app starts',
    async (pluginId) => {
      @Plugin({ id: pluginId })
      class Failing {
        @onInit()
        init(): void {
          throw new Error('boom');
        }
      }
      @Plugin({ id: 'healthy' })
      class Healthy {}
      const app = quietBuilder({
        config: { plugboard: { startup: { plugins: { [pluginId]: { onPluginBootFailure: 'continue' } } } } },
      })
        .add(Failing)
        .add(Healthy)
        .build();
      const run = await runAndStop(app);
      expect(run.start).toBe('nothing thrown');
    },
  );
});
