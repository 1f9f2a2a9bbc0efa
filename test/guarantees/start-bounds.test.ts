/**
 * Issue 13.3: initTimeoutMs bounds every wait of start(), not only `@onInit`: an add() promise, a
 * defaultFactory, a feature loader, a factory returning a thenable that never settles. A
 * constructor returning such a thenable is not waited on at all (the thenable is the instance).
 * stop() called during such a start resolves in bounded time, and SIGTERM under runApp during a
 * hung start ends the process.
 */
import {
  createFeatureLoader,
  createServiceFactory,
  createServiceRef,
  inject,
  Plugin,
  Service,
  type App,
  type ContainerBuilder,
  type Feature,
} from 'plugboard';
import { quietBuilder } from '../support.js';
import { assertBuilt, jsonLines, rejectionWithin, resolvesWithin, runFixture, settleWithin } from './kit.js';

const TIMEOUT_MS = 100;
/** Far above TIMEOUT_MS, far below jest's timeout: "bounded" without racing the clock. */
const BOUND_MS = 3_000;

const never = <T = never>(): Promise<T> => new Promise<T>(() => undefined);
const builder = (): ContainerBuilder => quietBuilder({ initTimeoutMs: TIMEOUT_MS });

/** A plugin injecting `token` (so the service is needed). */
function hostOf(token: object): Feature {
  @Plugin({ id: 'host' })
  class Host {
    constructor(@inject(token as never) readonly dependency: unknown) {}
  }
  return Host;
}

/** Each hang, as the app that has it and what start() must reject with. */
const hangs: Array<[string, () => App, { code: string; problems?: string[]; refId?: string }]> = [
  [
    'an add() promise that never settles',
    () =>
      builder()
        .add(hostOf(createServiceRef({ id: 'unused.a', scope: 'root', defaultFactory: () => Unused })))
        .add(never())
        .build(),
    { code: 'INVALID_WIRING', problems: ['FEATURE_LOAD_FAILED'] },
  ],
  [
    'a defaultFactory that never settles',
    () =>
      builder()
        .add(hostOf(createServiceRef({ id: 'stuck.default', scope: 'root', defaultFactory: () => never() })))
        .build(),
    { code: 'INVALID_WIRING', problems: ['DEFAULT_FACTORY_FAILED'] },
  ],
  [
    'a feature loader that never settles',
    () =>
      builder()
        .add(createFeatureLoader({ name: 'stuck-loader', loader: () => never() }))
        .build(),
    { code: 'INVALID_WIRING', problems: ['FEATURE_LOAD_FAILED'] },
  ],
  [
    'a factory returning a thenable that never settles',
    () => {
      const ref = createServiceRef<object, 'root'>({ id: 'stuck.thenable', scope: 'root' });
      const factory = createServiceFactory({ service: ref, factory: () => ({ then: () => undefined }) });
      return builder().add(hostOf(ref)).add(factory).build();
    },
    { code: 'INIT_TIMEOUT', refId: 'stuck.thenable' },
  ],
  [
    'a plugin-scoped factory returning a promise that never settles',
    () => {
      const ref = createServiceRef<object>({ id: 'stuck.plugin' });
      return builder()
        .add(hostOf(ref))
        .add(createServiceFactory({ service: ref, factory: () => never<object>() }))
        .build();
    },
    { code: 'INIT_TIMEOUT' },
  ],
];

/** A class a defaultFactory may return (for a ref the app never needs). */
class Unused {}

describe('start() is bounded by initTimeoutMs', () => {
  it.each(hangs)('%s: start() rejects', async (_, app, expected) => {
    const error = await rejectionWithin(app().start(), BOUND_MS);
    expect(error.code).toBe(expected.code);
    if (expected.problems !== undefined) expect(error.problems.map((problem) => problem.code)).toEqual(expected.problems);
    if (expected.refId !== undefined) expect(error.refId).toBe(expected.refId);
  });

  it.each(hangs)('%s: stop() called during start resolves, and start() rejects', async (_, make) => {
    const app = make();
    const starting = settleWithin(app.start(), BOUND_MS);
    await new Promise((resolve) => setTimeout(resolve, 10));
    await resolvesWithin(app.stop(), BOUND_MS);
    expect(app.state).toBe('stopped');
    expect((await starting).state).toBe('rejected');
  });

  it('a defaultFactory that rejects is reported once, as DEFAULT_FACTORY_FAILED (not also as missing)', async () => {
    const ref = createServiceRef({
      id: 'failing.default',
      scope: 'root',
      defaultFactory: () => Promise.reject(new Error('no such module')),
    });
    const error = await rejectionWithin(builder().add(hostOf(ref)).build().start(), BOUND_MS);
    expect(error.problems.map((problem) => problem.code)).toEqual(['DEFAULT_FACTORY_FAILED']);
  });

  it('a plugin-scoped hang is named: plugin and service', async () => {
    const error = await rejectionWithin(hangs[4]![1]().start(), BOUND_MS);
    expect(error.pluginId).toBe('host');
    expect(error.message).toContain("'stuck.plugin'");
  });
});

describe('a constructor returning a thenable that never settles: the thenable is the instance', () => {
  const thenable = { then: (): void => undefined, marker: 'the instance' };

  it('a service class, a class injected by class and a plugin: start() succeeds with the thenables injected', async () => {
    const ref = createServiceRef<typeof thenable, 'root'>({ id: 'thenable.service', scope: 'root' });
    @Service({ provides: ref })
    class ThenableService {
      constructor() {
        return thenable;
      }
    }
    @Service()
    class ThenableClass {
      constructor() {
        return thenable;
      }
    }
    let received: unknown[] = [];
    @Plugin({ id: 'user' })
    class User {
      constructor(@inject(ref) service: unknown, @inject(ThenableClass) byClass: unknown) {
        received = [service, byClass];
      }
    }
    @Plugin({ id: 'thenable' })
    class ThenablePlugin {
      constructor() {
        return thenable;
      }
    }
    const app = builder().add([ThenableService, User, ThenablePlugin]).build();
    const result = await resolvesWithin(app.start(), BOUND_MS);
    expect(result.outcome).toBe('success');
    expect(received).toEqual([thenable, thenable]);
    expect(app.get(ref)).toBe(thenable);
    await resolvesWithin(app.stop(), BOUND_MS);
  });
});

describe('SIGTERM under runApp during a hung start (a real process)', () => {
  beforeAll(assertBuilt);

  it.each(['add', 'default-factory', 'thenable-factory'])(
    '%s: the process exits 1 once the hang times out, having logged it (the start failed: a signal does not make it a success)',
    async (scenario) => {
      const run = await runFixture('hangs.mjs', [scenario, 'runapp'], { signal: { name: 'SIGTERM', after: '@ STARTING', delayMs: 30 } });
      expect(run.killed).toBe(false);
      expect(run.code).toBe(1);
      expect(jsonLines(run.stdout).some((line) => line['level'] === 60)).toBe(true);
    },
  );

  it.each(['add', 'default-factory', 'thenable-factory'])(
    '%s: app.stop() during start resolves, and the process exits',
    async (scenario) => {
      const run = await runFixture('hangs.mjs', [scenario, 'stop-during-start']);
      expect(run.killed).toBe(false);
      expect(run.stdout).toContain('@ STOP RESOLVED');
      expect(run.code).toBe(0);
    },
  );
});
