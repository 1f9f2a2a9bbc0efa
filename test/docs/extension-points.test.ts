// The samples of docs/extension-points.md, run (test/docs/samples.test.ts keeps them verbatim).
import { inspect } from 'node:util';
import {
  ContainerBuilder,
  createExtensionPoint,
  inject,
  Module,
  onInit,
  onShutdown,
  Plugin,
  PlugboardError,
  Service,
  type ExtensionPointFactoryContext,
} from 'plugboard';
import { quietBuilder } from '../support.js';
import * as versioning from './extension-points-versioning.js';

interface Processor {
  readonly name: string;
}
interface Storage {
  readonly kind: string;
}

export interface ProcessorsExtensionPoint {
  addProcessor(processor: Processor): void;
}
export const processorsExtensionPoint = createExtensionPoint<ProcessorsExtensionPoint>({ id: 'catalog.processors' });

@Service()
export class Processors implements ProcessorsExtensionPoint {
  private readonly processors: Processor[] = [];
  addProcessor(processor: Processor): void {
    this.processors.push(processor);
  }
  /** Only the plugin sees this: it injects the class, modules get the interface. */
  list(): readonly Processor[] {
    return this.processors;
  }
}

export interface StorageExtensionPoint {
  setStorage(storage: Storage): void;
}
export const storageExtensionPoint = createExtensionPoint<StorageExtensionPoint>({ id: 'todo.storage' });

@Service()
export class StorageSlot implements StorageExtensionPoint {
  private storage?: Storage;
  setStorage(storage: Storage): void {
    if (this.storage !== undefined) {
      throw new Error('todo.storage is already set: install exactly one storage module');
    }
    this.storage = storage;
  }
  get(): Storage {
    if (this.storage === undefined) throw new Error('todo.storage: no storage module is installed');
    return this.storage;
  }
}

// What the samples below use.
const logged: string[] = [];
const log = (line: string): void => void logged.push(line);
let announced: string[] = [];
const announce = (ids: string[]): void => void (announced = ids);
interface Action {
  readonly id: string;
  run(input: Record<string, string>): string;
}
interface ActionsExtensionPoint {
  addAction(action: Action): void;
}
const actionsExtensionPoint = createExtensionPoint<ActionsExtensionPoint>({ id: 'scaffolder.actions' });
const shutDown: string[] = [];
function actionModule(id: string, ...actions: Action[]) {
  @Module({ pluginId: 'scaffolder', id })
  class ActionModule {
    constructor(@inject(actionsExtensionPoint) private readonly actions: ActionsExtensionPoint) {}
    @onInit() init(): void {
      for (const action of actions) this.actions.addAction(action);
    }
    @onShutdown() close(): void {
      shutDown.push(id);
    }
  }
  return ActionModule;
}
const publish: Action = { id: 'github:publish', run: () => 'published' };
const GithubActionsModule = actionModule('github-actions', publish);
const LegacyActionsModule = actionModule('legacy-actions', { id: '', run: () => 'legacy' });

export interface RoutesExtensionPoint {
  addRoute(path: string): RoutesExtensionPoint;
  readonly count: number;
}
export const routesExtensionPoint = createExtensionPoint<RoutesExtensionPoint>({ id: 'web.routes' });

@Service()
export class Routes implements RoutesExtensionPoint {
  readonly paths: string[] = [];
  addRoute(path: string): this {
    this.paths.push(path);
    return this;
  }
  get count(): number {
    return this.paths.length;
  }
}

@Module({ pluginId: 'web', id: 'health' })
export class HealthRoutesModule {
  constructor(@inject(routesExtensionPoint) private readonly routes: RoutesExtensionPoint) {}

  @onInit()
  init(): void {
    this.routes.addRoute('/health').addRoute('/ready'); // fluent: each call returns the view
    log(`routes so far: ${this.routes.count}`); // a getter: forwarded
    // (this.routes as unknown as Routes).paths would throw EXTENSION_POINT_FIELD
  }
}

