// The samples of docs/services.md, run (test/docs/samples.test.ts keeps them verbatim).
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import {
  ContainerBuilder,
  coreServices,
  createFeatureLoader,
  createServiceDecorator,
  createServiceFactory,
  createServiceRef,
  inject,
  onInit,
  Plugin,
  PlugboardError,
  Service,
  type LoggerService,
  type ServiceRef,
} from 'plugboard';
import { mockServices, startTestApp } from 'plugboard/testing';
import { captureLogs } from '../operations/log-capture.js';
import { quietBuilder } from '../support.js';

interface Clock {
  now(): number;
}

// What the samples below use, defined here so they compile and run as written.
interface SearchIndex {
  search(text: string): string[];
}
const searchIndexRef = createServiceRef<SearchIndex>({ id: 'search.index', scope: 'root' });
let indexesBuilt = 0;
async function buildSearchIndex(): Promise<SearchIndex> {
  await Promise.resolve();
  indexesBuilt++;
  return { search: (text) => [text] };
}
interface RequestCounter {
  increment(): number;
}
const requestCounterRef = createServiceRef<RequestCounter>({ id: 'http.requestCounter', scope: 'plugin' });
interface Audit {
  record(event: string): void;
}
const auditRef = createServiceRef<Audit>({ id: 'audit', scope: 'root' });
interface Database {
  readonly schema: string;
}
interface Pool {
  forSchema(schema: string): Database;
}
const databaseRef = createServiceRef<Database>({ id: 'db', scope: 'plugin' });
let poolsOpened: string[] = [];
async function openPool(url: string): Promise<Pool> {
  await Promise.resolve();
  poolsOpened.push(url);
  return { forSchema: (schema) => ({ schema }) };
}
interface Cache {
  get(key: string): string | undefined;
}
class MemoryCache implements Cache {
  get(): string | undefined {
    return undefined;
  }
}
interface TaskStore {
  readonly kind: string;
}
const taskStoreRef = createServiceRef<TaskStore>({ id: 'tasks.store', scope: 'root' });
const memoryTaskStoreFactory = createServiceFactory({ service: taskStoreRef, factory: () => ({ kind: 'memory' }) });
@Service({ provides: taskStoreRef })
class PostgresTaskStore implements TaskStore {
  readonly kind = 'postgres';
}
let tasksSaw: string | undefined;
@Plugin({ id: 'tasks' })
class TasksPlugin {
  constructor(@inject(taskStoreRef) store: TaskStore) {
    tasksSaw = store.kind;
  }
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

export const searchIndexFactory = createServiceFactory({
  service: searchIndexRef,
  initialization: 'lazy',
  async factory() {
    return buildSearchIndex();
  },
});

@Service({ provides: requestCounterRef, initialization: 'always' })
export class PerPluginRequestCounter implements RequestCounter {
  private count = 0;
  increment(): number {
    return ++this.count;
  }
}

export interface AuditSink {
  write(event: string): void;
}
export const auditSinksRef = createServiceRef<AuditSink>({ id: 'audit.sinks', scope: 'root', multiton: true });

@Service({ provides: auditSinksRef })
export class MemorySink implements AuditSink {
  readonly events: string[] = [];
  write(event: string): void {
    this.events.push(event);
  }
}

export const consoleSinkFactory = createServiceFactory({
  service: auditSinksRef,
  deps: { logger: coreServices.rootLogger },
  factory: ({ logger }) => ({ write: (event: string) => logger.info({ event }, 'audit') }),
});

@Plugin({ id: 'billing' })
export class BillingPlugin {
  constructor(@inject(auditSinksRef) private readonly sinks: readonly AuditSink[]) {}

  @onInit()
  init(): void {
    for (const sink of this.sinks) sink.write('billing started');
  }
}

export const auditFactory = createServiceFactory({
  service: auditRef,
  deps: { sinks: auditSinksRef },
  factory: ({ sinks }) => ({
    record: (event: string): void => {
      for (const sink of sinks) sink.write(event);
    },
  }),
});

export const databaseFactory = createServiceFactory({
  service: databaseRef,
  deps: { config: coreServices.rootConfig, metadata: coreServices.pluginMetadata },
  async createRootContext({ config }) {
    return openPool(config.getString('db.url'));
  },
  factory({ metadata }, pool) {
    return pool.forSchema(metadata.getId());
  },
});

export const clockRef = createServiceRef<Clock>({
  id: 'clock',
  scope: 'root',
  defaultFactory: (service) => createServiceFactory({ service, factory: () => ({ now: () => Date.now() }) }),
});

function memoryCache(service: ServiceRef<Cache, 'plugin'>) {
  return createServiceFactory({ service, factory: () => new MemoryCache() });
}
export const sessionCacheRef = createServiceRef<Cache>({ id: 'cache.sessions', defaultFactory: memoryCache });
export const pageCacheRef = createServiceRef<Cache>({ id: 'cache.pages', defaultFactory: memoryCache });

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

