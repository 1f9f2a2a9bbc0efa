// Runs the real `plugboard` command from dist/ in a child process (`npm run build` first; CI does).
// Fixture entries import 'plugboard', which Node resolves to dist/ through the package's exports.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../..', import.meta.url));
export const cli = join(root, 'dist/cli/main.js');
export const fixtures = 'test/cli/fixtures';

export interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunOptions {
  readonly cwd?: string;
  readonly env?: Readonly<Record<string, string>>;
}

/** How long a run may take before the test gives up on it (the CLI itself must end much sooner). */
const runLimitMs = 30_000;

function environment(options: RunOptions): NodeJS.ProcessEnv {
  return { ...process.env, NODE_OPTIONS: '', ...options.env };
}

/** Runs `plugboard <args>` and waits for it. */
export function plugboard(args: readonly string[], options: RunOptions = {}): Run {
  const run = spawnSync(process.execPath, [cli, ...args], {
    cwd: options.cwd ?? root,
    encoding: 'utf8',
    timeout: runLimitMs,
    env: environment(options),
  });
  if (run.error !== undefined) throw new Error(`plugboard ${args.join(' ')} did not finish: ${run.error.message}`);
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** Runs `plugboard <args>` without blocking, so slow runs (timeouts) can overlap. */
export function plugboardAsync(args: readonly string[], options: RunOptions = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], { cwd: options.cwd ?? root, env: environment(options), timeout: runLimitMs });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (signal !== null) reject(new Error(`plugboard ${args.join(' ')} did not finish (${signal})`));
      else resolve({ code, stdout, stderr });
    });
  });
}

/** A stack trace line, which the CLI must never print for a failure the user can cause. */
export const stackLine = /^\s+at .+/m;

/** Fails early when dist/ is missing, and warns when it is older than src/cli. */
export function checkBuilt(): void {
  if (!existsSync(cli)) {
    throw new Error(`${cli} is missing: the CLI tests run the built command. Run \`npm run build\` first (npm test and CI do).`);
  }
  const built = statSync(cli).mtimeMs;
  const sources = readdirSync(join(root, 'src/cli')).map((file) => statSync(join(root, 'src/cli', file)).mtimeMs);
  if (Math.max(...sources) > built)
    console.warn('dist/cli is older than src/cli: these tests run dist/, so run `npm run build` to test your changes.');
}

/** Runs `plugboard <args>` with its stdout closed before it writes: a reader that stopped early (`| head`). */
export function plugboardIntoClosedPipe(args: readonly string[]): Promise<Omit<Run, 'stdout'>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], { cwd: root, env: environment({}), timeout: runLimitMs });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}
