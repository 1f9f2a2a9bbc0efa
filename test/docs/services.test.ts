// The samples of docs/services.md, run (test/docs/samples.test.ts keeps them verbatim).
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import {
  ContainerBuilder,
  coreServices,
  createServiceDecorator,
  createServiceFactory,
  createServiceRef,
  inject,
  onInit,
  Plugin,
  Service,
  type LoggerService,
  type ServiceRef,
} from 'plugboard';
import { mockServices, startTestApp } from 'plugboard/testing';

interface Clock {
  now(): number;
}

export interface TodoStore {
  add(title: string): void;
  list(): string[];
}
export const todoStoreRef = createServiceRef<TodoStore>({ id: 'todo.store', scope: 'plugin' });

@Service({ provides: todoStoreRef })
export class MemoryTodoStore implements TodoStore {
  private readonly items: string[] = [];
  add(title: string): void {
    this.items.push(title);
  }
  list(): string[] {
    return [...this.items];
  }
}

export const loggingTodoStoreFactory = createServiceFactory({
  service: todoStoreRef,
  deps: { logger: coreServices.logger },
  async factory({ logger }) {
    const items: string[] = [];
    return {
      add: (title: string) => {
        logger.info({ title }, 'todo added');
        items.push(title);
      },
      list: () => [...items],
    };
  },
});

export const clockRef: ServiceRef<Clock, 'root'> = createServiceRef<Clock>({
  id: 'clock',
  scope: 'root',
  defaultFactory: () => createServiceFactory({ service: clockRef, factory: () => ({ now: () => Date.now() }) }),
});

export const tagLogs = createServiceDecorator({
  service: coreServices.rootLogger,
  decorate: (logger) => logger.child({ app: 'shop' }),
});

export const fileLoggerFactory = createServiceFactory({
  service: coreServices.rootLogger,
  deps: { config: coreServices.rootConfig },
  factory: ({ config }) => pino({ base: { app: 'shop' } }, pino.destination({ dest: config.getString('logging.file'), sync: true })),
});

@Plugin({ id: 'shop' })
class ShopPlugin {
  constructor(@inject(coreServices.logger) private readonly logger: LoggerService) {}
  @onInit() init(): void {
    this.logger.info('shop open');
  }
}

function todoPlugin(id: string, seen: Map<string, TodoStore>) {
  @Plugin({ id })
  class TodoPlugin {
    constructor(@inject(todoStoreRef) private readonly store: TodoStore) {}
    @onInit() init(): void {
      this.store.add(`first of ${id}`);
      seen.set(id, this.store);
    }
  }
  return TodoPlugin;
}

describe('docs/services.md', () => {
  it('gives each plugin its own instance of a plugin-scoped service (class form)', async () => {
    const seen = new Map<string, TodoStore>();
    await startTestApp({ features: [todoPlugin('a', seen), todoPlugin('b', seen), MemoryTodoStore] });
    expect(seen.get('a')!.list()).toEqual(['first of a']);
    expect(seen.get('a')).not.toBe(seen.get('b'));
  });

  it('creates the function form asynchronously, with its dependencies', async () => {
    const logger = mockServices.rootLogger();
    const seen = new Map<string, TodoStore>();
    await startTestApp({ features: [todoPlugin('a', seen), loggingTodoStoreFactory], services: [logger, tagLogs] });
    expect(logger.entries).toContainEqual(expect.objectContaining({ msg: 'todo added', plugin: 'a', app: 'shop', title: 'first of a' }));
  });

  it('uses the default only when nothing is installed', async () => {
    const app = await startTestApp({ features: [], services: [] });
    expect(() => app.get(clockRef)).toThrow(expect.objectContaining({ code: 'SERVICE_NOT_FOUND' })); // nothing uses it
    @Plugin({ id: 'timed' })
    class Timed {
      constructor(@inject(clockRef) readonly clock: Clock) {}
    }
    const withClock = await startTestApp({ features: [Timed] });
    expect(typeof withClock.get(clockRef).now()).toBe('number');
  });

  it('replaces a core service: plugin loggers follow a root logger installed by the app', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'plugboard-docs-'));
    const logFile = join(dir, 'app.log');
    try {
      const app = new ContainerBuilder({ config: { logging: { file: logFile } } }).add(ShopPlugin).add(fileLoggerFactory).build();
      await app.start();
      expect(app.get(coreServices.rootLogger).bindings()).toEqual({ app: 'shop' });
      await app.stop();
      const lines = (await readFile(logFile, 'utf8'))
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as unknown);
      expect(lines).toContainEqual(expect.objectContaining({ app: 'shop', plugin: 'shop', msg: 'shop open' }));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses two factories for one core ref', async () => {
    const quietLoggerFactory = createServiceFactory({ service: coreServices.rootLogger, factory: () => pino({ level: 'silent' }) });
    const app = new ContainerBuilder({ logger: { level: 'silent' }, config: { logging: { file: '/dev/null' } } })
      .add([ShopPlugin, fileLoggerFactory, quietLoggerFactory])
      .build();
    await expect(app.start()).rejects.toMatchObject({
      code: 'INVALID_WIRING',
      problems: [expect.objectContaining({ code: 'DUPLICATE_SERVICE', refId: 'core.rootLogger' })],
    });
  });
});
