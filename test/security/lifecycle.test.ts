/**
 * Route: the lifecycle services (DESIGN.md "Guarantees": "config readers and lifecycle services
 * are immutable to their users"; issue 13 item 11).
 *
 * `coreServices.lifecycle` and `coreServices.rootLifecycle` register hooks; that is all they
 * may do. Whatever an attacker holds (a module of the victim's own plugin, a module of another
 * plugin, a plugin-scoped service the victim uses, a root service), nothing reachable from it
 * may lead to anyone's registered hooks, and doing the worst to everything reachable (emptying
 * arrays, flipping flags, replacing functions on instances and prototypes) must not stop a
 * single victim hook from running, nor a later registration from being accepted.
 */
import {
  coreServices,
  createServiceFactory,
  createServiceRef,
  inject,
  Module,
  onInit,
  type LifecycleService,
  type RootLifecycleService,
} from 'plugboard';
import {
  crawl,
  FULL_VICTIM_JOURNAL,
  hostileModule,
  hostilePlugin,
  hostileRootService,
  leaks,
  mutableState,
  runAndStop,
  scenario,
  Tamper,
  vandalize,
  victimSecrets,
  withStarted,
  type Holdings,
  type RootHoldings,
  type VictimProbes,
} from './kit.js';

const tamper = new Tamper();
afterEach(() => tamper.restore());

/** The lifecycle objects an attacker holds. */
const lifecycles = (held: Holdings | RootHoldings): Record<string, unknown> =>
  'lifecycle' in held ? { lifecycle: held.lifecycle, rootLifecycle: held.rootLifecycle } : { rootLifecycle: held.rootLifecycle };

/** Start and stop went through, every registration of the victim was accepted, and every hook of it ran. */
function expectVictimUntouched(victim: VictimProbes, run: { start: string; stop: string }): void {
  expect({
    ...run,
    refusedRegistrations: victim.errors.map((error) => (error instanceof Error ? error.message : String(error))),
    ran: [...victim.journal].sort(),
  }).toEqual({ start: 'nothing thrown', stop: 'nothing thrown', refusedRegistrations: [], ran: FULL_VICTIM_JOURNAL });
}

describe('reading: nothing reachable from a lifecycle service leads to a registered hook', () => {
  it('a module of the victim’s own plugin: its lifecycle and rootLifecycle lead to none of the victim’s hooks', async () => {
    let held: Holdings | undefined;
    const { app, victim } = scenario({
      attackers: [hostileModule('victim', 'evil', undefined, { construct: (holdings) => (held = holdings) })],
    });
    await withStarted(app, () => {
      expect(leaks(crawl(lifecycles(held!)), victimSecrets(victim))).toEqual([]);
    });
  });

  it('a module of another plugin: its lifecycle and rootLifecycle lead to none of the victim’s hooks', async () => {
    let held: Holdings | undefined;
    const { app, victim } = scenario({
      attackers: [hostilePlugin(), hostileModule('hostile', 'evil', undefined, { construct: (holdings) => (held = holdings) })],
    });
    await withStarted(app, () => {
      expect(leaks(crawl(lifecycles(held!)), victimSecrets(victim))).toEqual([]);
    });
  });

  it('a hostile root service: its rootLifecycle leads to none of the victim’s hooks', async () => {
    let held: RootHoldings | undefined;
    const { app, victim } = scenario({ attackers: [hostileRootService((holdings) => (held = holdings))] });
    await withStarted(app, () => {
      expect(leaks(crawl(lifecycles(held!)), victimSecrets(victim))).toEqual([]);
    });
  });

  it('a plugin-scoped service the victim uses: its lifecycle leads to none of the victim’s hooks', async () => {
    let held: LifecycleService | undefined;
    const helperRef = createServiceRef<object>({ id: 'victim.helper', scope: 'plugin' });
    const helper = createServiceFactory({
      service: helperRef,
      deps: { lifecycle: coreServices.lifecycle },
      factory: ({ lifecycle }) => {
        held = lifecycle;
        return {};
      },
    });
    @Module({ pluginId: 'victim', id: 'uses-helper' })
    class UsesHelper {
      constructor(@inject(helperRef) _helper: object) {}
    }
    const { app, victim } = scenario({ attackers: [helper, UsesHelper] });
    await withStarted(app, () => {
      expect(leaks(crawl({ lifecycle: held }), victimSecrets(victim))).toEqual([]);
    });
  });

  it('lifecycle refs re-created by id (no per-module form) lead to none of the victim’s hooks either', async () => {
    const held: Record<string, unknown> = {};
    const lifecycleCopy = createServiceRef<LifecycleService>({
      id: coreServices.lifecycle.id,
      scope: 'plugin',
      defaultFactory: Reflect.get(coreServices.lifecycle, 'defaultFactory'),
    });
    const rootCopy = createServiceRef<RootLifecycleService>({
      id: coreServices.rootLifecycle.id,
      scope: 'root',
      defaultFactory: Reflect.get(coreServices.rootLifecycle, 'defaultFactory'),
    });
    @Module({ pluginId: 'victim', id: 'evil-copy' })
    class EvilCopy {
      constructor(@inject(lifecycleCopy) lifecycle: LifecycleService, @inject(rootCopy) rootLifecycle: RootLifecycleService) {
        Object.assign(held, { lifecycle, rootLifecycle });
      }
    }
    const { app, victim } = scenario({ attackers: [EvilCopy] });
    await withStarted(app, () => {
      expect(leaks(crawl(held), victimSecrets(victim))).toEqual([]);
    });
  });

  it('no state is reachable from any lifecycle service a module holds: everything a crawl reaches is frozen', async () => {
    let held: Holdings | undefined;
    const { app } = scenario({ attackers: [hostileModule('victim', 'evil', undefined, { construct: (holdings) => (held = holdings) })] });
    await withStarted(app, () => {
      expect(mutableState(crawl(lifecycles(held!)))).toEqual([]);
    });
  });
});

