/**
 * Calls the app's state does not allow: each is refused with INVALID_STATE (a rejection for
 * start(), a throw for add() and get()), naming the state and what to do, and refusing never
 * disturbs what runs. stop() is the exception: it is always allowed, and during start() it makes
 * start() reject with START_ABORTED once everything that started is shut down.
 */
import { createServiceRef, PlugboardError, type App } from 'plugboard';
import { delay, quietBuilder } from '../support.js';
import { Journal, module, plugin, SLOW_MS } from './kit.js';
import { expectNothingLeftRunning } from './leftovers.js';

function slowApp(journal: Journal) {
  const builder = quietBuilder().add([plugin(journal, 'slow', { init: 'slow' }), plugin(journal, 'quick')]);
  return { builder, app: builder.build() };
}

async function invalidState(call: () => unknown): Promise<PlugboardError> {
  const error = await (async () => call())().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PlugboardError);
  expect(error).toMatchObject({ code: 'INVALID_STATE' });
  return error as PlugboardError;
}

describe('calls the state does not allow', () => {
  expectNothingLeftRunning();

  it('start() twice: refused while starting, started, failed and stopped, naming the state; the first start is undisturbed', async () => {
    const journal = new Journal();
    const { app } = slowApp(journal);
    const first = app.start();
    expect((await invalidState(() => app.start())).message).toContain("start() is not allowed while the app is 'starting'");
    await first;
    expect(journal.started().sort()).toEqual(['quick', 'slow']);
    expect((await invalidState(() => app.start())).message).toContain("while the app is 'started'");
    await app.stop();
    expect((await invalidState(() => app.start())).message).toMatch(/while the app is 'stopped': .*builder\.build\(\)/);
    expect(journal.shutdownProblems()).toEqual([]);

    const failing = quietBuilder()
      .add(plugin(new Journal(), 'broken', { init: 'throws' }))
      .build();
    await expect(failing.start()).rejects.toMatchObject({ code: 'INIT_FAILED' });
    expect((await invalidState(() => failing.start())).message).toContain("while the app is 'failed'");
  });

  it('add() after build() and after start() throws at once, and adds nothing', async () => {
    const journal = new Journal();
    const { builder, app } = slowApp(journal);
    const late = (id: string) => plugin(journal, id);
    expect((await invalidState(() => builder.add(late('before-start')))).message).toContain('add() was called after build()');
    await app.start();
    await invalidState(() => builder.add(late('after-start')));
    expect(
      app
        .describe()
        .plugins.map((p) => p.id)
        .sort(),
    ).toEqual(['quick', 'slow']);
    await app.stop();
    expect(journal.shutdownProblems()).toEqual([]);
  });

  it('get() before start() and after stop() is refused, naming the ref', async () => {
    const ref = createServiceRef<object>({ id: 'some.root', scope: 'root' });
    const { app } = slowApp(new Journal());
    expect((await invalidState(() => app.get(ref))).message).toContain("app.get('some.root') is not allowed while the app is 'built'");
    await app.start();
    await app.stop();
    await invalidState(() => app.get(ref));
  });

  it('stop() during start(): start() rejects with START_ABORTED once every started feature is stopped', async () => {
    const journal = new Journal();
    const { app } = slowApp(journal);
    const starting = app.start();
    await delay(1); // 'quick' is up, 'slow' is in its init
    const stopping = app.stop();
    expect(app.stop()).toBe(stopping); // one stop, however often it is asked for
    await stopping;
    const error = await starting.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(PlugboardError);
    expect(error).toMatchObject({ code: 'START_ABORTED' });
    expect((error as PlugboardError).message).toContain('stop() was called while the app was starting');
    // The running init was awaited, then everything that started was shut down, once.
    expect(journal.started().sort()).toEqual(['quick', 'slow']);
    expect(journal.shutdownProblems()).toEqual([]);
    expect(app.state).toBe('stopped');
    await invalidState(() => app.start());
  });

  it('stop() right after start() (before anything ran): start() rejects with START_ABORTED and nothing ran', async () => {
    const journal = new Journal();
    const { app } = slowApp(journal);
    const starting = app.start();
    await app.stop();
    await expect(starting).rejects.toMatchObject({ code: 'START_ABORTED' });
    expect(journal.events).toEqual([]);
  });

  it('stop() before start() and stop() twice after start() are safe no-ops', async () => {
    const journal = new Journal();
    const { app: unstarted } = slowApp(journal);
    await unstarted.stop();
    await unstarted.stop();
    await invalidState(() => unstarted.start());
    const { app } = slowApp(journal);
    await app.start();
    await Promise.all([app.stop(), app.stop()]);
    await app.stop();
    expect(journal.shutdownProblems()).toEqual([]);
  });

  it('stop() during start() while a plugin is in the middle of its modules: START_ABORTED, the running module stopped', async () => {
    const journal = new Journal();
    const app: App = quietBuilder()
      .add([plugin(journal, 'host'), module(journal, 'host', 'slow', { init: 'slow' }), module(journal, 'host', 'quick')])
      .build();
    const starting = app.start();
    await delay(1);
    await app.stop();
    await expect(starting).rejects.toMatchObject({ code: 'START_ABORTED' });
    // The running module was awaited and stopped; the plugin's own init never began.
    expect(journal.started().sort()).toEqual(['host/quick', 'host/slow']);
    expect(journal.shutdownProblems()).toEqual([]);
  });

  it('stop() during start() with a plugin whose modules are up and whose own init is running', async () => {
    const journal = new Journal();
    const app: App = quietBuilder()
      .add([plugin(journal, 'host', { init: 'slow' }), module(journal, 'host', 'mod')])
      .build();
    const starting = app.start();
    await delay(1);
    await app.stop();
    await expect(starting).rejects.toMatchObject({ code: 'START_ABORTED' });
    expect(journal.started().sort()).toEqual(['host', 'host/mod']);
    expect(journal.events.slice(-2)).toEqual(['host down', 'host/mod down']);
    await delay(SLOW_MS);
  });
});
