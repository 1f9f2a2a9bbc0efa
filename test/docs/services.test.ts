// The samples of docs/services.md, run (test/docs/samples.test.ts keeps them verbatim).
import {
  coreServices,
  createServiceDecorator,
  createServiceFactory,
  createServiceRef,
  inject,
  onInit,
  Plugin,
  Service,
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
});
