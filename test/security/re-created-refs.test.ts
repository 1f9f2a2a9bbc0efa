/**
 * Route: re-creating refs and extension points by id (SPEC.md `RESERVED_ID`; DESIGN.md:
 * "a dependency on an extension point … that another plugin owns" is a wiring problem;
 * "Plugin-scoped service instances are never shared between plugins").
 *
 * Tokens are matched by id, so anyone can make a token equal to another's. Ids under
 * `plugboard.` belong to plugboard (its internal context refs hold the hook registries and the
 * raw config data): a user ref or point with such an id is a problem at validation, before any
 * user code runs. Another plugin's point by id is refused; another plugin's plugin-scoped ref by
 * id yields the attacker's own instance.
 */
import {
  coreServices,
  createExtensionPoint,
  createServiceFactory,
  createServiceRef,
  inject,
  Module,
  Plugin,
  type Feature,
  type ServiceRef,
  type WiringProblem,
} from 'plugboard';
import {
  cacheRef,
  hostileModule,
  hostilePlugin,
  outcome,
  problemsWith,
  quietBuilder,
  REAL_DB_URL,
  scenario,
  SECRET,
  thrownBy,
  thrownSync,
  victimThings,
  withStarted,
  type Cache,
} from './kit.js';

/** Validates `features` and then tries to start them. */
async function check(features: Feature[], ran: () => boolean): Promise<{ problems: WiringProblem[]; start: string; ranUserCode: boolean }> {
  const problems = await quietBuilder().add(features).build().validate();
  const app = quietBuilder().add(features).build();
  const start = outcome(await thrownBy(() => app.start()));
  await app.stop();
  return { problems, start, ranUserCode: ran() };
}

const INTERNAL_IDS = [
  ['plugboard.internal.rootContext', 'root'],
  ['plugboard.internal.pluginContext', 'plugin'],
] as const;

describe('reserved ids (plugboard.*): RESERVED_ID at validation, nothing runs', () => {
  it.each(INTERNAL_IDS)(
    'createServiceRef({ id: %p }) is accepted, but a module that injects it is refused before it runs',
    async (id, scope) => {
      let ran = false;
      const stolen = createServiceRef<unknown>({ id, scope });
      @Plugin({ id: 'victim' })
      class Victim {}
      @Module({ pluginId: 'victim', id: 'evil' })
      class Evil {
        constructor(@inject(stolen) _context: unknown) {
          ran = true;
        }
      }
      const { problems, start, ranUserCode } = await check([Victim, Evil], () => ran);
      const found = problemsWith(problems, 'RESERVED_ID');
      expect(found.length).toBeGreaterThan(0);
      expect(found[0]!.message).toContain(id);
      expect(start).toBe('PlugboardError INVALID_WIRING');
      expect(ranUserCode).toBe(false);
    },
  );

  it('a root service whose factory depends on a re-created plugboard.internal.rootContext is refused before it runs', async () => {
    let ran = false;
    const stolen = createServiceRef<unknown>({ id: 'plugboard.internal.rootContext', scope: 'root' });
    const spyRef = createServiceRef<object>({ id: 'hostile.spy', scope: 'root' });
    const spy = createServiceFactory({
      service: spyRef,
      deps: { context: stolen },
      factory: () => {
        ran = true;
        return {};
      },
    });
    const { problems, start, ranUserCode } = await check([spy], () => ran);
    expect(problemsWith(problems, 'RESERVED_ID').length).toBeGreaterThan(0);
    expect(start).toBe('PlugboardError INVALID_WIRING');
    expect(ranUserCode).toBe(false);
  });

  it('installing an implementation for a plugboard.internal ref is refused with RESERVED_ID', async () => {
    const stolen = createServiceRef<object>({ id: 'plugboard.internal.pluginContext', scope: 'plugin' });
    const fake = createServiceFactory({ service: stolen, factory: () => ({ pluginId: 'forged' }) });
    @Plugin({ id: 'victim' })
    class Victim {}
    const { problems } = await check([Victim, fake], () => false);
    expect(problemsWith(problems, 'RESERVED_ID').length).toBeGreaterThan(0);
  });

  it('a user service ref under the plugboard. prefix (installed and injected) is refused with RESERVED_ID naming it', async () => {
    let ran = false;
    const mine = createServiceRef<object>({ id: 'plugboard.extras', scope: 'root' });
    const factory = createServiceFactory({
      service: mine,
      factory: () => {
        ran = true;
        return {};
      },
    });
    @Plugin({ id: 'victim' })
    class Victim {
      constructor(@inject(mine) _extras: object) {}
    }
    const { problems, start, ranUserCode } = await check([Victim, factory], () => ran);
    const found = problemsWith(problems, 'RESERVED_ID');
    expect(found.length).toBeGreaterThan(0);
    expect(found[0]!.message).toContain('plugboard.extras');
    expect(start).toBe('PlugboardError INVALID_WIRING');
    expect(ranUserCode).toBe(false);
  });

  it('createExtensionPoint({ id: "plugboard.things" }) is accepted, but providing it is refused with RESERVED_ID naming it', async () => {
    let ran = false;
    expect(outcome(thrownSync(() => createExtensionPoint<object>({ id: 'plugboard.things' })))).toBe('nothing thrown');
    const reserved = createExtensionPoint<{ add(): void }>({ id: 'plugboard.things' });
    @Plugin({ id: 'victim', extensionPoints: [{ provide: reserved, useValue: { add() {} } }] })
    class Victim {}
    @Module({ pluginId: 'victim', id: 'user' })
    class User {
      constructor(@inject(reserved) _view: object) {
        ran = true;
      }
    }
    const { problems, start, ranUserCode } = await check([Victim, User], () => ran);
    const found = problemsWith(problems, 'RESERVED_ID');
    expect(found.length).toBeGreaterThan(0);
    expect(found[0]!.message).toContain('plugboard.things');
    expect(start).toBe('PlugboardError INVALID_WIRING');
    expect(ranUserCode).toBe(false);
  });
});