  it('initialization: a lazy root service is made only when something needs it; app.get of an async one is INVALID_STATE', async () => {
    indexesBuilt = 0;
    const unused = await startTestApp({ features: [searchIndexFactory] });
    expect(indexesBuilt).toBe(0);
    expect(() => unused.get(searchIndexRef)).toThrow(expect.objectContaining({ code: 'INVALID_STATE', refId: 'search.index' }));

    @Plugin({ id: 'search' })
    class Search {
      constructor(@inject(searchIndexRef) readonly index: SearchIndex) {}
    }
    const used = await startTestApp({ features: [searchIndexFactory, Search] });
    expect(indexesBuilt).toBe(2); // the one app.get started above, and this app's
    expect(used.get(searchIndexRef).search('x')).toEqual(['x']);
  });

  it("initialization: an 'always' plugin service is made for every plugin at its start, even one that does not inject it", async () => {
    const madeFor: string[] = [];
    const record = createServiceDecorator({
      service: requestCounterRef,
      deps: { metadata: coreServices.pluginMetadata },
      decorate: (counter, { metadata }) => {
        madeFor.push(metadata.getId());
        return counter;
      },
    });
    @Plugin({ id: 'a' })
    class A {}
    @Plugin({ id: 'b' })
    class B {}
    await startTestApp({ features: [A, B, PerPluginRequestCounter, record] });
    expect(madeFor.sort()).toEqual(['a', 'b']);
  });

