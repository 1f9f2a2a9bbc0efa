import fc from 'fast-check';
import { PlugboardError, type WiringProblem } from 'plugboard';
import { quietBuilder } from '../support.js';
import { appArbitrary, build, runs, type AppSpec } from './model.js';

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown): void => void unhandled.push(reason);
const listenerCounts = (): number[] =>
  ['SIGTERM', 'SIGINT', 'exit', 'beforeExit', 'uncaughtException'].map((e) => process.listenerCount(e));
let listenersBefore: number[];

beforeAll(() => {
  process.on('unhandledRejection', onUnhandled);
  listenersBefore = listenerCounts();
});
afterAll(() => {
  process.off('unhandledRejection', onUnhandled);
});

const matches = (problems: readonly WiringProblem[], defect: AppSpec['defects'][number]): boolean =>
  problems.some(
    (p) =>
      p.code === defect.kind &&
      ('pluginId' in defect ? p.pluginId === defect.pluginId : true) &&
      ('moduleId' in defect ? p.moduleId === defect.moduleId : true) &&
      ('refId' in defect ? p.refId === defect.refId : true),
  );

describe('properties over generated apps', () => {
  it('1. validate() reports problems iff the app is broken, and each injected defect with its code and ids', async () => {
    await fc.assert(
      fc.asyncProperty(appArbitrary({ maxPlugins: 8, maxModules: 6, defects: true, failures: false }), async (spec) => {
        const { features, journal } = build(spec);
        const app = quietBuilder()
          .add(features as never)
          .build();
        const problems = await app.validate();
        if (spec.defects.length === 0) expect(problems).toEqual([]);
        else for (const defect of spec.defects) expect([defect, matches(problems, defect)]).toEqual([defect, true]);
        if (problems.length > 0) {
          const error = await app.start().catch((e: unknown) => e);
          expect(error).toBeInstanceOf(PlugboardError);
          expect((error as PlugboardError).code).toBe('INVALID_WIRING');
          expect(journal.events).toEqual([]); // no user code ran
        }
      }),
      runs(80),
    );
  });

  it('2. sound apps: modules before their plugin, users before providers, each plugin sees exactly its own modules’ items', async () => {
    await fc.assert(
      fc.asyncProperty(appArbitrary({ maxPlugins: 6, maxModules: 6, defects: false, failures: false }), async (spec) => {
        const { features, journal } = build(spec);
        const app = quietBuilder()
          .add(features as never)
          .build();
        await app.start();
        const at = (event: string): number => journal.events.findIndex((e) => e === event || e.startsWith(`${event} `));
        for (const plugin of spec.plugins) {
          for (const module of plugin.modules) {
            expect(at(`up:${plugin.id}/${module.id}`)).toBeLessThan(at(`init:${plugin.id}`));
            for (const used of module.uses) {
              const provider = plugin.modules[used]!;
              if (!provider.provides) continue;
              expect(at(`up:${plugin.id}/${module.id}`)).toBeLessThan(at(`init:${plugin.id}/${provider.id}`));
            }
          }
          const own = plugin.modules.map((m) => `${plugin.id}/${m.id}`).sort();
          expect(journal.seen.get(plugin.id)!.sort()).toEqual(own);
          // a provider saw exactly the items of the modules that use it
          plugin.modules.forEach((provider, index) => {
            if (!provider.provides) return;
            const users = plugin.modules
              .filter((m) => m.uses.includes(index))
              .map((m) => `${plugin.id}/${m.id}`)
              .sort();
            expect(journal.events).toContain(`init:${plugin.id}/${provider.id} saw ${users.join(',')}`);
          });
        }
        await app.stop();
      }),
      runs(50),
    );
  });

  it('3. plugin-scoped instances are never shared between plugins; root-scoped ones always are', async () => {
    await fc.assert(
      fc.asyncProperty(appArbitrary({ maxPlugins: 6, maxModules: 4, defects: false, failures: false }), async (spec) => {
        const { features, journal } = build(spec);
        const app = quietBuilder()
          .add(features as never)
          .build();
        await app.start();
        for (const service of spec.services) {
          const byPlugin = new Map<string, Set<object>>();
          for (const [who, instances] of journal.instances) {
            const instance = instances.get(service.id);
            if (instance === undefined) continue;
            const pluginId = who.split('/')[0]!;
            byPlugin.set(pluginId, (byPlugin.get(pluginId) ?? new Set()).add(instance));
          }
          const all = new Set([...byPlugin.values()].flatMap((set) => [...set]));
          for (const set of byPlugin.values()) expect(set.size).toBe(1); // shared within a plugin
          expect(all.size).toBe(service.scope === 'root' ? Math.min(1, byPlugin.size) : byPlugin.size);
        }
        await app.stop();
      }),
      runs(50),
    );
  });

  it('4. stop() runs every started @onShutdown exactly once, in reverse order, and never one that did not start', async () => {
    await fc.assert(
      fc.asyncProperty(appArbitrary({ maxPlugins: 6, maxModules: 6, defects: false, failures: false }), async (spec) => {
        const { features, journal } = build(spec);
        const app = quietBuilder()
          .add(features as never)
          .build();
        await app.start();
        await app.stop();
        await app.stop();
        const ups = journal.events.filter((e) => e.startsWith('up:')).map((e) => e.slice(3));
        const stops = journal.events.filter((e) => e.startsWith('stop:')).map((e) => e.slice(5));
        expect([...stops].sort()).toEqual([...ups].sort());
        for (const plugin of spec.plugins) {
          const mine = (name: string): boolean => name === plugin.id || name.startsWith(`${plugin.id}/`);
          expect(stops.filter(mine)).toEqual(ups.filter(mine).reverse());
        }
      }),
      runs(50),
    );
  });

  it("5. with init failures, 'abort' rejects after stopping everything started; 'continue' leaves out exactly the failing plugins", async () => {
    await fc.assert(
      fc.asyncProperty(
        appArbitrary({ maxPlugins: 6, maxModules: 4, defects: false, failures: true }),
        fc.constantFrom<'abort' | 'continue'>('abort', 'continue'),
        async (spec, policy) => {
          const { features, journal } = build(spec);
          const app = quietBuilder({ onPluginBootFailure: policy })
            .add(features as never)
            .build();
          const failing = new Set(spec.plugins.filter((p) => p.fails || p.modules.some((m) => m.fails)).map((p) => p.id));
          const outcome = await app.start().then(
            () => 'started',
            (e: unknown) => e,
          );
          if (policy === 'abort' && failing.size > 0) {
            expect(outcome).toBeInstanceOf(PlugboardError);
            expect(['INIT_FAILED', 'INIT_TIMEOUT']).toContain((outcome as PlugboardError).code);
            expect(failing).toContain((outcome as PlugboardError).pluginId);
          } else {
            expect(outcome).toBe('started');
            const statuses = Object.fromEntries(app.describe().plugins.map((p) => [p.id, p.status]));
            for (const plugin of spec.plugins)
              expect([plugin.id, statuses[plugin.id]]).toEqual([plugin.id, failing.has(plugin.id) ? 'failed' : 'started']);
            await app.stop();
          }
          // afterwards every feature that came up has been stopped exactly once
          const ups = journal.events
            .filter((e) => e.startsWith('up:'))
            .map((e) => e.slice(3))
            .sort();
          const stops = journal.events
            .filter((e) => e.startsWith('stop:'))
            .map((e) => e.slice(5))
            .sort();
          expect(stops).toEqual(ups);
        },
      ),
      runs(60),
    );
  });

  it('6. no unhandled rejection and no leaked process listener in any run', () => {
    expect(unhandled).toEqual([]);
    expect(listenerCounts()).toEqual(listenersBefore);
  });
});
