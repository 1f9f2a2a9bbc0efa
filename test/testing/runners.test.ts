// startTestApp stops the apps a test file leaves running, under every runner plugboard/testing
// supports. Each case runs a fixture test file (test/testing/fixtures/runners/) with that runner
// in a child process, on the built package (dist/), and reads what the app's @onShutdown wrote to
// a file after the runner has exited: nothing else can see whether cleanup happened.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const fixtures = join(root, 'test/testing/fixtures/runners');
const jest = join(root, 'node_modules/jest/bin/jest.js');
const vitest = join(root, 'node_modules/vitest/vitest.mjs');

const scratch = mkdtempSync(join(tmpdir(), 'plugboard-runners-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

beforeAll(() => {
  const built = join(root, 'dist/testing/index.js');
  if (!existsSync(built)) throw new Error('dist/ is missing: run `npm run build` before these tests (`npm test` does).');
  if (statSync(built).mtimeMs < statSync(join(root, 'src/testing/cleanup.ts')).mtimeMs) {
    throw new Error('dist/testing is older than src/testing: run `npm run build` so these tests run the current code (`npm test` does).');
  }
});

interface Run {
  readonly status: number | null;
  readonly output: string;
  /** The lines the probe app's @onShutdown wrote, one per app stopped. */
  readonly stopped: string[];
}

let runs = 0;
/** Runs a command in the fixtures folder, with none of this jest worker's runner variables. */
function run(args: readonly string[], extraEnv: Record<string, string> = {}): Run {
  const marker = join(scratch, `marker-${++runs}`);
  const env: NodeJS.ProcessEnv = { ...process.env, SHUTDOWN_MARKER: marker, FORCE_COLOR: '0', NO_COLOR: '1', ...extraEnv };
  for (const inherited of ['JEST_WORKER_ID', 'VITEST', 'VITEST_WORKER_ID', 'VITEST_POOL_ID', 'NODE_TEST_CONTEXT']) delete env[inherited];
  if (extraEnv['NODE_OPTIONS'] === undefined) delete env['NODE_OPTIONS'];
  const child = spawnSync(process.execPath, args, { cwd: fixtures, env, encoding: 'utf8', timeout: 60_000 });
  const stopped = existsSync(marker) ? readFileSync(marker, 'utf8').split('\n').filter(Boolean) : [];
  return { status: child.status, output: `${child.stdout}\n${child.stderr}`, stopped };
}

const jestArgs = (...extra: string[]): string[] => [
  jest,
  '--rootDir',
  fixtures,
  '--config',
  JSON.stringify({ testMatch: ['<rootDir>/jest.fixture.mjs'], transform: {}, testEnvironment: 'node' }),
  '--ci',
  ...extra,
];
const vmModules = { NODE_OPTIONS: '--experimental-vm-modules' };

describe('startTestApp stops the apps a test file left running', () => {
  it('under jest (global afterAll)', () => {
    const result = run(jestArgs(), vmModules);
    expect(result).toEqual({ status: 0, output: expect.stringContaining('1 passed'), stopped: ['probe stopped'] });
  });

  it('under jest with injectGlobals: false (afterAll from @jest/globals)', () => {
    const result = run(jestArgs('--injectGlobals=false'), vmModules);
    expect(result).toEqual({ status: 0, output: expect.stringContaining('1 passed'), stopped: ['probe stopped'] });
  });

  it('under vitest without globals: true (afterAll from vitest), and with stopWith: onTestFinished', () => {
    const result = run([vitest, 'run', '--config', 'vitest.config.mjs']);
    expect(result).toEqual({ status: 0, output: expect.stringContaining('2 passed'), stopped: ['probe stopped', 'probe stopped'] });
  });

  it('under node:test run with node --test (after from node:test)', () => {
    const result = run(['--test', 'node-test.fixture.mjs']);
    expect(result).toEqual({ status: 0, output: expect.stringContaining('# pass 1'), stopped: ['probe stopped'] });
  });
});

describe('where no runner hook is found (node:test run with plain node)', () => {
  it('stopWith registers the stop, and an app nothing stops is reported by name', () => {
    const result = run(['node-test-stop-with.fixture.mjs']);
    expect(result.status).toBe(0);
    expect(result.output).toContain('# pass 2');
    expect(result.stopped).toEqual(['probe stopped']); // the stopWith app only
    expect(result.output).toMatch(
      /\[PLUGBOARD_TEST_APP_NOT_STOPPED\] Warning: the app of startTestApp\(\{ features: \[ProbePlugin\] \}\) will not be stopped for you/,
    );
    expect(result.output.match(/PLUGBOARD_TEST_APP_NOT_STOPPED/g)).toHaveLength(1);
  });
});
