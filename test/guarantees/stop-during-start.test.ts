/**
 * Issue 13.21: with stop() called during start (and with failures during start), everything that
 * started is shut down exactly once. The two ways it was lost: (1) something whose creation
 * finished after its scope's shutdown steps were taken (an init that overran initTimeoutMs and
 * finished later) registered nowhere — it must be shut down at once; (2) a creation still running
 * when a sibling's failure was known was forgotten — it must be awaited and shut down before
 * start() settles. Then stop() arriving at each point of a start (0..8 ms) with hung, failing and
 * slow services and modules.
 */
import {
  coreServices,
  createServiceFactory,
  createServiceRef,
  inject,
  Module,
  onInit,
  onShutdown,
  Plugin,
  Service,
  type AnyServiceRef,
  type BootFailurePolicy,
  type Feature,
  type InjectionToken,
  type PluginMetadataService,
} from 'plugboard';
import { delay, quietBuilder } from '../support.js';
import { resolvesWithin, settleWithin } from './kit.js';

/** How an init ends: after `n` ms (0: synchronously), by throwing, or never. */
type Init = number | 'throws' | 'rejects' | 'hangs';

class Journal {
  readonly events: string[] = [];
  add(event: string): void {
    this.events.push(event);
  }
  count(event: string): number {
    return this.events.filter((e) => e === event).length;
  }
  /** "Everything that started was shut down exactly once, and nothing else": empty when it holds. */
  problems(): string[] {
    const ups = this.events.filter((e) => e.endsWith(' up')).map((e) => e.slice(0, -3));
    const downs = this.events.filter((e) => e.endsWith(' down')).map((e) => e.slice(0, -5));
    const problems = ups
      .filter((who) => this.count(`${who} down`) !== 1)
      .map((who) => `${who} started, shut down ${this.count(`${who} down`)} times`);
    for (const who of new Set(downs)) if (!ups.includes(who)) problems.push(`${who} shut down but never started`);
    for (const who of new Set(ups)) {
      const down = this.events.indexOf(`${who} down`);
      if (down >= 0 && down < this.events.indexOf(`${who} up`)) problems.push(`${who} down before up`);
    }
    return problems;
  }
}

function runInit(init: Init, who: string, journal: Journal): void | Promise<void> {
  const up = (): void => journal.add(`${who} up`);
  if (init === 'throws') throw new Error(`${who} failed`);
  if (init === 'rejects') return delay(1).then(() => Promise.reject(new Error(`${who} failed`)));
  if (init === 'hangs') return new Promise(() => undefined);
  if (init === 0) return up();
  return delay(init).then(up);
}

/**
 * A class recording `<name> up` when its init succeeds and `<name> down` when its @onShutdown
 * runs. With `perPlugin`, one instance per plugin: the name gets `@<pluginId>`.
 */
function recording(
  journal: Journal,
  name: string,
  init: Init,
  tokens: readonly InjectionToken<unknown>[],
  perPlugin = false,
): new (...args: never[]) => object {
  class Recording {
    readonly who: string;
    constructor(...deps: unknown[]) {
      this.who = perPlugin ? `${name}@${(deps[tokens.length] as PluginMetadataService).getId()}` : name;
    }
    init(): void | Promise<void> {
      return runInit(init, this.who, journal);
    }
    stop(): void {
      journal.add(`${this.who} down`);
    }
  }
  [...tokens, ...(perPlugin ? [coreServices.pluginMetadata] : [])].forEach((token, index) => inject(token)(Recording, undefined, index));
  onInit()(Recording.prototype, 'init', Object.getOwnPropertyDescriptor(Recording.prototype, 'init'));
  onShutdown()(Recording.prototype, 'stop', Object.getOwnPropertyDescriptor(Recording.prototype, 'stop'));
  return Recording;
}

const make = {
  plugin: (journal: Journal, id: string, init: Init, tokens: InjectionToken<unknown>[] = []): Feature => {
    const cls = recording(journal, id, init, tokens);
    Plugin({ id })(cls);
    return cls;
  },
  module: (journal: Journal, pluginId: string, id: string, init: Init, tokens: InjectionToken<unknown>[] = []): Feature => {
    const cls = recording(journal, `${pluginId}/${id}`, init, tokens);
    Module({ pluginId, id })(cls);
    return cls;
  },
  /** A service class for `ref`, named by its id (and `@<pluginId>` when plugin-scoped). */
  service: (journal: Journal, ref: AnyServiceRef, init: Init, tokens: InjectionToken<unknown>[] = []): Feature => {
    const cls = recording(journal, ref.id, init, tokens, ref.scope === 'plugin');
    Service({ provides: ref })(cls);
    return cls;
  },
};

/** Waits until inits that overran their timeout have finished (the longest here is LATE_MS). */
const LATE_MS = 120;
const TIMEOUT_MS = 40;
const settleLateInits = (): Promise<void> => delay(LATE_MS + 60);

