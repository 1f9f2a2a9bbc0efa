/**
 * Route: property access on an extension point view (SPEC.md "Extension point views").
 *
 * The attacker is a module of the victim plugin (installed by the host, but hostile): it holds a
 * view of 'victim.things', as the friendly module does. Through the view it may call methods and
 * read or write accessors until the gate closes; nothing else. Everything reachable from the view
 * by property access, symbols, descriptors or the prototype chain must lead to no implementation,
 * no other view, no class and no gate; data fields and every write are refused with
 * EXTENSION_POINT_FIELD; a closed gate stays closed.
 */
import { inspect } from 'node:util';
import {
  crawl,
  leaks,
  hostileModule,
  hostilePlugin,
  hostileThings,
  IMPLEMENTATION_KINDS,
  mutableState,
  noop,
  outcome,
  scenario,
  SECRET,
  Tamper,
  thrownSync,
  vandalize,
  victimSecrets,
  victimThings,
  withStarted,
  type Reach,
  type Things,
} from './kit.js';

const tamper = new Tamper();
afterEach(() => tamper.restore());

/** The victim app with a hostile module 'evil' of the victim plugin; `construct` runs with the gate open. */
function withEvilModule(kind: (typeof IMPLEMENTATION_KINDS)[number], construct: (view: Things) => void) {
  let held: Things | undefined;
  const built = scenario({
    implementation: kind,
    attackers: [
      hostileModule('victim', 'evil', victimThings, {
        construct: ({ view }) => {
          held = view!;
          construct(view!);
        },
      }),
    ],
  });
  return { ...built, view: () => held! };
}

// The legacy accessor API, taken from Object.prototype (a view need not inherit it).
const defineGetter = (Object.prototype as unknown as { __defineGetter__: (this: object, key: string, getter: () => unknown) => void })
  .__defineGetter__;

const asRecord = (view: Things): Record<string | symbol, unknown> => view as unknown as Record<string | symbol, unknown>;

