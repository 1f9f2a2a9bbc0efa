// Runs a child process and times it from the parent: spawn, the first 'started' line on its stdout
// (if it prints one), and exit. Rejects when the process fails, so a broken run stops the benchmark.
// A Node child started with `...cpuArgs` before its own arguments also reports its CPU time: the
// whole process's (`cpuMs`, from cpu-usage.mjs at exit) and, for a 'started <ms>' line, up to then.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const cpuArgs = ['--import', path.join(path.dirname(fileURLToPath(import.meta.url)), 'cpu-usage.mjs')];

export function timeProcess(command, args, { cwd, env, timeoutMs = 120_000 } = {}) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    let startedAt;
    let exitedAt;
    let stdout = '';
    let stderr = '';
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (d) => {
      if (startedAt === undefined && /(^|\n)started\b/.test(stdout + d)) startedAt = performance.now();
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
      const cpu = /bench-cpu-ms ([\d.]+)/.exec(stderr);
      const startedCpu = /started ([\d.]+)/.exec(stdout);
      resolve({
        cpuMs: cpu ? Number(cpu[1]) : undefined,
        startedCpuMs: startedCpu ? Number(startedCpu[1]) : undefined,
        totalMs: exitedAt - t0,
        startedMs: startedAt === undefined ? undefined : startedAt - t0,
        exitMs: startedAt === undefined ? undefined : exitedAt - startedAt,
        stdout,
        stderr,
      });
    });
  });
}
