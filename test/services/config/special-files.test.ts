// Config paths that are not regular files (13.4): a FIFO with no writer used to block the read in
// libuv's thread pool forever (start() ended in INIT_TIMEOUT, then the process could never exit).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../../../src/services/config/index.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const host = join(root, 'test/services/config/fixtures/config-file-host.mjs');
const built = join(root, 'dist/index.js');
const hasMkfifo = process.platform !== 'win32' && spawnSync('mkfifo', ['--version']).error === undefined;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'plugboard-special-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly exited: boolean;
}

/** Runs the host on `file`; kills it after `ms` if it has not exited by itself. */
function runHost(file: string, ms: number): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [host, file], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_OPTIONS: '' } });
    let stdout = '';
    let exited = true;
    const timer = setTimeout(() => {
      exited = false;
      child.kill('SIGKILL');
    }, ms);
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, exited });
    });
  });
}

describe('a config path that is not a regular file', () => {
  it('refuses a directory with CONFIG_INVALID naming the file and what it is', async () => {
    await expect(loadConfig({ files: [dir], env: {} })).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
      file: dir,
      message: expect.stringContaining(`Config file ${dir} is a directory, not a regular file`),
    });
  });

  it('refuses a character device (which would read as an empty config, or forever)', async () => {
    if (!existsSync('/dev/null')) return console.warn('no /dev/null here: skipped');
    await expect(loadConfig({ files: ['/dev/null'], env: {} })).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
      file: '/dev/null',
      message: expect.stringContaining('is a character device, not a regular file'),
    });
  });

  it('refuses a socket', async () => {
    if (process.platform === 'win32') return console.warn('no Unix sockets here: skipped');
    const socket = join(dir, 'config.sock');
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(socket, resolve));
    try {
      await expect(loadConfig({ files: [socket], env: {} })).rejects.toMatchObject({
        code: 'CONFIG_INVALID',
        message: expect.stringContaining('is a socket, not a regular file'),
      });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('refuses a FIFO with no writer, and the process exits by itself (a real process)', async () => {
    if (!hasMkfifo) return console.warn('mkfifo is not available here: the FIFO test is skipped');
    if (!existsSync(built)) throw new Error('dist/ is missing: this test runs the built package. Run `npm run build` first.');
    if (statSync(fileURLToPath(new URL('../../../src/services/config/read-file.ts', import.meta.url))).mtimeMs > statSync(built).mtimeMs) {
      console.warn('dist/ is older than src/services/config: this test runs dist/, so run `npm run build` to test your changes.');
    }
    const fifo = join(dir, 'app-config.yaml');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    // The host's initTimeoutMs is 1 s: before the fix, start() rejected with INIT_TIMEOUT after
    // 1 s and the process then never exited.
    const run = await runHost(fifo, 10_000);
    expect(run.stdout).toMatch(/^REJECTED CONFIG_INVALID: /);
    expect(run.stdout).toContain(`Config file ${fifo} is a FIFO (named pipe), not a regular file`);
    expect(run.exited).toBe(true);
    expect(run.code).toBe(0);
  }, 20_000);
});