@Service()
export class ActionRegistry {
  readonly #actions = new Map<string, Action>();
  add(action: Action): void {
    this.#actions.set(action.id, action);
  }
  ids(): string[] {
    return [...this.#actions.keys()];
  }
}

@Plugin({
  id: 'scaffolder',
  extensionPoints: [
    {
      provide: actionsExtensionPoint,
      deps: { registry: ActionRegistry },
      useFactory: (context, deps) => {
        const registry = deps['registry'] as ActionRegistry;
        return {
          addAction(action: Action): void {
            if (!action.id) {
              const error = new Error(`module '${context.moduleId}' added an action without an id`);
              context.reportModuleStartupFailure({ error });
              return;
            }
            registry.add(action);
          },
        };
      },
    },
  ],
})
export class ScaffolderPlugin {
  constructor(@inject(ActionRegistry) private readonly registry: ActionRegistry) {}

  @onInit()
  init(): void {
    announce(this.registry.ids());
  }
}

const causes = (error: unknown): unknown[] => {
  const chain: unknown[] = [];
  for (let at = error; at instanceof Error && chain.length < 10; at = at.cause) chain.push(at);
  return chain;
};

describe('docs/extension-points.md', () => {
  it('lets the plugin read what modules added, while modules only see the interface', async () => {
    let seen: readonly Processor[] = [];
    @Plugin({ id: 'catalog', extensionPoints: [{ provide: processorsExtensionPoint, useClass: Processors }] })
    class Catalog {
      constructor(@inject(Processors) private readonly processors: Processors) {}
      @onInit() init(): void {
        seen = this.processors.list();
      }
    }
    @Module({ pluginId: 'catalog', id: 'github' })
    class Github {
      constructor(@inject(processorsExtensionPoint) private readonly processors: ProcessorsExtensionPoint) {}
      @onInit() init(): void {
        this.processors.addProcessor({ name: 'github' });
        expect('list' in this.processors).toBe(true); // forwarded, but not part of the type modules see
      }
    }
    const app = quietBuilder().add([Catalog, Github]).build();
    await app.start();
    expect(seen).toEqual([{ name: 'github' }]);
    await app.stop();
  });

  it('fails start with INIT_FAILED when two modules set a set-once extension point', async () => {
    @Plugin({ id: 'todo', extensionPoints: [{ provide: storageExtensionPoint, useClass: StorageSlot }] })
    class Todo {}
    const storageModule = (id: string) => {
      @Module({ pluginId: 'todo', id })
      class StorageModule {
        constructor(@inject(storageExtensionPoint) private readonly slot: StorageExtensionPoint) {}
        @onInit() init(): void {
          this.slot.setStorage({ kind: id });
        }
      }
      return StorageModule;
    };
    const app = quietBuilder()
      .add([Todo, storageModule('memory'), storageModule('postgres')])
      .build();
    await expect(app.start()).rejects.toMatchObject({
      code: 'INIT_FAILED',
      message: expect.stringContaining('todo.storage is already set'),
    });
  });

  it('versions by adding a V2 next to the deprecated original: modules on either version add to one list', async () => {
    @Module({ pluginId: 'catalog', id: 'legacy' })
    class LegacyModule {
      constructor(@inject(versioning.processorsExtensionPoint) private readonly processors: versioning.ProcessorsExtensionPoint) {}
      @onInit() init(): void {
        this.processors.addProcessor({ name: 'legacy' });
      }
    }
    @Module({ pluginId: 'catalog', id: 'modern' })
    class ModernModule {
      constructor(@inject(versioning.processorsExtensionPointV2) private readonly processors: versioning.ProcessorsExtensionPointV2) {}
      @onInit() init(): void {
        this.processors.addProcessor({ name: 'modern' }, { priority: 10 });
      }
    }
    const app = quietBuilder().add([versioning.CatalogPlugin, LegacyModule, ModernModule]).build();
    await app.start();
    expect(versioning.processed).toEqual([[{ name: 'modern' }, { name: 'legacy' }]]);
    const users = Object.fromEntries(app.describe().extensionPoints.map((point) => [point.id, point.users]));
    expect(users).toEqual({
      'catalog.processors': [{ pluginId: 'catalog', moduleId: 'legacy' }],
      'catalog.processors.v2': [{ pluginId: 'catalog', moduleId: 'modern' }],
    });
    await app.stop();
  });

  describe('views', () => {
    let view: RoutesExtensionPoint | undefined;
    @Plugin({ id: 'web', extensionPoints: [{ provide: routesExtensionPoint, useClass: Routes }] })
    class Web {
      constructor(@inject(Routes) readonly routes: Routes) {}
    }
    @Module({ pluginId: 'web', id: 'spy' })
    class Spy {
      constructor(@inject(routesExtensionPoint) routes: RoutesExtensionPoint) {
        view = routes;
      }
    }

    it('forwards methods and getters, gives the view back from a fluent call, refuses fields and writes, and leads nowhere', async () => {
      const app = quietBuilder().add([Web, HealthRoutesModule, Spy]).build();
      await app.start();
      expect(logged).toContain('routes so far: 2');
      const routes = view!;
      expect(() => (routes as unknown as Routes).paths).toThrow(
        expect.objectContaining({ code: 'EXTENSION_POINT_FIELD', extensionPointId: 'web.routes', moduleId: 'spy' }),
      );
      expect(() => ((routes as unknown as { count: number }).count = 3)).toThrow(
        expect.objectContaining({ code: 'EXTENSION_POINT_FIELD' }),
      );
      expect(() => delete (routes as unknown as { addRoute?: unknown }).addRoute).toThrow(
        expect.objectContaining({ code: 'EXTENSION_POINT_FIELD' }),
      );
      expect((routes as unknown as { then?: unknown }).then).toBeUndefined();
      expect(Object.keys(routes)).toEqual([]);
      expect(JSON.stringify(routes)).toBe('{}');
      expect(Object.isFrozen(Object.getPrototypeOf(routes))).toBe(true);
      expect((routes as unknown as { constructor?: unknown }).constructor).toBeUndefined();
      expect(inspect(routes, { showHidden: true })).not.toMatch(/health|paths/);
      // Closed once the plugin's @onInit started: methods and getters alike.
      expect(() => routes.addRoute('/late')).toThrow(expect.objectContaining({ code: 'EXTENSION_POINT_CLOSED', moduleId: 'spy' }));
      expect(() => routes.count).toThrow(expect.objectContaining({ code: 'EXTENSION_POINT_CLOSED' }));
      await app.stop();
    });

    it('gives the view back from a fluent call: a chain never reaches the implementation', async () => {
      let returned: unknown;
      @Module({ pluginId: 'web', id: 'chain' })
      class Chain {
        constructor(@inject(routesExtensionPoint) routes: RoutesExtensionPoint) {
          returned = routes.addRoute('/a');
          expect(returned).toBe(routes);
        }
      }
      const app = quietBuilder().add([Web, Chain]).build();
      await app.start();
      expect(returned).not.toBeInstanceOf(Routes);
      await app.stop();
    });
  });

  it('refuses a module that injects the implementation class: IMPLEMENTATION_INJECTED', async () => {
    @Plugin({ id: 'web', extensionPoints: [{ provide: routesExtensionPoint, useClass: Routes }] })
    class Web {}
    @Module({ pluginId: 'web', id: 'sneaky' })
    class Sneaky {
      constructor(@inject(Routes) readonly routes: Routes) {}
    }
    const problems = await quietBuilder().add([Web, Sneaky]).build().validate();
    expect(problems).toEqual([
      expect.objectContaining({ code: 'IMPLEMENTATION_INJECTED', pluginId: 'web', moduleId: 'sneaky', extensionPointId: 'web.routes' }),
    ]);
  });

  it('shares a useValue object between every app in the process; useClass gives each app its own', async () => {
    const shared = new Routes();
    @Plugin({ id: 'web', extensionPoints: [{ provide: routesExtensionPoint, useValue: shared }] })
    class Web {}
    for (let run = 0; run < 2; run++) {
      const app = quietBuilder().add([Web, HealthRoutesModule]).build();
      await app.start();
      await app.stop();
    }
    expect(shared.paths).toEqual(['/health', '/ready', '/health', '/ready']);
  });

  describe('factories and reportModuleStartupFailure', () => {
    it("reports the module that added a bad action: under 'abort' the plugin fails naming it", async () => {
      const app = quietBuilder().add([ScaffolderPlugin, GithubActionsModule, LegacyActionsModule]).build();
      const failure = await app.start().catch((error: unknown) => error);
      expect(failure).toMatchObject({ code: 'INIT_FAILED', pluginId: 'scaffolder', moduleId: 'legacy-actions' });
      expect((failure as PlugboardError).message).toContain("(reported through extension point 'scaffolder.actions')");
      expect(causes(failure).at(-1)).toMatchObject({ message: "module 'legacy-actions' added an action without an id" });
    });

    it("under 'continue' leaves that module out: the plugin starts with the other modules' actions", async () => {
      shutDown.length = 0;
      const saved = process.env['LOG_LEVEL'];
      process.env['LOG_LEVEL'] = 'silent';
      try {
        const app = new ContainerBuilder({
          onModuleBootFailure: (_pluginId, moduleId) => (moduleId === 'legacy-actions' ? 'continue' : 'abort'),
        })
          .add(ScaffolderPlugin)
          .add(GithubActionsModule)
          .add(LegacyActionsModule)
          .build();
        const result = await app.start(); // outcome 'partial'; legacy-actions reads 'failed'
        expect(result).toMatchObject({
          outcome: 'partial',
          plugins: [
            {
              pluginId: 'scaffolder',
              status: 'started',
              modules: [
                { moduleId: 'github-actions', status: 'started' },
                { moduleId: 'legacy-actions', status: 'failed' },
              ],
            },
          ],
        });
        expect(announced).toEqual(['github:publish']);
        expect(shutDown).toEqual(['legacy-actions']); // its @onShutdown ran when it was left out
        await app.stop();
        expect(result.plugins[0]!.modules.map((m) => m.status)).toEqual(['stopped', 'failed']);
      } finally {
        if (saved === undefined) delete process.env['LOG_LEVEL'];
        else process.env['LOG_LEVEL'] = saved;
      }
    });

    it("refuses a report after the provider's @onInit settled (MODULE_FAILURE_TOO_LATE) and one from the provider's own context (INVALID_STATE)", async () => {
      const kept: ExtensionPointFactoryContext[] = [];
      @Plugin({
        id: 'scaffolder',
        extensionPoints: [
          {
            provide: actionsExtensionPoint,
            useFactory: (context) => {
              kept.push(context);
              return { addAction: () => undefined };
            },
          },
        ],
      })
      class Keeper {
        constructor(@inject(actionsExtensionPoint) readonly own: ActionsExtensionPoint) {}
      }
      const app = quietBuilder().add([Keeper, GithubActionsModule]).build();
      await app.start();
      const own = kept.find((context) => context.moduleId === undefined)!;
      const github = kept.find((context) => context.moduleId === 'github-actions')!;
      expect(Object.isFrozen(github)).toBe(true);
      expect(() => own.reportModuleStartupFailure({ error: new Error('x') })).toThrow(expect.objectContaining({ code: 'INVALID_STATE' }));
      expect(() => github.reportModuleStartupFailure({ error: new Error('late') })).toThrow(
        expect.objectContaining({ code: 'MODULE_FAILURE_TOO_LATE', moduleId: 'github-actions', extensionPointId: 'scaffolder.actions' }),
      );
      await app.stop();
    });
  });

  describe('leaving a module out leaves nothing behind', () => {
    const policy = { onModuleBootFailure: 'continue' as const };
    const failsAfterAdding = (id: string) => {
      @Module({ pluginId: 'web', id })
      class FailsAfterAdding {
        constructor(@inject(routesExtensionPoint) private readonly routes: RoutesExtensionPoint) {}
        @onInit() init(): void {
          this.routes.addRoute(`/${id}`);
          throw new Error(`${id} is broken`);
        }
      }
      return FailsAfterAdding;
    };

    it('rebuilds a useClass implementation from the calls of the modules that stayed', async () => {
      let seen: string[] = [];
      @Plugin({ id: 'web', extensionPoints: [{ provide: routesExtensionPoint, useClass: Routes }] })
      class Web {
        constructor(@inject(Routes) private readonly routes: Routes) {}
        @onInit() init(): void {
          seen = [...this.routes.paths];
        }
      }
      const app = quietBuilder(policy)
        .add([Web, HealthRoutesModule, failsAfterAdding('broken')])
        .build();
      const result = await app.start();
      expect(result.outcome).toBe('partial');
      expect(seen).toEqual(['/health', '/ready']);
      await app.stop();
    });

    it('fails the plugin instead when the module had called a useValue implementation', async () => {
      @Plugin({ id: 'web', extensionPoints: [{ provide: routesExtensionPoint, useValue: new Routes() }] })
      class Web {}
      const failure = await quietBuilder(policy)
        .add([Web, HealthRoutesModule, failsAfterAdding('broken')])
        .build()
        .start()
        .catch((error: unknown) => error);
      expect(failure).toMatchObject({ code: 'INIT_FAILED', pluginId: 'web', moduleId: 'broken' });
      expect((failure as PlugboardError).message).toContain('useValue');
    });
  });
});
