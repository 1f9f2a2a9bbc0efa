/**
 * Route: services (DESIGN.md "Isolation": "Plugin-scoped service instances are never shared
 * between plugins. A root-scoped singleton can never capture a plugin-scoped binding").
 *
 * A hostile module of another plugin, and a hostile root service, hold everything they can
 * inject; crawled after start, none of it may lead to the victim's instances, views, hooks or
 * implementation. Root services that would capture a plugin binding are refused by validation
 * (SCOPE_VIOLATION), and `createRootContext` refuses to read plugin-scoped deps at run time.
 */
import {
  coreServices,
  createExtensionPoint,
  createServiceFactory,
  createServiceRef,
  inject,
  Module,
  Plugin,
  Service,
  type Feature,
  type ServiceFactory,
  type ServiceRef,
  type WiringProblem,
} from 'plugboard';
import {
  cacheFactory,
  cacheRef,
  crawl,
  hostileModule,
  hostilePlugin,
  hostileRootService,
  hostileThings,
  leaks,
  outcome,
  problemsWith,
  quietBuilder,
  scenario,
  SECRET,
  thrownBy,
  victimSecrets,
  withStarted,
  type Cache,
  type Holdings,
  type RootHoldings,
} from './kit.js';

/** Validates `features`, then tries to start them. */
async function check(features: Feature[], ran: () => boolean): Promise<{ problems: WiringProblem[]; start: string; ranUserCode: boolean }> {
  const problems = await quietBuilder().add(features).build().validate();
  const app = quietBuilder().add(features).build();
  const start = outcome(await thrownBy(() => app.start()));
  await app.stop();
  return { problems, start, ranUserCode: ran() };
}

describe('plugin-scoped instances are never shared between plugins', () => {
  it('the victim and a module of the hostile plugin both inject shared.cache: two instances, each knowing its own plugin, none of the victim’s entries on the hostile side', async () => {
    let hostileCache: Cache | undefined;
    const { app, victim } = scenario({
      attackers: [hostilePlugin(), hostileModule('hostile', 'evil', undefined, { construct: ({ cache }) => (hostileCache = cache) })],
    });
    await withStarted(app, () => {
      expect(hostileCache).not.toBe(victim.cache);
      expect(hostileCache!.owner).toBe('hostile');
      expect(victim.cache!.owner).toBe('victim');
      expect([...hostileCache!.entries.values()]).not.toContain(SECRET);
    });
  });

  it('everything a module of the hostile plugin injected (every core service, shared.cache, its own extension point view), crawled after start, leads to nothing of the victim', async () => {
    let held: Holdings | undefined;
    const { app, victim } = scenario({
      attackers: [hostilePlugin(), hostileModule('hostile', 'evil', hostileThings, { construct: (holdings) => (held = holdings) })],
    });
    await withStarted(app, () => {
      const reach = crawl({ ...held });
      // The hostile plugin implements its point with the same library class: it has that class anyway.
      expect(leaks(reach, victimSecrets(victim, { sharedClass: true }))).toEqual([]);
    });
  });

  it('everything a hostile root service injected (every root core service), crawled after start, leads to nothing of the victim', async () => {
    let held: RootHoldings | undefined;
    const { app, victim } = scenario({ attackers: [hostileRootService((holdings) => (held = holdings))] });
    await withStarted(app, () => {
      expect(leaks(crawl({ ...held }), victimSecrets(victim))).toEqual([]);
    });
  });

  it('a module’s logger (its prototype chain included) leads to no other plugin’s logger: the victim’s logger is not reachable from the hostile module’s', async () => {
    let held: Holdings | undefined;
    const { app, victim } = scenario({
      attackers: [hostilePlugin(), hostileModule('hostile', 'evil', undefined, { construct: (holdings) => (held = holdings) })],
    });
    await withStarted(app, () => {
      const reach = crawl({ logger: held!.logger, rootLogger: held!.rootLogger });
      expect(reach.truncated).toBe(false); // the whole graph was searched
      expect(leaks(reach, { "the victim's logger": victim.logger })).toEqual([]);
    });
  });
});

