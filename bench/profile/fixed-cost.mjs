// Where plugboard's fixed cost goes at a small size: `node fixed-cost.mjs [--runs 20] [--size 10x5]
// [--top 15] [--no-profile] [--per-file]`. Runs phases.mjs in fresh processes, first plain (the phase times, no
// profiler overhead), then under `node --cpu-prof` (100 µs sampling), and adds up the samples of all
// profiled runs per phase: self time per function and per file, in ms per run. Prints markdown.
// dist/ is bundled (one module per entry point and a few shared chunks), so its profile names
// chunks, not source files; --per-file runs the same code from tsc's per-file output in .tsc/
// (left by `node scripts/build.mjs --keep-compiled`) instead, so time is attributed to model/, runtime/, services/ ...
// (that build imports ~100 files more, so read its imports phase from a run without the flag).
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { benchDir, rootDir } from '../lib/machine.mjs';
import { timeProcess } from '../lib/process.mjs';
import { option } from '../lib/options.mjs';
import { fmt, median } from '../lib/stats.mjs';

const PHASES = [
  ['node bootstrap', 'processStart', 'entry'],
  ['imports', 'entry', 'imported'],
  ['define (decorators)', 'imported', 'defined'],
  ['builder: add, build', 'defined', 'built'],
  ['start → first module init', 'built', 'firstModuleInit'],
  ['first module init → last plugin init', 'firstModuleInit', 'lastPluginInit'],
  ['last plugin init → start resolved', 'lastPluginInit', 'started'],
  ['stop', 'started', 'stopped'],
];

const runs = Number(option('runs', 20));
const [n, m] = option('size', '10x5').split('x').map(Number);
const top = Number(option('top', 15));
const profile = !process.argv.includes('--no-profile');
const perFile = process.argv.includes('--per-file');
if (perFile && !existsSync(path.join(rootDir, '.tsc', 'index.js'))) {
  console.error('--per-file needs the per-file build: run `node scripts/build.mjs --keep-compiled` first');
  process.exit(2);
}
const childEnv = perFile ? { ...process.env, PLUGBOARD_ENTRY: path.join(rootDir, '.tsc', 'index.js') } : process.env;
const entry = path.join(benchDir, 'profile', 'phases.mjs');

async function phases(args) {
  const t = await timeProcess(process.execPath, [...args, entry, String(n), String(m)], { cwd: benchDir, env: childEnv });
  return JSON.parse(t.stdout.trim().split('\n').pop());
}

/** Where a sample's function lives, shortened: dist/… for plugboard, the package for node_modules. */
function place(url) {
  if (!url) return '';
  const file = url.replace(/^file:\/\//, '');
  if (file.startsWith(path.join(rootDir, 'dist')) || file.startsWith(path.join(rootDir, '.tsc'))) return path.relative(rootDir, file);
  const nm = file.lastIndexOf('/node_modules/');
  if (nm !== -1) {
    const rest = file.slice(nm + '/node_modules/'.length).split('/');
    return `${rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]} (package)`;
  }
  if (file.startsWith('node:')) return 'node internals';
  return path.relative(rootDir, file) || file;
}

/** A coarse bucket for a place: which part of plugboard, or which dependency. */
function kindOf(where) {
  if (where.startsWith('.tsc/model/')) return 'plugboard validation (model/)';
  if (where.startsWith('.tsc/runtime/')) return 'plugboard runtime (runtime/)';
  if (where.startsWith('.tsc/services/')) return 'plugboard core services (services/)';
  if (where.startsWith('.tsc/')) return 'plugboard, other (app, decorators, tokens, errors)';
  if (where.startsWith('dist/')) return 'plugboard (bundled: --per-file splits it by part)';
  if (where.startsWith('@inversifyjs/') || where.startsWith('inversify')) return 'InversifyJS';
  if (/^(pino|sonic-boom|thread-stream|on-exit-leak-free|safe-stable-stringify|quick-format-unescaped|atomic-sleep|@pinojs)/.test(where))
    return 'pino';
  if (where.startsWith('reflect-metadata')) return 'reflect-metadata';
  if (where.startsWith('bench/')) return 'the benchmark app itself';
  if (where === '(garbage collector)') return 'garbage collector';
  return 'Node and V8 (loader, I/O, compile, idle)';
}

/** Self time (µs) per function and per place, per phase, from one profile and its marks. */
function attribute(profileData, marks, into) {
  const byId = new Map(profileData.nodes.map((node) => [node.id, node]));
  let t = profileData.startTime;
  for (let k = 0; k < profileData.samples.length; k++) {
    t += profileData.timeDeltas[k];
    const dt = profileData.timeDeltas[k + 1] ?? 0; // a sample stands for the interval until the next
    const phase = PHASES.find(([, from, to]) => t >= marks[from] && t < marks[to]);
    if (!phase) continue;
    const { functionName, url, lineNumber } = byId.get(profileData.samples[k]).callFrame;
    const where = place(url);
    const fn = `${functionName || '(anonymous)'}${where ? ` — ${where}${lineNumber >= 0 ? `:${lineNumber + 1}` : ''}` : ''}`;
    const slot = (into[phase[0]] ??= { fns: new Map(), places: new Map(), kinds: new Map(), total: 0 });
    const kind = kindOf(where || functionName);
    slot.kinds.set(kind, (slot.kinds.get(kind) ?? 0) + dt);
    slot.fns.set(fn, (slot.fns.get(fn) ?? 0) + dt);
    slot.places.set(where || functionName, (slot.places.get(where || functionName) ?? 0) + dt);
    slot.total += dt;
  }
}

const plain = [];
for (let r = 0; r < runs; r++) plain.push(await phases([]));
const lines = [];
lines.push(`## Fixed cost of plugboard at ${n}×${m}, phase by phase`, '');
lines.push(
  `Medians of ${runs} fresh processes (\`bench/profile/phases.mjs\`, the current scenario), load average ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}:`,
  '',
);
lines.push('| phase | ms (median) | min–max |', '|---|---:|---:|');
for (const [label, from, to] of PHASES) {
  const d = plain.map((x) => (x[to] - x[from]) / 1000);
  lines.push(`| ${label} | ${fmt(median(d))} | ${fmt(Math.min(...d))}–${fmt(Math.max(...d))} |`);
}
lines.push('');

if (profile) {
  const into = {};
  for (let r = 0; r < runs; r++) {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-prof-'));
    try {
      const marks = await phases(['--cpu-prof', '--cpu-prof-interval', '100', '--cpu-prof-dir', dir]);
      const [file] = readdirSync(dir);
      attribute(JSON.parse(readFileSync(path.join(dir, file), 'utf8')), marks, into);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  lines.push(`CPU profile (\`node --cpu-prof\`, 100 µs sampling, ${runs} runs added up; ms per run; self time):`, '');
  for (const [label] of PHASES) {
    const slot = into[label];
    if (!slot) continue;
    lines.push(`### ${label}: ${fmt(slot.total / 1000 / runs)} ms sampled per run`, '');
    const rows = (map) =>
      [...map]
        .sort((a, b) => b[1] - a[1])
        .slice(0, top)
        .map(([name, v]) => `| ${name.replaceAll('|', '\\|')} | ${fmt(v / 1000 / runs)} |`);
    lines.push('| what | ms |', '|---|---:|', ...rows(slot.kinds), '');
    lines.push('| where (file or package) | ms |', '|---|---:|', ...rows(slot.places), '');
    lines.push('| function | ms |', '|---|---:|', ...rows(slot.fns), '');
  }
}
process.stdout.write(lines.join('\n') + '\n');
