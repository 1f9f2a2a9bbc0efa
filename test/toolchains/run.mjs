// The toolchain matrix (docs/toolchains.md), run by .ci/run: packs plugboard (prepack builds it),
// then builds, runs and tests the same small app (test/toolchains/fixtures/matrix) with tsc + node,
// tsx, an esbuild single-file bundle, SWC, vitest and jest + ts-jest, and builds the project that
// docs/getting-started.md spells out from the guide's own code blocks. Everything happens in a
// temporary folder; installs come from the matrix's lockfile (npm ci), plugboard from the tarball.
//
//   node test/toolchains/run.mjs [toolchain...]     (default: all; names as in the table below)
//
// Each app run must print the expected lines; each test run must pass and must leave the plugin's
// @onShutdown line in $SHUTDOWN_MARKER: the tests leave their app running, so that line proves
// plugboard/testing stopped it under that runner.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { documentedFiles, documentedOutputs, matchesShownOutput } from './doc-files.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'plugboard-toolchains-'));
const matrix = join(work, 'matrix');
const appLines = 'hello, world (greeter)\nbonjour, world (greeter)\ngreeter stopped\n';
const stoppedLine = 'greeter stopped';

class StepFailure extends Error {}

/**
 * Runs a command and returns its stdout (with `combined`, stdout and stderr); throws a StepFailure
 * with its output when it exits non-zero.
 */
function exec(command, args, { cwd = matrix, env = {}, combined = false } = {}) {
  const result = spawnSync(command, args, {
    cwd,
    env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1', ...env },
    encoding: 'utf8',
    timeout: 300_000,
  });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  if (result.status !== 0) {
    throw new StepFailure(`\`${[command, ...args].join(' ')}\` in ${cwd} exited with ${result.status ?? result.signal}:\n${output}`);
  }
  return combined ? output : result.stdout;
}

const bin = (name, cwd = matrix) => join(cwd, 'node_modules/.bin', name);
const node = (args, options) => exec(process.execPath, args, options);

/** Checks an app's printed lines. */
function expectOutput(actual, expected, what) {
  if (actual !== expected) throw new StepFailure(`${what} printed:\n${actual}\ninstead of:\n${expected}`);
}

/** Runs a test command with a fresh marker file, and checks that the app the test left running was stopped. */
function expectTestStopsApp(runTest) {
  const marker = join(work, `marker-${Math.random().toString(36).slice(2)}`);
  runTest({ SHUTDOWN_MARKER: marker });
  const written = existsSync(marker) ? readFileSync(marker, 'utf8') : '';
  if (!written.split('\n').includes(stoppedLine)) {
    throw new StepFailure(
      `the test passed, but the app it left running was never stopped (its @onShutdown did not run); it wrote:\n${written}`,
    );
  }
}

