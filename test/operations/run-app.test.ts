import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const fixture = fileURLToPath(new URL('./fixtures/run-app.mjs', import.meta.url));
const built = fileURLToPath(new URL('../../dist/index.js', import.meta.url));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the fixture host; sends `signal` once `after` appears on stdout. */
function runHost(mode: string, signal?: { name: NodeJS.Signals; after: string }): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [fixture, mode], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let sent = false;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`host did not exit; stdout: ${stdout}; stderr: ${stderr}`));
    }, 10_000);
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (signal && !sent && stdout.includes(signal.after)) {
        sent = true;
        child.kill(signal.name);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('runApp and signals (a real process)', () => {
  beforeAll(() => {
    if (!existsSync(built)) throw new Error('dist/ is missing: run `npm run build` before these tests (CI does).');
  });

  it('stops once on SIGTERM and exits 0', async () => {
    const run = await runHost('ok', { name: 'SIGTERM', after: 'READY' });
    expect(run.code).toBe(0);
    expect(run.stdout.match(/STOPPED/g)).toHaveLength(1);
  });

  it('stops on SIGINT received during start: the running init finishes, then everything stops, exit 0', async () => {
    const run = await runHost('slow', { name: 'SIGINT', after: 'INIT STARTED' });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('READY');
    expect(run.stdout).toContain('STOPPED');
  });

  it('exits 1 when a shutdown step fails', async () => {
    const run = await runHost('bad-stop', { name: 'SIGTERM', after: 'READY' });
    expect(run.code).toBe(1);
  });

  it('logs the error and exits 1 when start fails: no zombie process', async () => {
    const run = await runHost('fail');
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('database unreachable');
    expect(run.stdout).toContain('INIT_FAILED');
  });
});