describe('tampering: doing the worst to everything reachable from a lifecycle service changes nothing for anyone', () => {
  it('a module of another plugin that starts after the victim vandalizes its lifecycle and rootLifecycle: every victim hook still runs', async () => {
    const { app, victim } = scenario({
      attackers: [
        hostilePlugin({ dependsOn: ['victim'] }), // the victim registered everything before the attack
        hostileModule('hostile', 'evil', undefined, { init: (holdings) => vandalize(lifecycles(holdings), tamper) }),
      ],
    });
    expectVictimUntouched(victim, await runAndStop(app));
  });

  it('a hostile root service vandalizes rootLifecycle before any plugin starts: the victim’s later registrations are accepted and all its hooks run', async () => {
    const { app, victim } = scenario({ attackers: [hostileRootService((holdings) => vandalize(lifecycles(holdings), tamper))] });
    expectVictimUntouched(victim, await runAndStop(app));
  });

  it('a module of the victim’s own plugin vandalizes its lifecycle and rootLifecycle from a startup hook (after every registration): every victim hook still runs', async () => {
    const { app, victim } = scenario({
      attackers: [
        hostileModule('victim', 'evil', undefined, {
          construct: (holdings) => holdings.lifecycle.addStartupHook(() => vandalize(lifecycles(holdings), tamper)),
        }),
      ],
    });
    expectVictimUntouched(victim, await runAndStop(app));
  });

  it('a plugin-scoped service the victim uses vandalizes the victim’s lifecycle at creation: the victim’s registrations are accepted and all its hooks run', async () => {
    const helperRef = createServiceRef<object>({ id: 'victim.helper', scope: 'plugin' });
    const helper = createServiceFactory({
      service: helperRef,
      deps: { lifecycle: coreServices.lifecycle, rootLifecycle: coreServices.rootLifecycle },
      factory: (deps) => {
        vandalize(deps, tamper);
        return {};
      },
    });
    @Module({ pluginId: 'victim', id: 'uses-helper' })
    class UsesHelper {
      constructor(@inject(helperRef) _helper: object) {}
      @onInit()
      init(): void {}
    }
    const { app, victim } = scenario({ attackers: [helper, UsesHelper] });
    expectVictimUntouched(victim, await runAndStop(app));
  });

  it('the attacker keeps its lifecycle objects and vandalizes them while the app runs (before stop): every victim shutdown hook still runs', async () => {
    let held: Holdings | undefined;
    const { app, victim } = scenario({
      attackers: [hostilePlugin(), hostileModule('hostile', 'evil', undefined, { construct: (holdings) => (held = holdings) })],
    });
    expectVictimUntouched(victim, await runAndStop(app, () => vandalize(lifecycles(held!), tamper)));
  });
});
