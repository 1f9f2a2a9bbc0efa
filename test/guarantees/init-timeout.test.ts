/**
 * Issue 13.1: an `@onInit` (or a factory) waiting on a promise nothing will settle, with
 * initTimeoutMs. The pending timeout is pending work: the process stays up until it fires,
 * start() rejects with INIT_TIMEOUT naming what hung, and under runApp the process logs it and
 * exits 1. A real child process shows what jest cannot: whether the process exits early.
 */
import { ContainerBuilder, createServiceFactory, createServiceRef, inject, Module, onInit, Plugin } from 'plugboard';
import { assertBuilt, jsonLines, rejectionWithin, runFixture } from './kit.js';

const TIMEOUT_MS = 200; // the fixture's initTimeoutMs

beforeAll(assertBuilt);

/** The fixture's report of how start() ended. */
function startReport(stdout: string): Record<string, unknown> | undefined {
  return jsonLines(stdout).find((line) => line['report'] === true);
}

describe('a hung init in a real process: app.start()', () => {
  it.each([
    ['plugin-init', { code: 'INIT_TIMEOUT', pluginId: 'stuck' }, "Plugin 'stuck'"],
    ['module-init', { code: 'INIT_TIMEOUT', pluginId: 'host', moduleId: 'stuck' }, "Module 'stuck' of plugin 'host'"],
    ['root-service', { code: 'INIT_TIMEOUT', refId: 'stuck.root' }, "'stuck.root'"],
    ['plugin-service', { code: 'INIT_TIMEOUT', pluginId: 'host' }, "'stuck.plugin'"],
  ])('%s: the process waits for the timeout, and start() rejects naming what hung', async (scenario, expected, named) => {
    const run = await runFixture('hangs.mjs', [scenario, 'start']);
    expect(run.killed).toBe(false);
    // Not an early silent exit (Node's 13 for an unsettled top-level await, or 0): start() settled.
    const report = startReport(run.stdout);
    expect(report).toEqual(expect.objectContaining({ start: 'rejected', ...expected }));
    expect(String(report?.['message'])).toContain(named);
    expect(run.code).toBe(0);
    expect(run.ms).toBeGreaterThanOrEqual(TIMEOUT_MS);
  });
});

describe('a hung init with no bound (initTimeoutMs: Infinity) in a real process', () => {
  it('stays up, naming the plugin in the slow-init warning, instead of exiting mid-start', async () => {
    const run = await runFixture('hangs.mjs', ['plugin-init', 'start', 'unbounded'], { deadlineMs: 1_500 });
    // Killed by the test's deadline: the warning's timer is pending work while start() waits.
    expect(run.killed).toBe(true);
    const warnings = jsonLines(run.stdout).filter((line) => String(line['msg']).startsWith('still initialising'));
    expect(warnings.length).toBeGreaterThan(0);
    expect(warnings[0]!['plugins']).toEqual(['stuck']);
  });
});

describe('a hung init in a real process: runApp', () => {
  /** The fatal line runApp wrote before exiting. */
  function fatal(stdout: string): Record<string, unknown> {
    const line = jsonLines(stdout).find((entry) => entry['level'] === 60);
    if (line === undefined) throw new Error(`no fatal log line in:\n${stdout}`);
    return line;
  }

  it('a hung plugin: logs which plugin hung, with INIT_TIMEOUT, and exits 1', async () => {
    const run = await runFixture('hangs.mjs', ['plugin-init', 'runapp']);
    expect(run.code).toBe(1);
    const line = fatal(run.stdout);
    expect(line['plugin']).toBe('stuck');
    expect((line['err'] as Record<string, unknown>)['code']).toBe('INIT_TIMEOUT');
    expect(String(line['msg'])).toContain("Plugin 'stuck'");
  });

  it('a hung module: logs its plugin and module, and exits 1', async () => {
    const run = await runFixture('hangs.mjs', ['module-init', 'runapp']);
    expect(run.code).toBe(1);
    const line = fatal(run.stdout);
    expect(line).toEqual(expect.objectContaining({ plugin: 'host', module: 'stuck' }));
    expect((line['err'] as Record<string, unknown>)['code']).toBe('INIT_TIMEOUT');
  });

  it('a hung root service: names the service, and exits 1', async () => {
    const run = await runFixture('hangs.mjs', ['root-service', 'runapp']);
    expect(run.code).toBe(1);
    const line = fatal(run.stdout);
    expect((line['err'] as Record<string, unknown>)['code']).toBe('INIT_TIMEOUT');
    expect(String(line['msg'])).toContain("'stuck.root'");
  });
});

describe('a hung init in process: start() rejects INIT_TIMEOUT naming it', () => {
  const never = (): Promise<void> => new Promise(() => undefined);
  const builder = (): ContainerBuilder => new ContainerBuilder({ logger: { level: 'silent' }, initTimeoutMs: 50 });

  it('a plugin', async () => {
    @Plugin({ id: 'stuck' })
    class Stuck {
      @onInit() init(): Promise<void> {
        return never();
      }
    }
    const app = builder().add(Stuck).build();
    const error = await rejectionWithin(app.start(), 2_000);
    expect(error).toMatchObject({ code: 'INIT_TIMEOUT', pluginId: 'stuck' });
    expect(app.state).toBe('failed');
  });

  it('a module', async () => {
    @Plugin({ id: 'host' })
    class Host {}
    @Module({ pluginId: 'host', id: 'stuck' })
    class Stuck {
      @onInit() init(): Promise<void> {
        return never();
      }
    }
    const error = await rejectionWithin(builder().add(Host).add(Stuck).build().start(), 2_000);
    expect(error).toMatchObject({ code: 'INIT_TIMEOUT', pluginId: 'host', moduleId: 'stuck' });
  });

  it('a root service', async () => {
    const ref = createServiceRef<object, 'root'>({ id: 'stuck.root', scope: 'root' });
    @Plugin({ id: 'host' })
    class Host {
      constructor(@inject(ref) readonly service: object) {}
    }
    const stuck = createServiceFactory({ service: ref, factory: () => never() as unknown as Promise<object> });
    const error = await rejectionWithin(builder().add(Host).add(stuck).build().start(), 2_000);
    expect(error).toMatchObject({ code: 'INIT_TIMEOUT', refId: 'stuck.root' });
  });
});
