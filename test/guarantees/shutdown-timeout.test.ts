/**
 * Issue 13.2: a hung `@onShutdown` with shutdownTimeoutMs. The process stays alive until the
 * timeout, the steps after it (a flush in another plugin, a root service) still run, and stop()
 * resolves. Whether the process exits mid-stop only a real child process shows.
 */
import { createServiceRef, inject, Module, onShutdown, Plugin, Service } from 'plugboard';
import { assertBuilt, captureLogs, jsonLines, resolvesWithin, runFixture } from './kit.js';
import { quietBuilder } from '../support.js';

const TIMEOUT_MS = 200; // the fixture's shutdownTimeoutMs

beforeAll(assertBuilt);

describe('a hung @onShutdown in a real process', () => {
  it('app.stop(): the process waits for the timeout, the later flushes run, stop() resolves', async () => {
    const run = await runFixture('hangs.mjs', ['shutdown', 'start']);
    expect(run.killed).toBe(false);
    expect(run.code).toBe(0);
    const hung = run.marks.get('STUCK STOP STARTED');
    expect(hung).toBeDefined();
    // Plugin 'writer' (stuck depends on it) and the root service stop after stuck, so only once its timeout passed.
    for (const later of ['WRITER FLUSHED', 'ROOT FLUSHED', 'STOPPED']) {
      expect(run.marks.get(later)).toBeGreaterThanOrEqual(hung! + TIMEOUT_MS - 20); // timer granularity
    }
    const logged = jsonLines(run.stdout).find((line) => line['level'] === 50 && line['plugin'] === 'stuck');
    expect((logged?.['err'] as Record<string, unknown> | undefined)?.['code']).toBe('SHUTDOWN_TIMEOUT');
  });

  it('runApp and SIGTERM: the later flushes run, then the process exits 1 (a step timed out)', async () => {
    const run = await runFixture('hangs.mjs', ['shutdown', 'runapp'], { signal: { name: 'SIGTERM', after: '@ STARTED' } });
    expect(run.killed).toBe(false);
    expect(run.stdout).toContain('@ STUCK STOP STARTED');
    expect(run.stdout).toContain('@ WRITER FLUSHED');
    expect(run.stdout).toContain('@ ROOT FLUSHED');
    expect(run.code).toBe(1);
  });
});

describe('a hung @onShutdown in process', () => {
  const never = (): Promise<void> => new Promise(() => undefined);

  it('a hung module: its plugin, the plugin-scoped service it used and a root service still shut down, in order', async () => {
    const events: string[] = [];
    const storeRef = createServiceRef<{ name: string }, 'root'>({ id: 'store', scope: 'root' });
    @Service({ provides: storeRef })
    class Store {
      name = 'store';
      @onShutdown() flush(): void {
        events.push('store flushed');
      }
    }
    const bufferRef = createServiceRef<{ name: string }>({ id: 'buffer' });
    @Service({ provides: bufferRef })
    class Buffer {
      name = 'buffer';
      constructor(@inject(storeRef) readonly store: Store) {}
      @onShutdown() async flush(): Promise<void> {
        await new Promise((resolve) => setTimeout(resolve, 5));
        events.push('buffer flushed');
      }
    }
    @Plugin({ id: 'p' })
    class P {
      @onShutdown() stop(): void {
        events.push('plugin stopped');
      }
    }
    @Module({ pluginId: 'p', id: 'stuck' })
    class Stuck {
      constructor(@inject(bufferRef) readonly buffer: Buffer) {}
      @onShutdown() stop(): Promise<void> {
        events.push('module stop started');
        return never();
      }
    }
    const { logger, lines } = captureLogs();
    const app = quietBuilder({ logger, shutdownTimeoutMs: 50 }).add([Store, Buffer, P, Stuck]).build();
    await app.start();
    await resolvesWithin(app.stop(), 2_000);
    expect(events).toEqual(['plugin stopped', 'module stop started', 'buffer flushed', 'store flushed']);
    expect(app.state).toBe('stopped');
    const logged = lines.find((line) => line['module'] === 'stuck');
    expect(logged).toEqual(expect.objectContaining({ level: 50, plugin: 'p' }));
    expect((logged?.['err'] as Record<string, unknown>)['code']).toBe('SHUTDOWN_TIMEOUT');
  });
});