describe('a root service never captures a plugin binding: SCOPE_VIOLATION at validation, nothing runs', () => {
  const plugin: ReadonlyArray<readonly [string, ServiceRef<unknown>]> = [
    ['shared.cache (plugin-scoped)', cacheRef],
    ['coreServices.logger', coreServices.logger],
    ['coreServices.lifecycle', coreServices.lifecycle],
    ['coreServices.pluginMetadata', coreServices.pluginMetadata],
  ];

  it.each(plugin)('a root factory depending on %s is refused, naming both refs', async (_name, dep) => {
    let ran = false;
    const spyRef = createServiceRef<object>({ id: 'hostile.capture', scope: 'root' });
    const spy = createServiceFactory({
      service: spyRef,
      deps: { captured: dep },
      factory: () => {
        ran = true;
        return {};
      },
    });
    @Plugin({ id: 'victim' })
    class Victim {
      constructor(@inject(spyRef) _spy: object) {}
    }
    const { problems, start, ranUserCode } = await check([Victim, spy, cacheFactory()], () => ran);
    const found = problemsWith(problems, 'SCOPE_VIOLATION');
    expect(found).toEqual([expect.objectContaining({ refId: 'hostile.capture' })]);
    expect(found[0]!.message).toContain(dep.id);
    expect(start).toBe('PlugboardError INVALID_WIRING');
    expect(ranUserCode).toBe(false);
  });

  it('a root @Service class injecting a plugin-scoped ref is refused', async () => {
    let ran = false;
    const spyRef = createServiceRef<object>({ id: 'hostile.capture', scope: 'root' });
    @Service({ provides: spyRef })
    class Spy {
      constructor(@inject(cacheRef) _cache: Cache) {
        ran = true;
      }
    }
    @Plugin({ id: 'victim' })
    class Victim {
      constructor(@inject(spyRef) _spy: object) {}
    }
    const { problems, start, ranUserCode } = await check([Victim, Spy, cacheFactory()], () => ran);
    expect(problemsWith(problems, 'SCOPE_VIOLATION')).toEqual([expect.objectContaining({ refId: 'hostile.capture' })]);
    expect(start).toBe('PlugboardError INVALID_WIRING');
    expect(ranUserCode).toBe(false);
  });

  it('a root-scoped class injected by class that injects a plugin-scoped ref is refused', async () => {
    let ran = false;
    @Service({ scope: 'root' })
    class Spy {
      constructor(@inject(cacheRef) _cache: Cache) {
        ran = true;
      }
    }
    @Plugin({ id: 'victim' })
    class Victim {
      constructor(@inject(Spy) _spy: Spy) {}
    }
    const { problems, start, ranUserCode } = await check([Victim, cacheFactory()], () => ran);
    expect(problemsWith(problems, 'SCOPE_VIOLATION').length).toBeGreaterThan(0);
    expect(start).toBe('PlugboardError INVALID_WIRING');
    expect(ranUserCode).toBe(false);
  });

  it('a root-scoped class injecting an extension point is refused', async () => {
    let ran = false;
    const things = createExtensionPoint<object>({ id: 'victim.things' });
    @Service({ scope: 'root' })
    class Spy {
      constructor(@inject(things) _view: object) {
        ran = true;
      }
    }
    @Plugin({ id: 'victim', extensionPoints: [{ provide: things, useValue: {} }] })
    class Victim {}
    @Module({ pluginId: 'victim', id: 'evil' })
    class Evil {
      constructor(@inject(Spy) _spy: Spy) {}
    }
    const { problems, start, ranUserCode } = await check([Victim, Evil], () => ran);
    expect(problems.length).toBeGreaterThan(0);
    expect(start).toBe('PlugboardError INVALID_WIRING');
    expect(ranUserCode).toBe(false);
  });
});

describe('createRootContext (SPEC.md) reads root-scoped deps only', () => {
  it('reading a plugin-scoped dep in createRootContext throws SCOPE_VIOLATION naming it; the plugin that needs the service fails (INIT_FAILED, cause kept) and no plugin instance was captured', async () => {
    const captured: unknown[] = [];
    let readError: unknown;
    const perPluginRef = createServiceRef<object>({ id: 'hostile.per-plugin', scope: 'plugin' });
    // createRootContext is new this round: the public type does not have it yet.
    const factory = createServiceFactory({
      service: perPluginRef,
      deps: { cache: cacheRef, config: coreServices.rootConfig },
      createRootContext: (rootDeps: Record<string, unknown>) => {
        try {
          captured.push(rootDeps['cache']);
        } catch (error) {
          readError = error;
          throw error; // a failing createRootContext fails the plugins that need the service
        }
        return {};
      },
      factory: () => ({}),
    }) as ServiceFactory<object, 'plugin'>;
    @Plugin({ id: 'victim' })
    class Victim {
      constructor(@inject(perPluginRef) _service: object) {}
    }
    const app = quietBuilder().add(Victim).add(factory).add(cacheFactory()).build();
    const thrown = await thrownBy(() => app.start());
    await app.stop();
    expect(outcome(readError)).toBe('PlugboardError SCOPE_VIOLATION');
    expect((readError as Error).message).toContain('shared.cache');
    expect(captured.filter((value) => value !== undefined)).toEqual([]);
    expect(outcome(thrown)).toBe('PlugboardError INIT_FAILED');
    expect(causeChain(thrown).map(outcome)).toContain('PlugboardError SCOPE_VIOLATION');
  });
});

/** The error and its causes, outermost first (bounded: causes can be cyclic). */
function causeChain(error: unknown): unknown[] {
  const chain: unknown[] = [];
  for (let current = error; current !== undefined && chain.length < 10; current = (current as { cause?: unknown }).cause)
    chain.push(current);
  return chain;
}