describe('(1) a creation that finishes after its scope was shut down is shut down at once', () => {
  const cases: Array<[string, (journal: Journal) => Feature[], string]> = [
    ['a plugin', (j) => [make.plugin(j, 'late', LATE_MS)], 'late'],
    ['a module', (j) => [make.plugin(j, 'host', 0), make.module(j, 'host', 'late', LATE_MS)], 'host/late'],
    [
      'a plugin-scoped service',
      (j) => {
        const ref = createServiceRef<object>({ id: 'late.plugin-service' });
        return [make.service(j, ref, LATE_MS), make.plugin(j, 'host', 0, [ref])];
      },
      'late.plugin-service@host',
    ],
    [
      'a root service',
      (j) => {
        const ref = createServiceRef<object, 'root'>({ id: 'late.root-service', scope: 'root' });
        return [make.service(j, ref, LATE_MS), make.plugin(j, 'host', 0, [ref])];
      },
      'late.root-service',
    ],
    [
      'a class injected by class',
      (j) => {
        const cls = recording(j, 'LateClass', LATE_MS, []);
        Service()(cls);
        return [make.plugin(j, 'host', 0, [cls])];
      },
      'LateClass',
    ],
  ];

  it.each(cases)(
    '%s whose init overran initTimeoutMs: start() rejects, and when it finishes it is shut down, once',
    async (_, features, late) => {
      const journal = new Journal();
      const app = quietBuilder({ initTimeoutMs: TIMEOUT_MS }).add(features(journal)).build();
      const settled = await settleWithin(app.start(), 2_000);
      expect(settled.state).toBe('rejected');
      expect((settled as { error: { code: string } }).error.code).toBe('INIT_TIMEOUT');
      expect(journal.count(`${late} up`)).toBe(0); // still running when start() gave up
      await settleLateInits();
      expect(journal.count(`${late} up`)).toBe(1);
      expect(journal.problems()).toEqual([]);
      await app.stop();
      expect(journal.problems()).toEqual([]);
    },
  );

  it.each(cases)(
    '%s whose init overran initTimeoutMs, with stop() called during start: shut down once it finishes',
    async (_, features) => {
      const journal = new Journal();
      const app = quietBuilder({ initTimeoutMs: TIMEOUT_MS }).add(features(journal)).build();
      const starting = settleWithin(app.start(), 2_000);
      await delay(5);
      await resolvesWithin(app.stop(), 2_000);
      expect((await starting).state).toBe('rejected');
      await settleLateInits();
      expect(journal.problems()).toEqual([]);
    },
  );
});

describe('(2) a creation still running when a sibling fails is awaited and shut down before start() settles', () => {
  const siblings = (failure: 'throws' | 'rejects'): Array<[string, (journal: Journal) => Feature[]]> => [
    [
      'root services',
      (j) => {
        const slow = createServiceRef<object, 'root'>({ id: 'slow.root', scope: 'root' });
        const failing = createServiceRef<object, 'root'>({ id: 'failing.root', scope: 'root' });
        return [make.service(j, slow, 30), make.service(j, failing, failure), make.plugin(j, 'host', 0, [slow, failing])];
      },
    ],
    [
      'plugin-scoped services of one plugin',
      (j) => {
        const slow = createServiceRef<object>({ id: 'slow.plugin' });
        const failing = createServiceRef<object>({ id: 'failing.plugin' });
        return [make.service(j, slow, 30), make.service(j, failing, failure), make.plugin(j, 'host', 0, [slow, failing])];
      },
    ],
    [
      'a plugin-scoped service and what depends on the failing one',
      (j) => {
        const slow = createServiceRef<object>({ id: 'slow.plugin' });
        const failing = createServiceRef<object>({ id: 'failing.plugin' });
        const above = createServiceRef<object>({ id: 'above.failing' });
        return [
          make.service(j, slow, 30),
          make.service(j, failing, failure),
          make.service(j, above, 0, [failing]),
          make.plugin(j, 'host', 0, [slow, above]),
        ];
      },
    ],
    [
      'multiton elements',
      (j) => {
        const many = createServiceRef<object>({ id: 'many', scope: 'root', multiton: true });
        const slow = recording(j, 'many[0]', 30, []);
        const failing = recording(j, 'many[1]', failure, []);
        Service({ provides: many })(slow);
        Service({ provides: many })(failing);
        return [slow, failing, make.plugin(j, 'host', 0, [many])];
      },
    ],
    [
      'modules of one plugin',
      (j) => [make.plugin(j, 'host', 0), make.module(j, 'host', 'slow', 30), make.module(j, 'host', 'failing', failure)],
    ],
    ['two plugins', (j) => [make.plugin(j, 'slow', 30), make.plugin(j, 'failing', failure)]],
    [
      'a plugin-scoped factory and a failing class',
      (j) => {
        const slowRef = createServiceRef<object>({ id: 'slow.factory' });
        // A factory has no @onShutdown: it registers a shutdown hook, after its wait.
        const slow = createServiceFactory({
          service: slowRef,
          deps: { lifecycle: coreServices.lifecycle },
          factory: async ({ lifecycle }) => {
            await delay(30);
            j.add('slow.factory up');
            lifecycle.addShutdownHook(() => j.add('slow.factory down'));
            return {};
          },
        });
        const failing = recording(j, 'FailingClass', failure, []);
        Service()(failing);
        return [slow, make.plugin(j, 'host', 0, [slowRef, failing])];
      },
    ],
  ];

  describe.each(['throws', 'rejects'] as const)('the sibling %s', (failure) => {
    it.each(siblings(failure))('%s: start() rejects with everything that started already shut down, once', async (_, features) => {
      const journal = new Journal();
      const app = quietBuilder({ initTimeoutMs: 1_000 }).add(features(journal)).build();
      const settled = await settleWithin(app.start(), 2_000);
      expect(settled.state).toBe('rejected');
      // At the moment start() rejects: the slow sibling finished (it was awaited) and was shut down.
      const slow = journal.events.find((event) => /slow|many\[0\]/.test(event) && event.endsWith(' up'));
      if (slow === undefined) throw new Error(`the slow sibling had not finished: ${journal.events.join(', ')}`);
      expect(journal.problems()).toEqual([]);
      await app.stop();
      await delay(40);
      expect(journal.problems()).toEqual([]);
    });
  });
});

