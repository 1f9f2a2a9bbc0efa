import { mockServices } from 'plugboard/testing';
import { createHttpApiBuilder } from './app.js';
import { httpServerRef } from './http-server.js';

describe('the HTTP API example', () => {
  it('serves routes from a plugin and its modules, answers errors with statuses, and closes at stop', async () => {
    const logger = mockServices.rootLogger();
    const app = createHttpApiBuilder({ config: { http: { port: 0, host: '127.0.0.1' } } })
      .add(logger)
      .build();
    await app.start();
    const base = app.get(httpServerRef).url();
    expect(base).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

    expect(await (await fetch(`${base}/api/todo/items`)).json()).toEqual([]);
    const created = await fetch(`${base}/api/todo/items`, { method: 'POST', body: JSON.stringify({ title: 'milk' }) });
    expect(created.status).toBe(200);
    expect(await created.json()).toEqual({ id: 1, title: 'milk' });
    expect(await (await fetch(`${base}/api/todo/stats`)).json()).toEqual({ count: 1 });

    const missing = await fetch(`${base}/api/todo/nope`);
    expect(missing.status).toBe(404);
    const badJson = await fetch(`${base}/api/todo/items`, { method: 'POST', body: '{ nope' });
    expect([badJson.status, await badJson.json()]).toEqual([400, { error: 'the body is not valid JSON' }]);
    const badTitle = await fetch(`${base}/api/todo/items`, { method: 'POST', body: JSON.stringify({ title: '' }) });
    expect(badTitle.status).toBe(400);
    const broken = await fetch(`${base}/api/todo/broken`);
    const text = await broken.text();
    expect(broken.status).toBe(500);
    expect(text).toBe('{"error":"internal error"}'); // no stack leaks
    expect(logger.entries).toContainEqual(expect.objectContaining({ msg: 'request failed', path: '/api/todo/broken' }));

    await app.stop();
    await expect(fetch(`${base}/api/todo/items`)).rejects.toThrow(); // refused: the server is closed
  });

  it('refuses a second storage module through the set-once extension point', async () => {
    const { MemoryStorageModule } = await import('./modules.js');
    const { Module } = await import('plugboard');
    class SecondStorage extends MemoryStorageModule {}
    Module({ pluginId: 'todo', id: 'second-storage' })(SecondStorage);
    const app = createHttpApiBuilder({ config: { http: { port: 0 } }, logger: { level: 'silent' } })
      .add(SecondStorage)
      .build();
    await expect(app.start()).rejects.toMatchObject({
      code: 'INIT_FAILED',
      message: expect.stringContaining('a store is already set'),
    });
  });
});
