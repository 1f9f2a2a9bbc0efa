import { ContainerBuilder, type ContainerBuilderOptions } from 'plugboard';
import { httpRouterFactory } from './http-router.js';
import { httpServerFactory } from './http-server.js';
import { MemoryStorageModule, StatsRoutesModule } from './modules.js';
import { TodoPlugin } from './todo-plugin.js';

/** The HTTP host: a root server, a router per plugin, a todo plugin extended by two modules. */
export function createHttpApiBuilder(options: ContainerBuilderOptions = {}): ContainerBuilder {
  return new ContainerBuilder(options)
    .add(httpServerFactory)
    .add(httpRouterFactory)
    .add(TodoPlugin)
    .add(MemoryStorageModule)
    .add(StatsRoutesModule);
}