  it('initialization: a lazy service that fails when first needed fails the plugin, naming the ref under it', async () => {
    const brokenIndex = createServiceFactory({
      service: searchIndexRef,
      initialization: 'lazy',
      factory: (): SearchIndex => {
        throw new Error('index corrupt');
      },
    });
    @Plugin({ id: 'search' })
    class Search {
      constructor(@inject(searchIndexRef) readonly index: SearchIndex) {}
    }
    const failure = await quietBuilder()
      .add([brokenIndex, Search])
      .build()
      .start()
      .catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: 'INIT_FAILED', pluginId: 'search' });
    expect((failure as PlugboardError).cause).toMatchObject({ code: 'INIT_FAILED', refId: 'search.index' });
  });

  it('multiton: injects every implementation in registration order, [] when none; app.get returns the array', async () => {
    const { logger, lines } = captureLogs();
    let seen: readonly AuditSink[] = [];
    @Plugin({ id: 'ledger' })
    class Ledger {
      constructor(@inject(auditSinksRef) sinks: readonly AuditSink[]) {
        seen = sinks;
      }
    }
    const app = quietBuilder({ logger }).add([MemorySink, consoleSinkFactory, BillingPlugin, Ledger, auditFactory]).build();
    await app.start();
    const sinks = app.get(auditSinksRef);
    expect(sinks).toBe(seen);
    expect(Object.isFrozen(sinks)).toBe(true);
    expect(sinks[0]).toBeInstanceOf(MemorySink);
    expect((sinks[0] as MemorySink).events).toEqual(['billing started']);
    expect(lines).toContainEqual(expect.objectContaining({ msg: 'audit', event: 'billing started' }));
    app.get(auditRef).record('closed');
    expect((sinks[0] as MemorySink).events).toEqual(['billing started', 'closed']);
    expect(app.describe().services.find((s) => s.id === 'audit.sinks')).toMatchObject({
      multiton: true,
      implementations: ['MemorySink', 'factory'],
    });
    await app.stop();

    const none = await startTestApp({ features: [Ledger] });
    expect(seen).toEqual([]);
    expect(none.get(auditSinksRef)).toEqual([]);
  });

  it('createRootContext: once per app with the root deps, factory once per plugin', async () => {
    poolsOpened = [];
    const schemas: string[] = [];
    const user = (id: string) => {
      @Plugin({ id })
      class User {
        constructor(@inject(databaseRef) db: Database) {
          schemas.push(db.schema);
        }
      }
      return User;
    };
    await startTestApp({ features: [user('catalog'), user('search'), databaseFactory], config: { db: { url: 'pg://db' } } });
    expect(poolsOpened).toEqual(['pg://db']);
    expect(schemas.sort()).toEqual(['catalog', 'search']);
  });

  it('createRootContext: reading a plugin-scoped dep there is SCOPE_VIOLATION, in the cause chain of INIT_FAILED', async () => {
    const sneaky = createServiceFactory({
      service: databaseRef,
      deps: { metadata: coreServices.pluginMetadata },
      createRootContext: (rootDeps) => (rootDeps as { metadata: { getId(): string } }).metadata.getId(),
      factory: (_deps, id) => ({ schema: id }),
    });
    @Plugin({ id: 'catalog' })
    class Catalog {
      constructor(@inject(databaseRef) readonly db: Database) {}
    }
    const failure = await quietBuilder()
      .add([sneaky, Catalog])
      .build()
      .start()
      .catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: 'INIT_FAILED', pluginId: 'catalog' });
    const chain: unknown[] = [];
    for (let at: unknown = failure; at instanceof Error && chain.length < 10; at = at.cause) chain.push(at);
    expect(chain).toContainEqual(expect.objectContaining({ code: 'SCOPE_VIOLATION', refId: 'db' }));
    expect(() => createServiceFactory({ service: clockRef, createRootContext: () => 1, factory: () => ({ now: () => 1 }) })).toThrow(
      expect.objectContaining({ code: 'INVALID_TOKEN' }),
    );
  });

  it('defaultFactory receives the ref: one function serves several refs', async () => {
    const caches = new Map<string, Cache>();
    @Plugin({ id: 'web' })
    class Web {
      constructor(@inject(sessionCacheRef) sessions: Cache, @inject(pageCacheRef) pages: Cache) {
        caches.set('sessions', sessions).set('pages', pages);
      }
    }
    await startTestApp({ features: [Web] });
    expect(caches.get('sessions')).toBeInstanceOf(MemoryCache);
    expect(caches.get('pages')).toBeInstanceOf(MemoryCache);
    expect(caches.get('sessions')).not.toBe(caches.get('pages'));
  });

  it("explicit beats loaded: add()'s implementation replaces a loader's, logged at debug and shown in describe()", async () => {
    const { logger, lines } = captureLogs();
    const app = new ContainerBuilder()
      .add(createFeatureLoader({ name: 'storage', loader: () => [memoryTaskStoreFactory] }))
      .add(PostgresTaskStore)
      .add(TasksPlugin)
      .build();
    expect(await app.validate()).toEqual([]);
    expect(app.describe().services.find((s) => s.id === 'tasks.store')!.replaced).toEqual([
      { implementation: 'factory', loader: 'storage' },
    ]);
    const logged = new ContainerBuilder({ logger })
      .add(createFeatureLoader({ name: 'storage', loader: () => [memoryTaskStoreFactory] }))
      .add(PostgresTaskStore)
      .add(TasksPlugin)
      .build();
    await logged.start();
    expect(tasksSaw).toBe('postgres');
    expect(lines).toContainEqual(expect.objectContaining({ level: 20, service: 'tasks.store', loader: 'storage' }));
    await logged.stop();

    const twoDirect = await quietBuilder().add([memoryTaskStoreFactory, PostgresTaskStore, TasksPlugin]).build().validate();
    expect(twoDirect).toEqual([expect.objectContaining({ code: 'DUPLICATE_SERVICE', refId: 'tasks.store' })]);
  });

  it('one definition per id: refs that differ are DUPLICATE_REF_ID; plugboard. ids are RESERVED_ID', async () => {
    const rootCache = createServiceRef<Cache>({ id: 'cache.sessions', scope: 'root' });
    const reserved = createServiceRef<Cache>({ id: 'plugboard.cache', scope: 'root' });
    @Plugin({ id: 'web' })
    class Web {
      constructor(
        @inject(sessionCacheRef) readonly a: Cache,
        @inject(rootCache) readonly b: Cache,
        @inject(reserved) readonly c: Cache,
      ) {}
    }
    const codes = (
      await quietBuilder()
        .add([Web, createServiceFactory({ service: reserved, factory: () => new MemoryCache() })])
        .build()
        .validate()
    ).map((problem) => [problem.code, problem.refId]);
    expect(codes).toEqual(
      expect.arrayContaining([
        ['DUPLICATE_REF_ID', 'cache.sessions'],
        ['RESERVED_ID', 'plugboard.cache'],
      ]),
    );
  });
});