const toolchains = {
  tsc() {
    exec(bin('tsc'), ['-p', '.']);
    expectOutput(node(['dist/tsc/src/main.js']), appLines, 'the app compiled by tsc');
    expectTestStopsApp((env) => node(['--test', 'dist/tsc/test/node/greeter.spec.js'], { env }));
  },
  tsx() {
    expectOutput(exec(bin('tsx'), ['src/main.ts']), appLines, 'the app run by tsx');
    expectTestStopsApp((env) => exec(bin('tsx'), ['--test', 'test/node/greeter.spec.ts'], { env }));
  },
  esbuild() {
    node(['esbuild.config.mjs']);
    // A single-file bundle runs on its own: copied where no node_modules can be found.
    const alone = join(work, 'bundle-alone');
    mkdirSync(alone, { recursive: true });
    cpSync(join(matrix, 'dist/esbuild/src/main.js'), join(alone, 'main.js'));
    cpSync(join(matrix, 'dist/esbuild/test/node/greeter.spec.js'), join(alone, 'greeter.spec.js'));
    writeFileSync(join(alone, 'package.json'), '{ "type": "module" }\n');
    expectOutput(node(['main.js'], { cwd: alone }), appLines, 'the esbuild bundle');
    expectTestStopsApp((env) => node(['--test', 'greeter.spec.js'], { cwd: alone, env }));
  },
  swc() {
    exec(bin('swc'), ['src', 'test', '-d', 'dist/swc']);
    expectOutput(node(['dist/swc/src/main.js']), appLines, 'the app compiled by SWC');
    expectTestStopsApp((env) => node(['--test', 'dist/swc/test/node/greeter.spec.js'], { env }));
  },
  vitest() {
    expectTestStopsApp((env) => exec(bin('vitest'), ['run', 'test/vitest'], { env }));
  },
  jest() {
    expectTestStopsApp((env) => exec(bin('jest'), ['test/jest'], { env: { ...env, NODE_OPTIONS: '--experimental-vm-modules' } }));
  },
  'getting-started'(tarball) {
    const guide = readFileSync(join(root, 'docs/getting-started.md'), 'utf8');
    const project = join(work, 'getting-started');
    for (const [path, content] of documentedFiles(guide)) {
      mkdirSync(dirname(join(project, path)), { recursive: true });
      writeFileSync(join(project, path), content);
    }
    // The guide has no lockfile; the matrix's pins the same tools to the versions tested above.
    cpSync(join(matrix, 'package-lock.json'), join(project, 'package-lock.json'));
    exec('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund'], { cwd: project });
    exec('npm', ['install', '--prefer-offline', '--no-save', '--no-audit', '--no-fund', tarball], { cwd: project });
    exec('npm', ['run', 'build'], { cwd: project });
    const outputs = documentedOutputs(guide);
    if (outputs.length === 0) throw new StepFailure('docs/getting-started.md shows no command output (a **`$ command`** caption)');
    for (const { command, output } of outputs) {
      const [program, ...args] = command.split(' ');
      const printed = program === 'node' ? node(args, { cwd: project }) : exec(program, args, { cwd: project });
      if (!matchesShownOutput(output, printed)) {
        throw new StepFailure(`\`${command}\` printed:\n${printed}\nwhich is not what docs/getting-started.md shows:\n${output}`);
      }
    }
    const tested = exec('npm', ['test'], { cwd: project, combined: true });
    if (!/Tests:\s+1 passed, 1 total/.test(tested)) throw new StepFailure(`npm test did not pass the guide's one test:\n${tested}`);
  },
};

const chosen = process.argv.slice(2).length > 0 ? process.argv.slice(2) : Object.keys(toolchains);
const unknown = chosen.filter((name) => !(name in toolchains));
if (unknown.length > 0) {
  console.error(`unknown toolchain(s): ${unknown.join(', ')}; known: ${Object.keys(toolchains).join(', ')}`);
  process.exit(2);
}

const started = performance.now();
const seconds = (since) => ((performance.now() - since) / 1000).toFixed(1);
let tarball;
try {
  let since = performance.now();
  const packed = JSON.parse(exec('npm', ['pack', '--json', '--pack-destination', work], { cwd: root }));
  tarball = join(work, packed[0].filename);
  console.log(`packed ${packed[0].filename} (${seconds(since)} s)`);
  since = performance.now();
  cpSync(join(root, 'test/toolchains/fixtures/matrix'), matrix, {
    recursive: true,
    filter: (source) => !/[/\\](node_modules|dist)$/.test(source),
  });
  exec('npm', ['ci', '--prefer-offline', '--no-audit', '--no-fund']);
  exec('npm', ['install', '--prefer-offline', '--no-save', '--no-audit', '--no-fund', tarball]);
  console.log(`installed the matrix project from its lockfile, and plugboard from the tarball (${seconds(since)} s)`);
} catch (error) {
  console.error(error.message);
  rmSync(work, { recursive: true, force: true });
  process.exit(1);
}

const results = [];
for (const name of chosen) {
  const since = performance.now();
  try {
    toolchains[name](tarball);
    results.push({ name, ok: true, time: seconds(since) });
    console.log(`ok   ${name} (${seconds(since)} s)`);
  } catch (error) {
    if (!(error instanceof StepFailure)) throw error;
    results.push({ name, ok: false, time: seconds(since) });
    console.log(`FAIL ${name} (${seconds(since)} s)\n${error.message.replace(/^/gm, '     ')}`);
  }
}

rmSync(work, { recursive: true, force: true });
const failed = results.filter((result) => !result.ok).length;
console.log(`toolchain matrix, ${seconds(started)} s in all`);
console.log(`toolchains: ${results.length - failed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
