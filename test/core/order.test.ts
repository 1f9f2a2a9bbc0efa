import { createExtensionPoint, inject, Module, onInit, onShutdown, Plugin, Service, type ExtensionPoint } from 'plugboard';
import { delay, Journal, quietBuilder } from '../support.js';

interface Items {
  add(item: string): void;
}

function registry(): new () => Items & { items: string[] } {
  @Service()
  class Registry {
    readonly items: string[] = [];
    add(item: string): void {
      this.items.push(item);
    }
  }
  return Registry;
}

function moduleOf(
  pluginId: string,
  id: string,
  journal: Journal,
  options: { uses?: ExtensionPoint<Items>; provides?: { ep: ExtensionPoint<Items>; impl: new () => Items }; ms?: number } = {},
) {
  @Module({ pluginId, id, extensionPoints: options.provides ? [{ provide: options.provides.ep, useClass: options.provides.impl }] : [] })
  class M {
    constructor(@inject(options.uses ?? options.provides!.ep) private readonly ep: Items) {}
    @onInit()
    async init(): Promise<void> {
      journal.add(`${id} start`);
      await delay(options.ms ?? 0);
      if (options.uses) this.ep.add(id);
      journal.add(`${id} end`);
    }
    @onShutdown() stop(): void {
      journal.add(`${id} stop`);
    }
  }
  return M;
}

describe('init order', () => {
  it('awaits every module (even slow ones) before the plugin init, and runs independent modules concurrently', async () => {
    const journal = new Journal();
    const ep = createExtensionPoint<Items>({ id: 'p.items' });
    const Registry = registry();
    @Plugin({ id: 'p', extensionPoints: [{ provide: ep, useClass: Registry }] })
    class P {
      constructor(@inject(Registry) private readonly registry: InstanceType<typeof Registry>) {}
      @onInit() init(): void {
        journal.add(`plugin init saw ${[...this.registry.items].sort().join(',')}`);
      }
      @onShutdown() stop(): void {
        journal.add('plugin stop');
      }
    }
    const app = quietBuilder()
      .add(P)
      .add(moduleOf('p', 'slow', journal, { uses: ep, ms: 40 }))
      .add(moduleOf('p', 'fast', journal, { uses: ep, ms: 5 }))
      .build();
    await app.start();
    // concurrency: both started before either finished
    expect(journal.indexOf('fast start')).toBeLessThan(journal.indexOf('slow end'));
    expect(journal.indexOf('slow start')).toBeLessThan(journal.indexOf('fast end'));
    expect(journal.events.at(-1)).toBe('plugin init saw fast,slow');
    await app.stop();
    // reverse order of init completion: plugin, then slow (finished last), then fast
    expect(journal.events.slice(-3)).toEqual(['plugin stop', 'slow stop', 'fast stop']);
  });

  it('inits the users of a module-provided extension point before its provider, and the provider sees all they added', async () => {
    const journal = new Journal();
    const pluginEp = createExtensionPoint<Items>({ id: 'p.root' });
    const moduleEp = createExtensionPoint<Items>({ id: 'p.extra' });
    const Registry = registry();
    @Service()
    class ExtraRegistry {
      static last?: ExtraRegistry;
      readonly items: string[] = [];
      constructor() {
        ExtraRegistry.last = this;
      }
      add(item: string): void {
        this.items.push(item);
      }
    }
    @Plugin({ id: 'p', extensionPoints: [{ provide: pluginEp, useClass: Registry }] })
    class P {
      @onInit() init(): void {
        journal.add('plugin init');
      }
    }
    @Module({ pluginId: 'p', id: 'provider', extensionPoints: [{ provide: moduleEp, useClass: ExtraRegistry }] })
    class Provider {
      constructor(@inject(ExtraRegistry) private readonly extra: ExtraRegistry) {}
      @onInit() async init(): Promise<void> {
        journal.add(`provider init saw ${[...this.extra.items].sort().join(',')}`);
      }
    }
    const app = quietBuilder()
      .add(P)
      .add(Provider)
      .add(moduleOf('p', 'user-slow', journal, { uses: moduleEp, ms: 30 }))
      .add(moduleOf('p', 'user-fast', journal, { uses: moduleEp, ms: 1 }))
      .build();
    await app.start();
    expect(journal.indexOf('provider init saw user-fast,user-slow')).toBeGreaterThan(journal.indexOf('user-slow end'));
    expect(journal.events.at(-1)).toBe('plugin init');
    expect(app.describe().plugins[0]!.moduleOrder).toEqual([['user-slow', 'user-fast'], ['provider']]);
    await app.stop();
  });

  it('starts plugins concurrently, each plugin after its own modules only', async () => {
    const journal = new Journal();
    const make = (id: string, ms: number) => {
      @Plugin({ id })
      class P {
        @onInit() async init(): Promise<void> {
          journal.add(`${id} start`);
          await delay(ms);
          journal.add(`${id} end`);
        }
      }
      return P;
    };
    const app = quietBuilder().add(make('a', 30)).add(make('b', 30)).build();
    await app.start();
    expect(journal.indexOf('b start')).toBeLessThan(journal.indexOf('a end'));
    await app.stop();
  });
});

describe('regressions', () => {
  it('starts a provider once when its users finish synchronously before the walk reaches it', async () => {
    const ep = createExtensionPoint<Items>({ id: 'p.sync-items' });
    let providerInits = 0;
    @Plugin({ id: 'p' })
    class P {}
    @Module({ pluginId: 'p', id: 'user' })
    class User {
      constructor(@inject(ep) private readonly items: Items) {}
      @onInit() init(): void {
        this.items.add('x'); // synchronous: completes inside the walk's first loop
      }
    }
    @Service()
    class Collector {
      readonly items: string[] = [];
      add(item: string): void {
        this.items.push(item);
      }
    }
    @Module({ pluginId: 'p', id: 'provider', extensionPoints: [{ provide: ep, useClass: Collector }] })
    class Provider {
      @onInit() init(): void {
        providerInits++;
      }
    }
    const app = quietBuilder().add([P, User, Provider]).build(); // the user before its provider
    await app.start();
    expect(providerInits).toBe(1);
    await app.stop();
  });

  it('rejects with START_ABORTED (not INIT_FAILED) when stop() halts a plugin in the middle of its modules', async () => {
    @Plugin({ id: 'p' })
    class P {}
    @Module({ pluginId: 'p', id: 'slow' })
    class Slow {
      @onInit() init(): Promise<void> {
        return delay(20);
      }
    }
    const app = quietBuilder().add([P, Slow]).build();
    const starting = app.start();
    await delay(5);
    await app.stop();
    await expect(starting).rejects.toMatchObject({ code: 'START_ABORTED' });
  });
});
