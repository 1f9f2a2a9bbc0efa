// Runs a child process and times it from the parent: spawn, the first 'started' line on its stdout
// (if it prints one), and exit. Rejects when the process fails, so a broken run stops the benchmark.
import { spawn } from 'node:child_process';

export function timeProcess(command, args, { cwd, env, timeoutMs = 120_000 } = {}) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    let startedAt;
    let exitedAt;
    let stdout = '';
    let stderr = '';
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (d) => {
      if (startedAt === undefined && (stdout + d).includes('started\n')) startedAt = performance.now();
      stdout += d;
    });
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('exit', () => (exitedAt = performance.now()));
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code !== 0) {
        const why = signal ? `killed by ${signal}${signal === 'SIGKILL' ? ` (timeout ${timeoutMs / 1000} s)` : ''}` : `exit code ${code}`;
        return reject(new Error(`${[command, ...args].join(' ')}: ${why}\n${stderr.trim()}\n${stdout.trim()}`));
      }
      resolve({
        totalMs: exitedAt - t0,
        startedMs: startedAt === undefined ? undefined : startedAt - t0,
        exitMs: startedAt === undefined ? undefined : exitedAt - startedAt,
        stdout,
        stderr,
      });
    });
  });
}
