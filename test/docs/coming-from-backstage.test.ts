// The plugboard samples of docs/coming-from-backstage.md, run (test/docs/samples.test.ts keeps them verbatim).
import {
  ContainerBuilder,
  coreServices,
  createExtensionPoint,
  createServiceFactory,
  createServiceRef,
  inject,
  Module,
  onInit,
  Plugin,
  Service,
  type LoggerService,
} from 'plugboard';
import { mockServices, startTestApp } from 'plugboard/testing';
import { captureLogs } from '../operations/log-capture.js';

interface Processor {
  readonly name: string;
}
class GithubProcessor implements Processor {
  readonly name = 'github';
}
interface CatalogProcessingExtensionPoint {
  addProcessor(processor: Processor): void;
}
interface TodoStore {
  add(title: string): void;
  list(): string[];
}

export const catalogProcessingExtensionPoint = createExtensionPoint<CatalogProcessingExtensionPoint>({ id: 'catalog.processing' });

@Service()
class ProcessingRegistry implements CatalogProcessingExtensionPoint {
  private readonly processors: Processor[] = [];
  addProcessor(processor: Processor): void {
    this.processors.push(processor);
  }
  list(): Processor[] {
    return [...this.processors];
  }
}

@Plugin({
  id: 'catalog',
  extensionPoints: [{ provide: catalogProcessingExtensionPoint, useClass: ProcessingRegistry }],
})
export class CatalogPlugin {
  constructor(
    @inject(ProcessingRegistry) private readonly processing: ProcessingRegistry,
    @inject(coreServices.logger) private readonly logger: LoggerService,
  ) {}

  @onInit()
  async init(): Promise<void> {
    this.logger.info(`processors: ${this.processing.list().length}`);
  }
}

@Module({ pluginId: 'catalog', id: 'github-processor' })
export class GithubProcessorModule {
  constructor(@inject(catalogProcessingExtensionPoint) private readonly processing: CatalogProcessingExtensionPoint) {}

  @onInit()
  async init(): Promise<void> {
    this.processing.addProcessor(new GithubProcessor());
  }
}

export const todoStoreRef = createServiceRef<TodoStore>({ id: 'todo.store', scope: 'plugin' });
export const todoStoreFactory = createServiceFactory({
  service: todoStoreRef,
  deps: { logger: coreServices.logger },
  async factory({ logger }) {
    return new MemoryTodoStore(logger);
  },
});

@Service({ provides: todoStoreRef })
export class MemoryTodoStore implements TodoStore {
  private readonly items: string[] = [];
  constructor(@inject(coreServices.logger) private readonly logger: LoggerService) {}

  add(title: string): void {
    this.logger.info({ title }, 'todo added');
    this.items.push(title);
  }
  list(): string[] {
    return [...this.items];
  }
}

interface Action {
  readonly id: string;
}
interface ActionsExtensionPoint {
  addAction(action: Action): void;
}
const actionsExtensionPoint = createExtensionPoint<ActionsExtensionPoint>({ id: 'scaffolder.actions' });

@Service()
export class ActionMap {
  readonly #actions = new Map<string, Action>();
  set(action: Action): void {
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
      deps: { actions: ActionMap },
      useFactory: (context, deps) => ({
        addAction(action: Action): void {
          if (!action.id) {
            context.reportModuleStartupFailure({ error: new Error('an action without an id') });
            return;
          }
          (deps['actions'] as ActionMap).set(action);
        },
      }),
    },
  ],
})
export class ScaffolderPlugin {
  constructor(
    @inject(ActionMap) private readonly actions: ActionMap,
    @inject(coreServices.logger) private readonly logger: LoggerService,
  ) {}

  @onInit()
  async init(): Promise<void> {
    this.logger.info(`actions: ${this.actions.ids().join(', ')}`);
  }
}

function actionModule(id: string, action: Action) {
  @Module({ pluginId: 'scaffolder', id })
  class ActionModule {
    constructor(@inject(actionsExtensionPoint) private readonly actions: ActionsExtensionPoint) {}
    @onInit() init(): void {
      this.actions.addAction(action);
    }
  }
  return ActionModule;
}

@Plugin({ id: 'catalog' })
class RefreshingCatalog {
  constructor(@inject(coreServices.logger) private readonly logger: LoggerService) {}
  @onInit() init(): void {
    const entities = ['a', 'b', 'c'];
    this.logger.info({ entities: entities.length }, 'refreshed'); // pino: fields, then the message
  }
}

/** A plugin using the todo store, to see which implementation it got. */
function todoPlugin(seen: TodoStore[]) {
  @Plugin({ id: 'todo' })
  class TodoPlugin {
    constructor(@inject(todoStoreRef) private readonly store: TodoStore) {}
    @onInit() init(): void {
      this.store.add('milk');
      seen.push(this.store);
    }
  }
  return TodoPlugin;
}

describe('docs/coming-from-backstage.md', () => {
  it('runs the translated backend', async () => {
    const saved = process.env['LOG_LEVEL'];
    process.env['LOG_LEVEL'] = 'silent';
    try {
      const app = new ContainerBuilder().add(CatalogPlugin).add(GithubProcessorModule).add(todoStoreFactory).build();
      await app.start();
      expect(app.describe().extensionPoints[0]!.users).toEqual([{ pluginId: 'catalog', moduleId: 'github-processor' }]);
      await app.stop();
    } finally {
      if (saved === undefined) delete process.env['LOG_LEVEL'];
      else process.env['LOG_LEVEL'] = saved;
    }
  });

  it.each([
    ['function form', todoStoreFactory],
    ['class form', MemoryTodoStore],
  ])('gives a plugin the todo store in the %s, with the plugin logger', async (_form, implementation) => {
    const logger = mockServices.rootLogger();
    const seen: TodoStore[] = [];
    await startTestApp({ features: [todoPlugin(seen), implementation], services: [logger] });
    expect(seen[0]).toBeInstanceOf(MemoryTodoStore);
    expect(seen[0]!.list()).toEqual(['milk']);
    expect(logger.entries).toContainEqual(expect.objectContaining({ msg: 'todo added', plugin: 'todo', title: 'milk' }));
  });

  it('refuses both forms installed for one ref', async () => {
    const app = new ContainerBuilder({ logger: { level: 'silent' } }).add([todoPlugin([]), todoStoreFactory, MemoryTodoStore]).build();
    await expect(app.start()).rejects.toMatchObject({
      code: 'INVALID_WIRING',
      problems: [expect.objectContaining({ code: 'DUPLICATE_SERVICE', refId: 'todo.store' })],
    });
  });

  it('ports an extension point factory that reports a bad action as its module failure', async () => {
    const { logger, lines } = captureLogs();
    const app = new ContainerBuilder({ logger, onModuleBootFailure: 'continue' })
      .add(ScaffolderPlugin)
      .add(actionModule('github', { id: 'github:publish' }))
      .add(actionModule('legacy', { id: '' }))
      .build();
    const result = await app.start();
    expect(result.plugins[0]!.modules.map((m) => [m.moduleId, m.status])).toEqual([
      ['github', 'started'],
      ['legacy', 'failed'],
    ]);
    expect(lines).toContainEqual(expect.objectContaining({ plugin: 'scaffolder', msg: 'actions: github:publish' }));
    await app.stop();
  });

  it('logs fields the pino way', async () => {
    const { logger, lines } = captureLogs();
    const app = new ContainerBuilder({ logger }).add(RefreshingCatalog).build();
    await app.start();
    expect(lines).toContainEqual(expect.objectContaining({ msg: 'refreshed', entities: 3, plugin: 'catalog' }));
    await app.stop();
  });
});
