/**
 * Issue 13.5: two apps in one process, both started with `handleSignals`. On SIGTERM both stop
 * fully (each has a slow `@onShutdown`) before the process exits: the first to finish must not
 * cut the other short. Exit code 1 if a shutdown step failed, 0 otherwise. When both are stopped
 * by the program, the signal listeners are removed. Real child processes: the exit is the point.
 */
import { assertBuilt, jsonLines, runFixture } from './kit.js';

beforeAll(assertBuilt);

const sigterm = { signal: { name: 'SIGTERM' as const, after: '@ READY' } };

it('SIGTERM: both apps stop fully, the slower one too, then the process exits 0', async () => {
  const run = await runFixture('two-apps.mjs', ['ok'], sigterm);
  expect(run.killed).toBe(false);
  expect(run.stdout).toContain('@ a STOPPED');
  expect(run.stdout).toContain('@ b STOPPED');
  expect(run.code).toBe(0);
});

it('SIGTERM: a failing shutdown step in one app: both still stop, the process exits 1', async () => {
  const run = await runFixture('two-apps.mjs', ['one-fails'], sigterm);
  expect(run.killed).toBe(false);
  expect(run.stdout).toContain('@ a STOPPED');
  // b's step ran to its end (the failure is thrown after its wait), it was not cut short.
  expect(run.stdout).toContain('@ b STOPPING');
  expect(run.ms - run.marks.get('b STOPPING')!).toBeGreaterThanOrEqual(230);
  expect(run.code).toBe(1);
});

it('stopped by the program: the signal listeners stay until the last app stops, then are removed', async () => {
  const run = await runFixture('two-apps.mjs', ['listeners']);
  expect(run.code).toBe(0);
  const counts = jsonLines(run.stdout).find((line) => line['report'] === true)!;
  const before = counts['before'] as { SIGTERM: number; SIGINT: number };
  expect(counts['running']).toEqual({ SIGTERM: before.SIGTERM + 1, SIGINT: before.SIGINT + 1 });
  expect(counts['afterA']).toEqual(counts['running']);
  expect(counts['afterB']).toEqual(before);
});
