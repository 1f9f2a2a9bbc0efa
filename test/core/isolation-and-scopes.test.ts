import { pino } from 'pino';
import {
  coreServices,
  createExtensionPoint,
  createServiceFactory,
  createServiceRef,
  inject,
  Module,
  onInit,
  Plugin,
  PlugboardError,
  Service,
  type LoggerService,
  type PluginMetadataService,
  type ServiceRef,
} from 'plugboard';
import { quietBuilder } from '../support.js';

describe('isolation and scopes', () => {
  it('creates one plugin-scoped instance per plugin, shared by its modules, and one root instance for all', async () => {
    const perPlugin = createServiceRef<{ n: number }>({ id: 'counter.plugin', scope: 'plugin' });
    const shared = createServiceRef<{ n: number }>({ id: 'counter.root', scope: 'root' });
    let made = 0;
    const seen: Array<{ who: string; plugin: object; root: object }> = [];
    const feature = (pluginId: string) => {
      @Plugin({ id: pluginId })
      class P {
        constructor(@inject(perPlugin) p: object, @inject(shared) r: object) {
          seen.push({ who: pluginId, plugin: p, root: r });
        }
      }
      @Module({ pluginId, id: 'm' })
      class M {
        constructor(@inject(perPlugin) p: object, @inject(shared) r: object) {
          seen.push({ who: `${pluginId}/m`, plugin: p, root: r });
        }
      }
      return [P, M];
    };
    const app = quietBuilder()
      .add(feature('a'))
      .add(feature('b'))
      .add(createServiceFactory({ service: perPlugin, factory: () => ({ n: ++made }) }))
      .add(createServiceFactory({ service: shared, factory: () => ({ n: 0 }) }))
      .build();
    await app.start();
    const byWho = new Map(seen.map((s) => [s.who, s]));
    expect(byWho.get('a')!.plugin).toBe(byWho.get('a/m')!.plugin);
    expect(byWho.get('a')!.plugin).not.toBe(byWho.get('b')!.plugin);
    expect(new Set(seen.map((s) => s.root)).size).toBe(1);
    expect(made).toBe(2);
    expect(app.get(shared)).toBe(byWho.get('a')!.root);
    await app.stop();
  });

  it('binds an extension point only in its own plugin: a foreign module is refused by id before anything runs', async () => {
    const ep = createExtensionPoint<{ add(x: string): void }>({ id: 'a.things' });
    @Plugin({ id: 'a', extensionPoints: [{ provide: ep, useValue: { add() {} } }] })
    class A {}
    @Plugin({ id: 'b' })
    class B {}
    let constructed = false;
    @Module({ pluginId: 'b', id: 'intruder' })
    class Intruder {
      constructor(@inject(ep) _ep: unknown) {
        constructed = true;
      }
    }
    const app = quietBuilder().add(A).add(B).add(Intruder).build();
    const problems = await app.validate();
    expect(problems).toEqual([
      expect.objectContaining({
        code: 'EXTENSION_POINT_OF_OTHER_PLUGIN',
        pluginId: 'b',
        moduleId: 'intruder',
        extensionPointId: 'a.things',
      }),
    ]);
    await expect(app.start()).rejects.toMatchObject({ code: 'INVALID_WIRING' });
    expect(constructed).toBe(false);
  });

  it('gives plain @Service() classes one instance per plugin, and root-scoped ones one per app', async () => {
    @Service()
    class PerPlugin {}
    @Service({ scope: 'root' })
    class PerApp {}
    const seen: Array<[string, object, object]> = [];
    const make = (id: string) => {
      @Plugin({ id })
      class P {
        constructor(@inject(PerPlugin) a: PerPlugin, @inject(PerApp) b: PerApp) {
          seen.push([id, a, b]);
        }
      }
      return P;
    };
    const app = quietBuilder().add(make('x')).add(make('y')).build();
    await app.start();
    expect(seen[0]![1]).not.toBe(seen[1]![1]);
    expect(seen[0]![2]).toBe(seen[1]![2]);
    await app.stop();
  });

  it('gives plugins a logger child with { plugin } and modules one with { plugin, module }', async () => {
    const lines: Array<Record<string, unknown>> = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
    @Plugin({ id: 'catalog' })
    class Catalog {
      constructor(
        @inject(coreServices.logger) private readonly log: LoggerService,
        @inject(coreServices.pluginMetadata) private readonly meta: PluginMetadataService,
      ) {}
      @onInit() init(): void {
        this.log.info(`hello from ${this.meta.getId()}`);
      }
    }
    @Module({ pluginId: 'catalog', id: 'github' })
    class Github {
      constructor(@inject(coreServices.logger) private readonly log: LoggerService) {}
      @onInit() init(): void {
        this.log.info('module hello');
      }
    }
    const app = quietBuilder({ logger }).add(Catalog).add(Github).build();
    await app.start();
    await app.stop();
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ msg: 'hello from catalog', plugin: 'catalog' }),
        expect.objectContaining({ msg: 'module hello', plugin: 'catalog', module: 'github' }),
      ]),
    );
  });

  it('lets an installed implementation replace a core default', async () => {
    const lines: string[] = [];
    const custom = createServiceFactory({
      service: coreServices.rootLogger,
      factory: () => pino({}, { write: (line: string) => void lines.push(line) }),
    });
    @Plugin({ id: 'p' })
    class P {
      constructor(@inject(coreServices.logger) private readonly log: LoggerService) {}
      @onInit() init(): void {
        this.log.info('through the custom root logger');
      }
    }
    const app = quietBuilder().add(P).add(custom).build();
    await app.start();
    expect(lines.join('')).toContain('through the custom root logger');
    expect(app.describe().services.find((s) => s.id === 'core.rootLogger')).toMatchObject({ source: 'installed', scope: 'root' });
    await app.stop();
  });

  it('uses a defaultFactory only when nothing is installed, and may import it lazily', async () => {
    const clock: ServiceRef<{ now(): number }, 'plugin'> = createServiceRef<{ now(): number }>({
      id: 'clock',
      defaultFactory: async () => createServiceFactory({ service: clock, factory: () => ({ now: () => 1 }) }),
    });
    let got = 0;
    @Plugin({ id: 'p' })
    class P {
      constructor(@inject(clock) c: { now(): number }) {
        got = c.now();
      }
    }
    const withDefault = quietBuilder().add(P).build();
    await withDefault.start();
    expect(got).toBe(1);
    await withDefault.stop();
    const replaced = quietBuilder()
      .add(P)
      .add(createServiceFactory({ service: clock, factory: () => ({ now: () => 2 }) }))
      .build();
    await replaced.start();
    expect(got).toBe(2);
    await replaced.stop();
  });

  it('get() returns root services after start, and explains misuse', async () => {
    const perPlugin = createServiceRef<object>({ id: 'pp', scope: 'plugin' });
    const app = quietBuilder().build();
    expect(() => app.get(coreServices.rootConfig)).toThrow(expect.objectContaining({ code: 'INVALID_STATE' }));
    await app.start();
    expect(app.get(coreServices.rootConfig).has('anything')).toBe(false);
    expect(() => app.get(perPlugin)).toThrow(PlugboardError);
    expect(() => app.get(perPlugin)).toThrow(/plugin-scoped/);
    await app.stop();
  });
});
