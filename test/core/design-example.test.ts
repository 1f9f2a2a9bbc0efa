import {
  coreServices,
  createExtensionPoint,
  createServiceFactory,
  createServiceRef,
  inject,
  Module,
  onInit,
  onShutdown,
  Plugin,
  Service,
  type LoggerService,
} from 'plugboard';
import { quietBuilder, Journal } from '../support.js';

interface Action {
  id: string;
}
interface ActionsExtensionPoint {
  addAction(action: Action): void;
}
const actionsExtensionPoint = createExtensionPoint<ActionsExtensionPoint>({ id: 'scaffolder.actions' });

interface TodoStore {
  add(t: string): void;
  list(): string[];
}
const todoStoreRef = createServiceRef<TodoStore>({ id: 'todo.store', scope: 'plugin' });

describe('the example from DESIGN.md', () => {
  it('runs modules before the plugin, and the plugin reads what they added through its implementation class', async () => {
    const journal = new Journal();

    @Service()
    class ActionsRegistry implements ActionsExtensionPoint {
      private readonly actions: Action[] = [];
      addAction(a: Action): void {
        this.actions.push(a);
      }
      list(): Action[] {
        return [...this.actions];
      }
    }

    @Plugin({ id: 'scaffolder', extensionPoints: [{ provide: actionsExtensionPoint, useClass: ActionsRegistry }] })
    class ScaffolderPlugin {
      constructor(
        @inject(ActionsRegistry) private readonly registry: ActionsRegistry,
        @inject(coreServices.logger) private readonly logger: LoggerService,
        @inject(todoStoreRef) private readonly store: TodoStore,
      ) {}
      @onInit()
      async init(): Promise<void> {
        journal.add(
          `plugin init: ${this.registry
            .list()
            .map((a) => a.id)
            .join(',')}`,
        );
        this.store.add('x');
        this.logger.info('ready');
      }
      @onShutdown()
      async close(): Promise<void> {
        journal.add('plugin shutdown');
      }
    }

    @Module({ pluginId: 'scaffolder', id: 'github-actions' })
    class GithubActionsModule {
      constructor(@inject(actionsExtensionPoint) private readonly actions: ActionsExtensionPoint) {}
      @onInit()
      init(): void {
        this.actions.addAction({ id: 'github:publish' });
        journal.add('module init');
      }
      @onShutdown()
      close(): void {
        journal.add('module shutdown');
      }
    }

    @Service({ provides: todoStoreRef })
    class MemoryTodoStore implements TodoStore {
      private readonly items: string[] = [];
      add(t: string): void {
        this.items.push(t);
      }
      list(): string[] {
        return [...this.items];
      }
    }

    const app = quietBuilder().add(ScaffolderPlugin).add(GithubActionsModule).add(MemoryTodoStore).build();
    expect(await app.validate()).toEqual([]);
    await app.start();
    expect(journal.events).toEqual(['module init', 'plugin init: github:publish']);
    await app.stop();
    expect(journal.events.slice(2)).toEqual(['plugin shutdown', 'module shutdown']);
    await app.stop(); // idempotent
  });

  it('accepts the function form of a service and promises of ES modules', async () => {
    const seen: string[] = [];
    const pgStoreFactory = createServiceFactory({
      service: todoStoreRef,
      deps: { config: coreServices.rootConfig, logger: coreServices.logger },
      async factory({ config }) {
        const url = config.getString('db.url');
        return { add: (t: string) => seen.push(`${url}:${t}`), list: () => seen };
      },
    });

    @Plugin({ id: 'todo' })
    class TodoPlugin {
      constructor(@inject(todoStoreRef) private readonly store: TodoStore) {}
      @onInit()
      init(): void {
        this.store.add('first');
      }
    }

    const app = quietBuilder({ config: { db: { url: 'pg://x' } } })
      .add(Promise.resolve({ default: TodoPlugin }))
      .add(Promise.resolve({ default: [pgStoreFactory] }))
      .build();
    await app.start();
    expect(seen).toEqual(['pg://x:first']);
    await app.stop();
  });
});
