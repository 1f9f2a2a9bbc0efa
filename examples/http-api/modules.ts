import { inject, Module, onInit } from 'plugboard';
import {
  todoRoutesExtensionPoint,
  todoStorageExtensionPoint,
  type Todo,
  type TodoRoutesExtensionPoint,
  type TodoStorageExtensionPoint,
} from './todo-plugin.js';

/** Keeps todos in memory. */
@Module({ pluginId: 'todo', id: 'memory-storage' })
export class MemoryStorageModule {
  constructor(@inject(todoStorageExtensionPoint) private readonly storage: TodoStorageExtensionPoint) {}

  @onInit()
  init(): void {
    const todos: Todo[] = [];
    this.storage.setStore({
      list: async () => [...todos],
      add: async (title) => {
        const todo = { id: todos.length + 1, title };
        todos.push(todo);
        return todo;
      },
    });
  }
}

/** Adds `GET /api/todo/stats`, and a route that fails, to show how errors are answered. */
@Module({ pluginId: 'todo', id: 'stats-routes' })
export class StatsRoutesModule {
  constructor(@inject(todoRoutesExtensionPoint) private readonly routes: TodoRoutesExtensionPoint) {}

  @onInit()
  init(): void {
    this.routes.addRoute('GET', '/stats', (store) => async () => ({ count: (await store.list()).length }));
    this.routes.addRoute('GET', '/broken', () => () => {
      throw new Error('this handler is broken on purpose');
    });
  }
}