describe.each(IMPLEMENTATION_KINDS)('a view of an extension point implemented with %s', (kind) => {
  describe('reading', () => {
    it('crawling the view (own keys, symbols, descriptors, getters, prototype chain, constructor, __proto__) while the gate is open reaches no implementation, no other view, no class', async () => {
      let reach: Reach | undefined;
      const { app, victim } = withEvilModule(kind, (view) => (reach = crawl({ view })));
      await withStarted(app, () => {
        expect(leaks(reach!, victimSecrets(victim))).toEqual([]);
      });
    });

    it('crawling the view after its gate closed reaches nothing either', async () => {
      const { app, victim, view } = withEvilModule(kind, noop);
      await withStarted(app, () => {
        expect(leaks(crawl({ view: view() }), victimSecrets(victim))).toEqual([]);
      });
    });

    it('holds no state anyone could change: everything reachable from the view, the view aside, is frozen', async () => {
      const { app, view } = withEvilModule(kind, noop);
      await withStarted(app, () => {
        expect(mutableState(crawl({ view: view() }), [view()])).toEqual([]);
      });
    });

    it('Object.getOwnPropertySymbols, Reflect.ownKeys and Object.getOwnPropertyDescriptors reveal no object at all', async () => {
      const { app, view } = withEvilModule(kind, noop);
      await withStarted(app, () => {
        const held = view();
        const revealed: string[] = [];
        for (const key of Reflect.ownKeys(held)) {
          const descriptor = Object.getOwnPropertyDescriptor(held, key);
          // Forwarding functions are fine; an object (a target, a gate, a holder) is not.
          if (descriptor !== undefined && 'value' in descriptor && typeof descriptor.value === 'object' && descriptor.value !== null) {
            revealed.push(String(key));
          }
        }
        expect(revealed).toEqual([]);
        expect(Object.getOwnPropertySymbols(held).filter((symbol) => typeof asRecord(held)[symbol] === 'object')).toEqual([]);
      });
    });

    it('reading a data field of the implementation throws EXTENSION_POINT_FIELD naming the point, the field and the reader, never the value (no silent undefined)', async () => {
      let thrown: unknown;
      const { app } = withEvilModule(kind, (view) => (thrown = thrownSync(() => asRecord(view)['secret'])));
      await withStarted(app, () => {
        expect(outcome(thrown)).toBe('PlugboardError EXTENSION_POINT_FIELD');
        const message = (thrown as Error).message;
        expect(message).toContain('victim.things');
        expect(message).toContain('secret');
        expect(message).toContain('evil');
        expect(message).not.toContain(SECRET);
      });
    });

    if (kind !== 'useValue (plain object)') {
      it('reading a data property the implementation inherits from its class prototype throws EXTENSION_POINT_FIELD too', async () => {
        let thrown: unknown;
        const { app } = withEvilModule(kind, (view) => (thrown = thrownSync(() => asRecord(view)['kind'])));
        await withStarted(app, () => expect(outcome(thrown)).toBe('PlugboardError EXTENSION_POINT_FIELD'));
      });
    }

    it('a property the implementation does not have reads undefined', async () => {
      let read: unknown = 'not read';
      const { app } = withEvilModule(kind, (view) => (read = asRecord(view)['nothingLikeThis']));
      await withStarted(app, () => expect(read).toBeUndefined());
    });

    it('getters and setters forward to the implementation while the gate is open (no silent undefined), and throw EXTENSION_POINT_CLOSED after', async () => {
      const seen: { before?: unknown; after?: unknown } = {};
      const { app, victim, view } = withEvilModule(kind, (held) => {
        seen.before = held.count;
        held.add('by evil');
        seen.after = held.count;
        held.label = 'set by evil';
      });
      await withStarted(app, () => {
        expect(typeof seen.before).toBe('number');
        expect(seen.after).toBe((seen.before as number) + 1);
        expect(victim.implementations.some((implementation) => (implementation as Things).label === 'set by evil')).toBe(true);
        expect(outcome(thrownSync(() => view().count))).toBe('PlugboardError EXTENSION_POINT_CLOSED');
        expect(outcome(thrownSync(() => (view().label = 'late')))).toBe('PlugboardError EXTENSION_POINT_CLOSED');
        expect(victim.implementations.some((implementation) => (implementation as Things).label === 'late')).toBe(false);
      });
    });

    it('what a module can print or copy of the view (util.inspect with showHidden and showProxy, JSON.stringify, spread, Object.assign, Object.entries, for…in) never contains the implementation’s data', async () => {
      const copies: string[] = [];
      const { app } = withEvilModule(kind, (view) => {
        const attempts: Array<() => unknown> = [
          () => inspect(view, { showHidden: true, showProxy: true, depth: 5, getters: true }),
          () => inspect(view, { showHidden: true, depth: 5 }),
          () => JSON.stringify(view),
          () => JSON.stringify({ ...view }),
          () => JSON.stringify(Object.assign({}, view)),
          () => JSON.stringify(Object.entries(view)),
          () => {
            const keys: string[] = [];
            for (const key in view) keys.push(`${key}=${String(asRecord(view)[key])}`);
            return keys.join(',');
          },
        ];
        for (const attempt of attempts) {
          try {
            copies.push(String(attempt()));
          } catch (error) {
            copies.push(error instanceof Error ? error.message : String(error));
          }
        }
      });
      await withStarted(app, () => {
        expect(copies.filter((copy) => copy.includes(SECRET))).toEqual([]);
      });
    });
  });

  describe('writing', () => {
    const writes: ReadonlyArray<readonly [string, (view: Record<string | symbol, unknown>) => void]> = [
      ['assigning over a method (view.add = …)', (view) => (view['add'] = noop)],
      ['assigning a new property', (view) => (view['planted'] = 1)],
      ['Object.defineProperty of a method', (view) => Object.defineProperty(view, 'add', { value: noop })],
      ['Object.defineProperty of a `then` getter', (view) => Object.defineProperty(view, 'then', { get: noop })],
      ['Object.prototype.__defineGetter__.call(view, …)', (view) => defineGetter.call(view, 'x', noop)],
      ['delete of a method', (view) => delete view['add']],
      ['Object.setPrototypeOf', (view) => void Object.setPrototypeOf(view, { add: noop })],
      ['assigning __proto__', (view) => (view['__proto__'] = { add: noop })],
    ];

    it.each(writes)(
      '%s throws EXTENSION_POINT_FIELD and changes nothing: the view still forwards, the other holders’ views too',
      async (_name, write) => {
        let thrown: unknown;
        const { app, victim } = withEvilModule(kind, (view) => {
          thrown = thrownSync(() => write(asRecord(view)));
          view.add('after the write');
        });
        await withStarted(app, () => {
          // Read once the provider holds the implementation (a useClass one is injected after the modules).
          const addedAfter = victim.implementations.some((implementation) => (implementation as Things).list().includes('after the write'));
          expect(outcome(thrown)).toBe('PlugboardError EXTENSION_POINT_FIELD');
          expect(addedAfter).toBe(true);
          expect(asRecord(victim.friendView!)['planted']).toBeUndefined();
          expect(asRecord(victim.friendView!)['x']).toBeUndefined();
        });
      },
    );
  });

  describe('the prototype', () => {
    it('Object.getPrototypeOf(view) is frozen, and view.constructor / view.__proto__ lead to no implementation, class or class prototype', async () => {
      const { app, victim, view } = withEvilModule(kind, noop);
      await withStarted(app, () => {
        const prototype = Object.getPrototypeOf(view()) as object | null;
        if (prototype !== null) expect(Object.isFrozen(prototype)).toBe(true);
        const read = (key: string): unknown => {
          try {
            return asRecord(view())[key];
          } catch {
            return undefined;
          }
        };
        const secrets = Object.entries(victimSecrets(victim));
        const leaks = ['constructor', '__proto__']
          .map((key) => [key, read(key)] as const)
          .flatMap(([key, value]) => secrets.filter(([, secret]) => secret === value).map(([name]) => `view.${key} is ${name}`));
        expect(leaks).toEqual([]);
      });
    });

    it('planting a method or getter on the view’s prototype is refused, and no other view (of this plugin or another) ever sees it', async () => {
      const refusals: unknown[] = [];
      const { app, victim } = withEvilModule(kind, (view) => {
        const prototype = Object.getPrototypeOf(view) as object | null;
        if (prototype === null) return;
        refusals.push(tamper.set(prototype, 'planted', 'planted by evil'));
        refusals.push(tamper.define(prototype, 'list', { value: () => ['forged'], configurable: true, writable: true }));
        refusals.push(tamper.set(prototype, 'constructor', function Evil() {}));
      });
      await withStarted(app, () => {
        expect(refusals.map(outcome).filter((result) => result === 'nothing thrown')).toEqual([]);
        expect(asRecord(victim.friendView!)['planted']).toBeUndefined();
        expect(asRecord(victim.pluginView!)['planted']).toBeUndefined();
      });
    });
  });

  describe('the gate', () => {
    it('after the gate closed, vandalizing everything reachable from the view (flip booleans, empty arrays, replace functions) leaves every holder’s view closed and the implementation unchanged', async () => {
      const { app, victim, view } = withEvilModule(kind, noop);
      await withStarted(app, () => {
        const before = victim.implementations.map((implementation) => (implementation as Things).list());
        vandalize({ view: view() }, tamper);
        expect(outcome(thrownSync(() => view().add('after reopening')))).toBe('PlugboardError EXTENSION_POINT_CLOSED');
        expect(outcome(thrownSync(() => victim.friendView!.add('after reopening')))).toBe('PlugboardError EXTENSION_POINT_CLOSED');
        tamper.restore(); // read the implementation with its own methods
        expect(victim.implementations.map((implementation) => (implementation as Things).list())).toEqual(before);
      });
    });

    it('after the gate closed, a method called with another `this` (an object made from the view with its own keys copied and booleans cleared, a plain object, the friend’s view) runs nothing and throws only PlugboardErrors', async () => {
      const { app, victim, view } = withEvilModule(kind, noop);
      await withStarted(app, () => {
        const held = view();
        const before = victim.implementations.map((implementation) => (implementation as Things).list());
        // The attack is exactly this: a method taken off the view, called on something else.
        // eslint-disable-next-line @typescript-eslint/unbound-method
        const add = thrownSync(() => held.add) === undefined ? (held.add as (this: unknown, item: string) => unknown) : undefined;
        const forged = Object.create(held) as Record<string | symbol, unknown>;
        // Anything the view holds that looks like a gate (an object with a boolean) gets a reopened copy.
        for (const key of Reflect.ownKeys(held)) {
          const value = Object.getOwnPropertyDescriptor(held, key)?.value as unknown;
          if (typeof value !== 'object' || value === null) continue;
          const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
          const booleans = Object.keys(copy).filter((field) => typeof copy[field] === 'boolean');
          if (booleans.length === 0) continue;
          for (const field of booleans) copy[field] = false;
          Object.defineProperty(forged, key, { value: copy });
        }
        const outcomes = [forged, {}, victim.friendView, Object.create(victim.friendView!) as object].map((self) =>
          add === undefined ? 'PlugboardError (read refused)' : outcome(thrownSync(() => add.call(self, 'sneaked in'))),
        );
        expect(outcomes.filter((result) => !result.startsWith('PlugboardError'))).toEqual([]);
        expect(victim.implementations.map((implementation) => (implementation as Things).list())).toEqual(before);
      });
    });

    it('before the gate closes, a method called with `this` = a plain object does not throw a raw TypeError: it is refused with a PlugboardError or forwards to the view’s own implementation', async () => {
      let result = 'not run';
      const { app } = withEvilModule(kind, (view) => {
        // eslint-disable-next-line @typescript-eslint/unbound-method -- the attack: a method called on something else
        const add = view.add as (this: unknown, item: string) => unknown;
        result = outcome(thrownSync(() => add.call({}, 'with a plain this')));
      });
      await withStarted(app, () => {
        expect(result).toMatch(/^(nothing thrown|PlugboardError)/);
      });
    });
  });

  describe('errors', () => {
    it('the errors a view throws (a field read, a late call) carry ids and words only: nothing reachable from them leads to the implementation, a view or the victim', async () => {
      const thrown: Record<string, unknown> = {};
      const { app, victim, view } = withEvilModule(kind, (held) => (thrown['field'] = thrownSync(() => asRecord(held)['secret'])));
      await withStarted(app, () => {
        thrown['closed'] = thrownSync(() => view().add('late'));
        expect(Object.values(thrown).map(outcome)).toEqual([
          'PlugboardError EXTENSION_POINT_FIELD',
          'PlugboardError EXTENSION_POINT_CLOSED',
        ]);
        expect(leaks(crawl(thrown), victimSecrets(victim))).toEqual([]);
        expect(Object.values(thrown).filter((error) => String((error as Error).message).includes(SECRET))).toEqual([]);
      });
    });
  });

  describe('holders', () => {
    it('views are per holder: the plugin’s, the friend’s and the evil module’s views are three distinct objects, none is an implementation', async () => {
      const { app, victim, view } = withEvilModule(kind, noop);
      await withStarted(app, () => {
        const views = [victim.pluginView, victim.friendView, view()];
        expect(new Set(views).size).toBe(3);
        for (const held of views) expect(victim.implementations).not.toContain(held);
      });
    });

    it('closing is per point: once the provider’s @onInit starts, every holder’s view is closed at once', async () => {
      const { app, victim, view } = withEvilModule(kind, noop);
      await withStarted(app, () => {
        for (const held of [victim.pluginView!, victim.friendView!, view()]) {
          expect(outcome(thrownSync(() => held.add('late')))).toBe('PlugboardError EXTENSION_POINT_CLOSED');
        }
      });
    });
  });
});

