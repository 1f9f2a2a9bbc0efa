import { coreServices, createServiceFactory, createServiceRef } from 'plugboard';
import { httpServerRef, type Handler } from './http-server.js';

/** A plugin's router (plugin-scoped): its routes are mounted under `/api/<pluginId>`. */
export interface HttpRouterService {
  add(method: 'GET' | 'POST' | 'DELETE', path: string, handler: Handler): void;
}

export const httpRouterRef = createServiceRef<HttpRouterService>({ id: 'http.router', scope: 'plugin' });

export const httpRouterFactory = createServiceFactory({
  service: httpRouterRef,
  deps: { server: httpServerRef, metadata: coreServices.pluginMetadata },
  factory: ({ server, metadata }) => {
    const routes = new Map<string, Handler>();
    server.mount(`/api/${metadata.getId()}`, (method, path) => routes.get(`${method} ${path}`));
    return { add: (method, path, handler) => void routes.set(`${method} ${path}`, handler) };
  },
});
