import { coreServices, createExtensionPoint, inject, onInit, Plugin, Service, type LoggerService } from 'plugboard';
import { httpRouterRef, type HttpRouterService } from './http-router.js';
import { HttpError, type Handler } from './http-server.js';

export interface Todo {
  readonly id: number;
  readonly title: string;
}

/** Where todos are kept: a module provides it. */
export interface TodoStore {
  list(): Promise<Todo[]>;
  add(title: string): Promise<Todo>;
}

/** Set once: a second store is a wiring mistake, reported at once. */
export interface TodoStorageExtensionPoint {
  setStore(store: TodoStore): void;
}
export const todoStorageExtensionPoint = createExtensionPoint<TodoStorageExtensionPoint>({ id: 'todo.storage' });

/** Additions only: modules add routes under the plugin's prefix. */
export interface TodoRoutesExtensionPoint {
  addRoute(method: 'GET' | 'POST', path: string, handler: (store: TodoStore) => Handler): void;
}
export const todoRoutesExtensionPoint = createExtensionPoint<TodoRoutesExtensionPoint>({ id: 'todo.routes' });

@Service()
export class TodoStorage implements TodoStorageExtensionPoint {
  private store?: TodoStore;
  setStore(store: TodoStore): void {
    if (this.store !== undefined) throw new Error('todo.storage: a store is already set; install one storage module');
    this.store = store;
  }
  /** The store a module set; the plugin reads it once its modules are done. */
  get(): TodoStore {
    if (this.store === undefined)
      throw new Error('todo.storage: no store is set; install a storage module (for example MemoryStorageModule)');
    return this.store;
  }
}

@Service()
export class TodoRoutes implements TodoRoutesExtensionPoint {
  readonly routes: Array<{ method: 'GET' | 'POST'; path: string; handler: (store: TodoStore) => Handler }> = [];
  addRoute(method: 'GET' | 'POST', path: string, handler: (store: TodoStore) => Handler): void {
    this.routes.push({ method, path, handler });
  }
}

@Plugin({
  id: 'todo',
  extensionPoints: [
    { provide: todoStorageExtensionPoint, useClass: TodoStorage },
    { provide: todoRoutesExtensionPoint, useClass: TodoRoutes },
  ],
})
export class TodoPlugin {
  constructor(
    @inject(TodoStorage) private readonly storage: TodoStorage,
    @inject(TodoRoutes) private readonly extraRoutes: TodoRoutes,
    @inject(httpRouterRef) private readonly router: HttpRouterService,
    @inject(coreServices.logger) private readonly logger: LoggerService,
  ) {}

  @onInit()
  init(): void {
    const store = this.storage.get();
    this.router.add('GET', '/items', () => store.list());
    this.router.add('POST', '/items', async ({ body }) => {
      const title = (body as { title?: unknown } | undefined)?.title;
      if (typeof title !== 'string' || title.trim() === '') throw new HttpError(400, 'title must be a non-empty string');
      return store.add(title);
    });
    for (const route of this.extraRoutes.routes) this.router.add(route.method, route.path, route.handler(store));
    this.logger.info({ routes: 2 + this.extraRoutes.routes.length }, 'todo routes mounted');
  }
}
