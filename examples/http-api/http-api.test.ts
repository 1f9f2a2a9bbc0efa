import { ContainerBuilder, Module, type App } from 'plugboard';
import { mockServices } from 'plugboard/testing';
import { createHttpApiBuilder } from './app.js';
import { httpRouterFactory } from './http-router.js';
import { httpServerFactory, httpServerRef } from './http-server.js';
import { MemoryStorageModule } from './modules.js';
import { TodoPlugin } from './todo-plugin.js';

// Real requests over loopback to a server on an ephemeral port (http.port 0).
const loopback = { http: { port: 0, host: '127.0.0.1' } };

describe('the HTTP API example', () => {
  let app: App | undefined;
  afterEach(async () => {
    await app?.stop(); // idempotent: a test that already stopped its app is unaffected
    app = undefined;
  });

  it('mounts the plugin routes and the routes its modules added under /api/<pluginId>', async () => {
    app = createHttpApiBuilder({ config: loopback, logger: { level: 'silent' } }).build();
    await app.start();
    const base = app.get(httpServerRef).url();
    expect(base).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

    expect(await (await fetch(`${base}/api/todo/items`)).json()).toEqual([]);
    const created = await fetch(`${base}/api/todo/items`, { method: 'POST', body: JSON.stringify({ title: 'milk' }) });
    expect([created.status, await created.json()]).toEqual([200, { id: 1, title: 'milk' }]);
    expect(await (await fetch(`${base}/api/todo/items`)).json()).toEqual([{ id: 1, title: 'milk' }]);
    // From the stats-routes module, through the todo.routes extension point.
    expect(await (await fetch(`${base}/api/todo/stats`)).json()).toEqual({ count: 1 });
  });

  it('answers 404 for unknown routes, 400 for bad bodies and 500 without leaking the error', async () => {
    const logger = mockServices.rootLogger();
    app = createHttpApiBuilder({ config: loopback }).add(logger).build();
    await app.start();
    const base = app.get(httpServerRef).url();

    for (const path of ['/api/todo/nope', '/api/nothing/items', '/']) {
      const missing = await fetch(`${base}${path}`);
      expect([path, missing.status, await missing.json()]).toEqual([path, 404, { error: `no route for GET ${path}` }]);
    }
    const wrongMethod = await fetch(`${base}/api/todo/stats`, { method: 'POST', body: '{}' });
    expect(wrongMethod.status).toBe(404);

    const badJson = await fetch(`${base}/api/todo/items`, { method: 'POST', body: '{ nope' });
    expect([badJson.status, await badJson.json()]).toEqual([400, { error: 'the body is not valid JSON' }]);
    const badTitle = await fetch(`${base}/api/todo/items`, { method: 'POST', body: JSON.stringify({ title: ' ' }) });
    expect([badTitle.status, await badTitle.json()]).toEqual([400, { error: 'title must be a non-empty string' }]);

    const broken = await fetch(`${base}/api/todo/broken`);
    expect([broken.status, await broken.text()]).toEqual([500, '{"error":"internal error"}']); // no message, no stack
    expect(logger.entries).toContainEqual(expect.objectContaining({ level: 'error', msg: 'request failed', path: '/api/todo/broken' }));
  });

  it('closes the server at stop: a request after stop() is refused', async () => {
    app = createHttpApiBuilder({ config: loopback, logger: { level: 'silent' } }).build();
    await app.start();
    const base = app.get(httpServerRef).url();
    expect((await fetch(`${base}/api/todo/items`)).status).toBe(200); // leaves a keep-alive connection open

    await app.stop();
    await expect(fetch(`${base}/api/todo/items`)).rejects.toMatchObject({ cause: { code: 'ECONNREFUSED' } });
  });

  it('fails start with INIT_FAILED when the port is taken, instead of hanging', async () => {
    app = createHttpApiBuilder({ config: loopback, logger: { level: 'silent' } }).build();
    await app.start();
    const { port } = new URL(app.get(httpServerRef).url());

    const second = createHttpApiBuilder({
      config: { http: { port: Number(port), host: '127.0.0.1' } },
      logger: { level: 'silent' },
    }).build();
    await expect(second.start()).rejects.toMatchObject({
      code: 'INIT_FAILED',
      message: expect.stringMatching(/startup hook.*EADDRINUSE/),
    });
    expect(second.state).toBe('failed');
    expect((await fetch(`http://127.0.0.1:${port}/api/todo/items`)).status).toBe(200); // the first app is untouched
  });

  it('fails start naming the missing storage module when none is installed', async () => {
    const bare = new ContainerBuilder({ config: loopback, logger: { level: 'silent' } })
      .add([httpServerFactory, httpRouterFactory, TodoPlugin])
      .build();
    await expect(bare.start()).rejects.toMatchObject({
      code: 'INIT_FAILED',
      message: expect.stringContaining('todo.storage: no store is set; install a storage module'),
    });
  });

  it('refuses a second storage module through the set-once extension point', async () => {
    @Module({ pluginId: 'todo', id: 'second-storage' })
    class SecondStorageModule extends MemoryStorageModule {}
    const failing = createHttpApiBuilder({ config: loopback, logger: { level: 'silent' } })
      .add(SecondStorageModule)
      .build();
    await expect(failing.start()).rejects.toMatchObject({
      code: 'INIT_FAILED',
      message: expect.stringContaining('todo.storage: a store is already set'),
    });
  });
});
