/**
 * Issue 13.18: under onModuleBootFailure 'continue', a module that is left out leaves nothing
 * behind. What it added to a `useClass` extension point is gone (the provider sees only the other
 * modules' additions, in their original order); its startup hooks never run; the shutdown hooks it
 * registered, and its `@onShutdown` if it had finished init, run at once (and not again at stop).
 * A `useValue` or `useFactory` implementation cannot be rebuilt, so there the plugin fails instead
 * (INIT_FAILED), unless the failure was reported through that very factory. Failures reported
 * late, during the provider's `@onInit`, under 'continue' and 'abort'.
 */
import {
  coreServices,
  createExtensionPoint,
  inject,
  isPlugboardError,
  Module,
  onInit,
  onShutdown,
  Plugin,
  Service,
  type ExtensionPointFactoryContext,
  type LifecycleService,
  type RootLifecycleService,
} from 'plugboard';
import { quietBuilder } from '../support.js';
import { rejectionWithin, resolvesWithin } from './kit.js';

interface Items {
  add(item: string): void;
}
const itemsPoint = createExtensionPoint<Items>({ id: 'leave-out.items' });
const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * A module of plugin 'host' adding `items` through the point (one per event-loop turn, so the
 * modules' additions interleave), then failing if `fails`. It registers every kind of hook in its
 * constructor and records what of it ran in `events`.
 */
function itemModule(id: string, items: readonly string[], events: string[], fails = false) {
  @Module({ pluginId: 'host', id })
  class ItemModule {
    constructor(
      @inject(itemsPoint) private readonly point: Items,
      @inject(coreServices.lifecycle) lifecycle: LifecycleService,
      @inject(coreServices.rootLifecycle) rootLifecycle: RootLifecycleService,
    ) {
      lifecycle.addStartupHook(() => void events.push(`${id} startup hook`));
      lifecycle.addShutdownHook(() => void events.push(`${id} shutdown hook`));
      rootLifecycle.addStartupHook(() => void events.push(`${id} root startup hook`));
      rootLifecycle.addShutdownHook(() => void events.push(`${id} root shutdown hook`));
    }
    @onInit() async init(): Promise<void> {
      for (const item of items) {
        this.point.add(item);
        await tick();
      }
      if (fails) throw new Error(`${id} failed`);
      events.push(`${id} up`);
    }
    @onShutdown() stop(): void {
      events.push(`${id} down`);
    }
  }
  return ItemModule;
}

const of = (events: readonly string[], id: string): string[] => events.filter((event) => event.startsWith(`${id} `));

describe('a useClass extension point', () => {
  @Service()
  class ItemList implements Items {
    readonly items: string[] = [];
    add(item: string): void {
      this.items.push(item);
    }
  }

  function host(seen: string[][]) {
    @Plugin({ id: 'host', extensionPoints: [{ provide: itemsPoint, useClass: ItemList }] })
    class Host {
      constructor(@inject(ItemList) private readonly list: ItemList) {}
      @onInit() init(): void {
        seen.push([...this.list.items]);
      }
    }
    return Host;
  }

  it('the provider sees only the other modules’ additions, in their original order', async () => {
    const events: string[] = [];
    const seen: string[][] = [];
    const app = quietBuilder({ onModuleBootFailure: 'continue' })
      .add(host(seen))
      .add(itemModule('a', ['a1', 'a2'], events))
      .add(itemModule('b', ['b1', 'b2'], events, true))
      .add(itemModule('c', ['c1', 'c2'], events))
      .build();
    const result = await resolvesWithin(app.start(), 2_000);
    expect(seen).toEqual([['a1', 'c1', 'a2', 'c2']]);
    expect(result).toMatchObject({
      outcome: 'partial',
      plugins: [
        {
          pluginId: 'host',
          status: 'started',
          modules: [
            { moduleId: 'a', status: 'started' },
            { moduleId: 'b', status: 'failed' },
            { moduleId: 'c', status: 'started' },
          ],
        },
      ],
    });

    // b: its startup hooks never ran, its shutdown hooks ran at once, its @onShutdown never (it never finished init).
    expect(of(events, 'b')).toEqual(['b shutdown hook', 'b root shutdown hook']);
    expect(of(events, 'a')).toEqual(['a up', 'a startup hook', 'a root startup hook']);
    events.length = 0;
    await app.stop();
    expect(of(events, 'b')).toEqual([]);
    expect(of(events, 'a')).toEqual(['a down', 'a shutdown hook', 'a root shutdown hook']);
  });

  it('the left-out module’s view is closed: a call it makes later is refused, and reaches nothing', async () => {
    let kept: Items | undefined;
    const seen: string[][] = [];
    @Module({ pluginId: 'host', id: 'late' })
    class Late {
      constructor(@inject(itemsPoint) point: Items) {
        kept = point;
      }
      @onInit() init(): void {
        throw new Error('late failed');
      }
    }
    const app = quietBuilder({ onModuleBootFailure: 'continue' }).add(host(seen)).add(Late).build();
    await resolvesWithin(app.start(), 2_000);
    expect(() => kept!.add('too late')).toThrow(expect.objectContaining({ code: 'EXTENSION_POINT_CLOSED' }));
    expect(seen).toEqual([[]]);
    await app.stop();
  });
});

describe('useValue and useFactory extension points cannot be rebuilt', () => {
  it('useValue: a left-out module had added to it, so the plugin fails (INIT_FAILED naming the module and the point)', async () => {
    const events: string[] = [];
    const items: string[] = [];
    @Plugin({ id: 'host', extensionPoints: [{ provide: itemsPoint, useValue: { add: (item: string) => void items.push(item) } }] })
    class Host {}
    const app = quietBuilder({ onModuleBootFailure: 'continue' })
      .add([Host, itemModule('a', ['a1'], events), itemModule('b', ['b1'], events, true)])
      .build();
    const error = await rejectionWithin(app.start(), 2_000);
    expect(error).toMatchObject({ code: 'INIT_FAILED', pluginId: 'host', moduleId: 'b' });
    expect(error.message).toContain('useValue');
    expect(error.message).toContain("'leave-out.items'");
    // Everything that started was shut down, once.
    expect(events.filter((event) => event === 'a down')).toEqual(['a down']);
  });

  it('useValue: a left-out module that never touched the point is just left out', async () => {
    const events: string[] = [];
    @Plugin({ id: 'host', extensionPoints: [{ provide: itemsPoint, useValue: { add: () => undefined } }] })
    class Host {}
    const app = quietBuilder({ onModuleBootFailure: 'continue' })
      .add([Host, itemModule('a', ['a1'], events), itemModule('b', [], events, true)])
      .build();
    expect((await resolvesWithin(app.start(), 2_000)).outcome).toBe('partial');
    await app.stop();
  });

  it('useFactory: a left-out module had called its result, so the plugin fails (INIT_FAILED)', async () => {
    const events: string[] = [];
    @Plugin({ id: 'host', extensionPoints: [{ provide: itemsPoint, useFactory: () => ({ add: () => undefined }) }] })
    class Host {}
    const app = quietBuilder({ onModuleBootFailure: 'continue' })
      .add([Host, itemModule('a', ['a1'], events), itemModule('b', ['b1'], events, true)])
      .build();
    const error = await rejectionWithin(app.start(), 2_000);
    expect(error).toMatchObject({ code: 'INIT_FAILED', pluginId: 'host', moduleId: 'b' });
    expect(error.message).toContain('useFactory');
  });

  it('useFactory: a failure reported through that factory leaves the module out, its @onShutdown runs at once, the plugin starts', async () => {
    const events: string[] = [];
    const accepted: string[] = [];
    const refused = new Error('item refused');
    const seen: string[][] = [];
    @Plugin({
      id: 'host',
      extensionPoints: [
        {
          provide: itemsPoint,
          // The provider validates each addition and reports the module that made a bad one.
          useFactory: (context: ExtensionPointFactoryContext) => ({
            add: (item: string) => {
              if (item.startsWith('bad')) context.reportModuleStartupFailure({ error: refused });
              else accepted.push(item);
            },
          }),
        },
      ],
    })
    class Host {
      @onInit() init(): void {
        seen.push([...accepted]);
      }
    }
    const app = quietBuilder({ onModuleBootFailure: 'continue' })
      .add([Host, itemModule('a', ['a1'], events), itemModule('b', ['bad1'], events), itemModule('c', ['c1'], events)])
      .build();
    const result = await resolvesWithin(app.start(), 2_000);
    expect(seen).toEqual([['a1', 'c1']]);
    const b = result.plugins[0]!.modules.find((module) => module.moduleId === 'b')!;
    expect(b.status).toBe('failed');
    expect(isPlugboardError(b.error) ? b.error.cause : b.error).toBe(refused);
    // b finished its init, so its @onShutdown ran, at once; its startup hooks never.
    expect(of(events, 'b')).toEqual(['b up', 'b down', 'b shutdown hook', 'b root shutdown hook']);
    events.length = 0;
    await app.stop();
    expect(of(events, 'b')).toEqual([]);
    expect(of(events, 'a')).toContain('a down');
  });
});

describe('a failure reported late, during the provider’s @onInit', () => {
  /** Plugin 'host' whose factory keeps each module's context; its @onInit reports module `victim`. */
  function reportingHost(victim: string, reported: Error) {
    const contexts = new Map<string, ExtensionPointFactoryContext>();
    @Plugin({
      id: 'host',
      extensionPoints: [
        {
          provide: itemsPoint,
          useFactory: (context: ExtensionPointFactoryContext) => {
            contexts.set(context.moduleId!, context);
            return { add: () => undefined };
          },
        },
      ],
    })
    class Host {
      @onInit() async init(): Promise<void> {
        await tick();
        contexts.get(victim)!.reportModuleStartupFailure({ error: reported });
      }
    }
    return Host;
  }

  it("'continue': the module is left out after it started: its @onShutdown and shutdown hooks run at once, its startup hooks never", async () => {
    const events: string[] = [];
    const reported = new Error('validated late');
    const app = quietBuilder({ onModuleBootFailure: 'continue' })
      .add([reportingHost('b', reported), itemModule('a', ['a1'], events), itemModule('b', ['b1'], events)])
      .build();
    const result = await resolvesWithin(app.start(), 2_000);
    expect(result.outcome).toBe('partial');
    expect(result.plugins[0]).toMatchObject({ status: 'started', modules: [{ status: 'started' }, { moduleId: 'b', status: 'failed' }] });
    expect(of(events, 'b')).toEqual(['b up', 'b down', 'b shutdown hook', 'b root shutdown hook']);
    events.length = 0;
    await app.stop();
    expect(of(events, 'b')).toEqual([]);
  });

  it("'continue': a module reported late that had also added to a useClass point its provider already holds fails the plugin", async () => {
    interface Tags {
      tag(name: string): void;
    }
    const tagsPoint = createExtensionPoint<Tags>({ id: 'leave-out.tags' });
    class TagList implements Tags {
      readonly names: string[] = [];
      tag(name: string): void {
        this.names.push(name);
      }
    }
    const contexts = new Map<string, ExtensionPointFactoryContext>();
    const reported = new Error('validated late');
    @Plugin({
      id: 'host',
      extensionPoints: [
        {
          provide: itemsPoint,
          useFactory: (context: ExtensionPointFactoryContext) => {
            contexts.set(context.moduleId!, context);
            return { add: () => undefined };
          },
        },
        { provide: tagsPoint, useClass: TagList },
      ],
    })
    class Host {
      constructor(@inject(tagsPoint) readonly tags: Tags) {}
      @onInit() async init(): Promise<void> {
        await tick();
        contexts.get('b')!.reportModuleStartupFailure({ error: reported });
      }
    }
    @Module({ pluginId: 'host', id: 'b' })
    class Tagger {
      constructor(
        @inject(itemsPoint) private readonly items: Items,
        @inject(tagsPoint) private readonly tags: Tags,
      ) {}
      @onInit() init(): void {
        this.items.add('b1');
        this.tags.tag('from b');
      }
    }
    const app = quietBuilder({ onModuleBootFailure: 'continue' }).add([Host, Tagger]).build();
    // The provider already holds 'from b': leaving b out would leave that behind, so the plugin fails.
    const error = await rejectionWithin(app.start(), 2_000);
    expect(error).toMatchObject({ code: 'INIT_FAILED', pluginId: 'host', moduleId: 'b', extensionPointId: 'leave-out.tags' });
    expect(error.message).toContain("provider had received extension point 'leave-out.tags'");
  });

  it("'abort': the plugin fails, INIT_FAILED naming the module, the reported error as cause; everything stops once", async () => {
    const events: string[] = [];
    const reported = new Error('validated late');
    const app = quietBuilder({ onModuleBootFailure: 'abort' })
      .add([reportingHost('b', reported), itemModule('a', ['a1'], events), itemModule('b', ['b1'], events)])
      .build();
    const error = await rejectionWithin(app.start(), 2_000);
    expect(error).toMatchObject({ code: 'INIT_FAILED', pluginId: 'host', moduleId: 'b' });
    expect(error.cause).toBe(reported);
    expect(events.filter((event) => event.endsWith(' down')).sort()).toEqual(['a down', 'b down']);
    expect(events.filter((event) => event.includes('startup hook'))).toEqual([]);
  });
});