describe('a prototype shared between plugins (both implement their point with the same library class)', () => {
  it('a `then` getter planted by a module of the hostile plugin on its view’s prototype never runs on the victim’s views (plugboard checks views for thenables), so it loots nothing', async () => {
    const looted: Reach[] = [];
    const planted: unknown[] = [];
    let busy = false;
    const { app, victim } = scenario({
      victimDependsOn: ['hostile'], // the hostile plugin starts first and plants before the victim's modules are built
      attackers: [
        hostilePlugin(),
        hostileModule('hostile', 'evil', hostileThings, {
          construct: ({ view }) => {
            const prototype = Object.getPrototypeOf(view) as object | null;
            if (prototype === null) return;
            planted.push(
              tamper.define(prototype, 'then', {
                configurable: true,
                get(this: unknown) {
                  // The crawl reads `then` too: loot once per object, not recursively.
                  if (this !== view && !busy) {
                    busy = true;
                    looted.push(crawl({ this: this }));
                    busy = false;
                  }
                  return undefined;
                },
              }),
            );
          },
        }),
      ],
    });
    await withStarted(app, () => {
      const secrets = victimSecrets(victim, { sharedClass: true });
      expect(looted.flatMap((reach) => leaks(reach, secrets))).toEqual([]);
      expect(planted.map(outcome)).not.toContain('nothing thrown');
    });
  });

  it('a method planted on the hostile view’s prototype is not seen on the victim’s view', async () => {
    const { app, victim } = scenario({
      victimDependsOn: ['hostile'],
      attackers: [
        hostilePlugin(),
        hostileModule('hostile', 'evil', hostileThings, {
          construct: ({ view }) => {
            const prototype = Object.getPrototypeOf(view) as object | null;
            if (prototype !== null) tamper.set(prototype, 'steal', () => 'stolen');
          },
        }),
      ],
    });
    await withStarted(app, () => {
      expect(asRecord(victim.friendView!)['steal']).toBeUndefined();
    });
  });

  it('views of the two plugins never compare equal, and nothing reachable from the hostile view leads to the victim (the library class aside, which the hostile imports anyway)', async () => {
    let hostileReach: Reach | undefined;
    let hostileView: Things | undefined;
    const { app, victim } = scenario({
      attackers: [
        hostilePlugin(),
        hostileModule('hostile', 'evil', hostileThings, {
          construct: ({ view }) => {
            hostileView = view;
            hostileReach = crawl({ view });
          },
        }),
      ],
    });
    await withStarted(app, () => {
      expect(hostileView).not.toBe(victim.friendView);
      expect(leaks(hostileReach!, victimSecrets(victim, { sharedClass: true }))).toEqual([]);
    });
  });
});
