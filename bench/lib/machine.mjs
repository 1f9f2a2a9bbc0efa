// What the tables say about the machine and the versions measured.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const benchDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const rootDir = path.resolve(benchDir, '..');

export function loadAverage() {
  return os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
}

export function machine() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model?.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    loadAvgAtStart: loadAverage(),
  };
}

/** The version of a package installed in bench/node_modules (or the root's, with `from: rootDir`). */
export function packageVersion(name, from = benchDir) {
  try {
    return JSON.parse(readFileSync(path.join(from, 'node_modules', name, 'package.json'), 'utf8')).version;
  } catch {
    return 'not installed';
  }
}

export function plugboardVersion() {
  const version = JSON.parse(readFileSync(path.join(rootDir, 'package.json'), 'utf8')).version;
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: rootDir, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src'], { cwd: rootDir, encoding: 'utf8' }).trim();
    return `${version} (commit ${commit}${dirty ? ', with uncommitted changes in src/' : ''})`;
  } catch {
    return version;
  }
}