describe('another plugin’s tokens by id', () => {
  it('a module of the hostile plugin injecting the victim’s extension point re-created by id is refused with EXTENSION_POINT_OF_OTHER_PLUGIN', async () => {
    let ran = false;
    const copy = createExtensionPoint<object>({ id: victimThings.id });
    @Module({ pluginId: 'hostile', id: 'evil' })
    class Evil {
      constructor(@inject(copy) _view: object) {
        ran = true;
      }
    }
    const { app } = scenario({ attackers: [hostilePlugin(), Evil] });
    const problems = await app.validate();
    expect(problemsWith(problems, 'EXTENSION_POINT_OF_OTHER_PLUGIN')).toEqual([
      expect.objectContaining({ pluginId: 'hostile', moduleId: 'evil', extensionPointId: 'victim.things' }),
    ]);
    expect(outcome(await thrownBy(() => app.start()))).toBe('PlugboardError INVALID_WIRING');
    expect(ran).toBe(false);
  });

  it('a hostile plugin providing a point with the victim’s id is refused with DUPLICATE_EXTENSION_POINT', async () => {
    const copy = createExtensionPoint<object>({ id: victimThings.id });
    @Plugin({ id: 'hostile', extensionPoints: [{ provide: copy, useValue: {} }] })
    class Hostile {}
    const { app } = scenario({ attackers: [Hostile] });
    expect(problemsWith(await app.validate(), 'DUPLICATE_EXTENSION_POINT').length).toBeGreaterThan(0);
  });

  it('a module of the hostile plugin injecting the plugin-scoped shared.cache (by its ref, or re-created by id) gets the hostile plugin’s own instance, never the victim’s', async () => {
    const copy = createServiceRef<Cache>({ id: cacheRef.id, scope: 'plugin' });
    const got: Cache[] = [];
    @Module({ pluginId: 'hostile', id: 'evil-copy' })
    class EvilCopy {
      constructor(@inject(copy) cache: Cache) {
        got.push(cache);
      }
    }
    const { app, victim } = scenario({
      attackers: [hostilePlugin(), hostileModule('hostile', 'evil', undefined, { construct: ({ cache }) => got.push(cache) }), EvilCopy],
    });
    await withStarted(app, () => {
      expect(got).toHaveLength(2);
      for (const cache of got) {
        expect(cache).not.toBe(victim.cache);
        expect(cache.owner).toBe('hostile');
        expect([...cache.entries.values()]).not.toContain(SECRET);
      }
    });
  });

  it('a re-created coreServices.lifecycle ref (same id, no per-module form) gives a hostile module its own plugin’s lifecycle only: registering through it never touches the victim', async () => {
    const copy = createServiceRef<{ addShutdownHook(hook: () => void): void }>({
      id: coreServices.lifecycle.id,
      scope: 'plugin',
      defaultFactory: Reflect.get(coreServices.lifecycle, 'defaultFactory') as never,
    });
    const ran: string[] = [];
    @Module({ pluginId: 'hostile', id: 'evil-copy' })
    class EvilCopy {
      constructor(@inject(copy) lifecycle: { addShutdownHook(hook: () => void): void }) {
        lifecycle.addShutdownHook(() => void ran.push('hostile hook'));
      }
    }
    const { app, victim } = scenario({ attackers: [hostilePlugin(), EvilCopy] });
    await withStarted(app, () => undefined);
    expect(ran).toEqual(['hostile hook']);
    expect(victim.errors).toEqual([]);
  });

  const forgedConfig = {
    has: () => false,
    keys: () => [],
    getString: () => 'postgres://attacker',
    getOptionalString: () => undefined,
    getOptionalNumber: () => undefined,
    getOptionalBoolean: () => undefined,
    getOptionalConfig: () => undefined,
  };
  it.each([
    ['a root core service', 'core.rootConfig', 'after', 'root', forgedConfig],
    ['a root core service', 'core.rootConfig', 'before', 'root', forgedConfig],
    ['a plugin-scoped core service', 'core.pluginMetadata', 'after', 'plugin', { getId: (): string => 'forged' }],
    ['a plugin-scoped core service', 'core.pluginMetadata', 'before', 'plugin', { getId: (): string => 'forged' }],
  ] as const)(
    'a module re-creating %s’s ref by id (%s) with its own defaultFactory, added %s the victim, replaces nothing: refused at validation, or everyone still gets the real implementation',
    async (_what, id, order, scope, forged) => {
      const copy: ServiceRef<unknown> = createServiceRef<unknown>({
        id,
        scope,
        defaultFactory: () => createServiceFactory({ service: copy, factory: () => forged }),
      });
      @Module({ pluginId: 'hostile', id: 'evil-copy' })
      class EvilCopy {
        constructor(@inject(copy) _forged: unknown) {}
      }
      const { app, victim } = scenario({ attackers: [hostilePlugin(), EvilCopy], attackersFirst: order === 'before' });
      const problems = await app.validate();
      if (problems.some((problem) => problem.message.includes(id))) return; // refused: fine
      await withStarted(app, () => {
        expect(victim.dbUrl[0]).toBe(REAL_DB_URL);
        expect(victim.pluginMetadata?.getId()).toBe('victim');
      });
    },
  );
});
