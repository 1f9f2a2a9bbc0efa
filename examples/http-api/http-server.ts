import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { coreServices, createServiceFactory, createServiceRef, type LoggerService } from 'plugboard';

/**
 * A route handler: returns the JSON body to send, or a promise of it (200; 204 when undefined).
 * It throws an {@link HttpError} to answer with another status.
 */
export type Handler = (request: { readonly body: unknown; readonly params: URLSearchParams }) => unknown;

/** An HTTP error a handler can throw to answer with that status. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Finds the handler for a method and a path below a mount prefix (undefined: 404). */
export type Route = (method: string, path: string) => Handler | undefined;

/** The app's one HTTP server (root-scoped): plugins mount their routers under a prefix. */
export interface HttpServerService {
  mount(prefix: string, route: Route): void;
  /** `http://<http.host>:<port>` once listening (the port the system chose when `http.port` is 0). */
  url(): string;
}

export const httpServerRef = createServiceRef<HttpServerService>({ id: 'http.server', scope: 'root' });

export const httpServerFactory = createServiceFactory({
  service: httpServerRef,
  deps: { config: coreServices.rootConfig, lifecycle: coreServices.rootLifecycle, logger: coreServices.rootLogger },
  factory: ({ config, lifecycle, logger }) => {
    const mounts = new Map<string, Route>();
    const server: Server = createServer((request, response) => void handle(mounts, request, response, logger));
    const port = config.getOptionalNumber('http.port') ?? 7007;
    const host = config.getOptionalString('http.host') ?? '127.0.0.1';
    // Listen once every plugin has mounted its routes (a busy port fails start()); stop taking
    // requests first thing at stop, before any plugin shuts down what its handlers use.
    lifecycle.addStartupHook(() => listen(server, port, host));
    lifecycle.addBeforeShutdownHook(() => close(server));
    return {
      mount: (prefix, route) => void mounts.set(prefix, route),
      url: () => {
        const address = server.address() as AddressInfo | null;
        if (address === null) throw new Error('the server is not listening yet');
        return `http://${host}:${address.port}`;
      },
    };
  },
});

async function handle(
  mounts: ReadonlyMap<string, Route>,
  request: IncomingMessage,
  response: ServerResponse,
  logger: LoggerService,
): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const send = (status: number, body: unknown): void => {
    response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  };
  const [prefix, route] = [...mounts].find(([p]) => url.pathname === p || url.pathname.startsWith(`${p}/`)) ?? [];
  const handler = prefix === undefined ? undefined : route!(request.method ?? 'GET', url.pathname.slice(prefix.length) || '/');
  if (handler === undefined) return send(404, { error: `no route for ${request.method} ${url.pathname}` });
  try {
    const text = await readBody(request);
    let body: unknown;
    try {
      body = text === '' ? undefined : JSON.parse(text);
    } catch {
      throw new HttpError(400, 'the body is not valid JSON');
    }
    const result = await handler({ body, params: url.searchParams });
    if (result === undefined) response.writeHead(204).end();
    else send(200, result);
  } catch (error) {
    if (error instanceof HttpError) return send(error.status, { error: error.message });
    logger.error({ err: error, path: url.pathname }, 'request failed');
    send(500, { error: 'internal error' }); // never the stack
  }
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject); // EADDRINUSE, EACCES: without this the hook would never settle
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function close(server: Server): Promise<void> {
  // A start that failed before the startup hooks ran leaves the server unopened: nothing to close.
  if (!server.listening) return Promise.resolve();
  return new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (text += chunk));
    request.on('end', () => resolve(text));
    request.on('error', reject);
  });
}
