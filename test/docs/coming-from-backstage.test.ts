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
  list(): string[];
}
class MemoryTodoStore implements TodoStore {
  constructor(readonly logger: LoggerService) {}
  list(): string[] {
    return [];
  }
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
});