describe('(3) stop() at every point of a start with hung, failing and slow features', () => {
  /** Plugins a (slow services and modules), b (a hung module, a slow plugin-scoped service), c (fails late), d (depends on a). */
  function features(journal: Journal): Feature[] {
    const root = createServiceRef<object, 'root'>({ id: 'root.slow', scope: 'root' });
    const shared = createServiceRef<object>({ id: 'shared.slow' });
    const hung = createServiceRef<object>({ id: 'hung.service' });
    const failing = createServiceRef<object>({ id: 'failing.service' });
    return [
      make.service(journal, root, 2),
      make.service(journal, shared, 3, [root]),
      make.service(journal, hung, 'hangs'),
      make.service(journal, failing, 'rejects'),
      make.plugin(journal, 'a', 2, [shared]),
      make.module(journal, 'a', 'm1', 1, [shared]),
      make.module(journal, 'a', 'm2', 4),
      make.plugin(journal, 'b', 3, [shared]),
      make.module(journal, 'b', 'stuck', 'hangs'),
      make.module(journal, 'b', 'quick', 0),
      make.plugin(journal, 'c', 6, [failing]),
      make.module(journal, 'c', 'm', 3, [hung]),
      make.plugin(journal, 'd', 1),
    ];
  }

  /**
   * The shape of the hygiene property's counterexample (issue 13.21): many plugins whose modules
   * take 0 to 3 ms, and one plugin that rejects after its modules; no services.
   */
  function manyModules(journal: Journal): Feature[] {
    const shapes: Array<[number, number[]]> = [
      [1, [0]],
      [0, [0, 3, 0, 2]],
      [0, [0, 1, 1, 1, 0, 0, 2, 0]],
      [2, [0, 0, 3, 0]],
      [3, [0, 2, 0, 0, 1, 0, 0]],
      [1, [0, 0, 1]],
      [1, [0, 0, 0, 0, 0, 0]],
    ];
    const features: Feature[] = [];
    shapes.forEach(([pluginMs, modules], index) => {
      features.push(make.plugin(journal, `p${index}`, pluginMs));
      modules.forEach((ms, m) => features.push(make.module(journal, `p${index}`, `m${m}`, ms)));
    });
    features.push(make.plugin(journal, 'p7', 'rejects'));
    [0, 1, 1, 0, 0, 1].forEach((ms, m) => features.push(make.module(journal, 'p7', `m${m}`, ms)));
    return features;
  }

  const points = [0, 1, 2, 3, 4, 5, 6, 7, 8];
  it.each(points)(
    'many plugins of quick modules, one failing: stop() after %i ms, everything that started is shut down exactly once',
    async (ms) => {
      const journal = new Journal();
      const app = quietBuilder({ initTimeoutMs: 50 }).add(manyModules(journal)).build();
      const starting = settleWithin(app.start(), 2_000);
      await delay(ms);
      await resolvesWithin(app.stop(), 2_000);
      expect((await starting).state).toBe('rejected');
      await delay(10);
      expect(journal.problems()).toEqual([]);
    },
  );

  describe.each(['abort', 'continue'] as BootFailurePolicy[])('onPluginBootFailure: %s', (policy) => {
    it.each(points)(
      'stop() after %i ms: stop() resolves, start() settles, everything that started is shut down exactly once',
      async (ms) => {
        const journal = new Journal();
        const app = quietBuilder({ initTimeoutMs: 25, onPluginBootFailure: policy, onModuleBootFailure: policy })
          .add(features(journal))
          .build();
        const starting = settleWithin(app.start(), 2_000);
        await delay(ms);
        await resolvesWithin(app.stop(), 2_000);
        expect((await starting).state).not.toBe('pending');
        expect(app.state).toBe('stopped');
        await delay(20); // nothing here finishes late, but a lost step would show by now
        expect(journal.problems()).toEqual([]);
      },
    );
  });
});
