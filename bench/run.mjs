#!/usr/bin/env node
// Comparative benchmark: N plugins x M modules on plugboard, raw InversifyJS, the Backstage
// backend system, NestJS and hand-wired objects. Each run is its own process (run-one.mjs);
// systems are interleaved (A B C D, B C D A, ...) so that drift of the machine hits all alike.
//
//   node run.mjs [--sizes 10x5,100x10,1000x10,5000x10] [--runs 5]   (a size may carry its own
//                run count: --sizes 1000x10,5000x10:1)
//                [--systems plugboard,backstage,inversify,nestjs,handwired]
//                [--out FILE] [--json FILE] [--timeout SECONDS]
//
// With the defaults the table is written to RESULTS.md; a run with other sizes, runs or systems
// writes results/latest.md instead (unless --out says otherwise), so a quick run never replaces
// the published table. Raw figures go to results/<timestamp>.json.
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');

const ALL_SYSTEMS = ['plugboard', 'backstage', 'inversify', 'nestjs', 'handwired', 'containers'];
const LABELS = {
  plugboard: 'plugboard',
  backstage: 'Backstage backend',
  inversify: 'InversifyJS (raw)',
  nestjs: 'NestJS',
  handwired: 'hand-wired',
  containers: 'InversifyJS containers only',
};
const DEFAULTS = { sizes: '10x5,100x10,1000x10,5000x10', runs: 5, systems: ALL_SYSTEMS.join(','), timeout: 600 };

// ---------------------------------------------------------------------------------------------
// Options

function usage(message) {
  if (message) console.error(`run.mjs: ${message}`);
  console.error(
    'usage: node run.mjs [--sizes 10x5,100x10,1000x10,5000x10[:RUNS]] [--runs 5] ' +
      `[--systems ${ALL_SYSTEMS.join(',')}] [--out FILE] [--json FILE] [--timeout SECONDS]`,
  );
  process.exit(2);
}

function parseArgs(argv) {
  const opts = {};
  for (let k = 0; k < argv.length; k++) {
    const arg = argv[k];
    if (arg === '--help' || arg === '-h') usage();
    const match = /^--(sizes|runs|systems|out|json|timeout)(?:=(.*))?$/.exec(arg);
    if (!match) usage(`unknown argument '${arg}'`);
    const value = match[2] ?? argv[++k];
    if (value === undefined) usage(`${arg} needs a value`);
    opts[match[1]] = value;
  }
  const custom = ['sizes', 'runs', 'systems'].some((key) => opts[key] !== undefined && String(opts[key]) !== String(DEFAULTS[key]));
  const runs = Number(opts.runs ?? DEFAULTS.runs);
  if (!Number.isInteger(runs) || runs < 1) usage(`bad --runs '${opts.runs}'`);
  const sizes = String(opts.sizes ?? DEFAULTS.sizes)
    .split(',')
    .filter(Boolean)
    .map((s) => {
      const m = /^(\d+)x(\d+)(?::(\d+))?$/.exec(s.trim());
      if (!m || +m[1] < 1 || +m[2] < 1 || (m[3] !== undefined && +m[3] < 1)) {
        usage(`bad size '${s}' (expected NxM or NxM:RUNS, e.g. 100x10 or 5000x10:1)`);
      }
      return { n: +m[1], m: +m[2], runs: m[3] === undefined ? runs : +m[3] };
    });
  const systems = String(opts.systems ?? DEFAULTS.systems)
    .split(',')
    .filter(Boolean);
  for (const s of systems) if (!ALL_SYSTEMS.includes(s)) usage(`unknown system '${s}' (known: ${ALL_SYSTEMS.join(', ')})`);
  const timeout = Number(opts.timeout ?? DEFAULTS.timeout);
  if (!(timeout > 0)) usage(`bad --timeout '${opts.timeout}'`);
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  return {
    sizes,
    runs,
    systems,
    timeoutMs: timeout * 1000,
    out: path.resolve(opts.out ?? path.join(here, custom ? 'results/latest.md' : 'RESULTS.md')),
    json: path.resolve(opts.json ?? path.join(here, `results/${stamp}.json`)),
  };
}

// ---------------------------------------------------------------------------------------------
// Running

function runOne(system, { n, m }, timeoutMs) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(here, 'run-one.mjs'), system, String(n), String(m)], {
      cwd: here,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const line = stdout.trim().split('\n').pop();
      if (code === 0 && line) {
        try {
          return resolve(JSON.parse(line));
        } catch {
          /* fall through */
        }
      }
      const why = signal ? `killed by ${signal}${signal === 'SIGKILL' ? ` (timeout ${timeoutMs / 1000} s)` : ''}` : `exit code ${code}`;
      reject(new Error(`${system} ${n}x${m}: ${why}\n${stderr.trim()}\n${stdout.trim()}`));
    });
  });
}

/** Rotation r of the list: r=0 -> A B C D, r=1 -> B C D A, ... */
function rotate(list, r) {
  const k = r % list.length;
  return [...list.slice(k), ...list.slice(0, k)];
}

// ---------------------------------------------------------------------------------------------
// Statistics and formatting

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

function stats(values) {
  return { median: median(values), min: Math.min(...values), max: Math.max(...values) };
}

function fmt(v) {
  if (v >= 100) return v.toFixed(0);
  if (v >= 10) return v.toFixed(1);
  return v.toFixed(2);
}

function cell(s, digits) {
  const f = digits === 0 ? (v) => v.toFixed(0) : fmt;
  return s.min === s.max ? f(s.median) : `${f(s.median)} (${f(s.min)}–${f(s.max)})`;
}

function ratio(value, base) {
  if (base === undefined || !(base > 0)) return 'n/a';
  const r = value / base;
  return `${r >= 10 ? r.toFixed(0) : r.toFixed(2)}×`;
}

function packageVersion(name) {
  try {
    return JSON.parse(readFileSync(path.join(here, 'node_modules', name, 'package.json'), 'utf8')).version;
  } catch {
    return 'not installed';
  }
}

function plugboardVersion() {
  const version = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).version;
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src'], { cwd: root, encoding: 'utf8' }).trim();
    return `${version} (commit ${commit}${dirty ? ', with uncommitted changes in src/' : ''})`;
  } catch {
    return version;
  }
}

function machine() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model?.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    loadAvgAtStart: os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' '),
  };
}

function markdown({ opts, results, skipped, info, startedAt, finishedAt }) {
  const lines = [];
  const systems = opts.systems.filter((s) => !skipped.has(s));
  const by = (size, system) => results.filter((r) => r.n === size.n && r.m === size.m && r.system === system);
  const summary = (size, system) => {
    const rs = by(size, system);
    if (rs.length === 0) return undefined;
    return {
      loadMs: stats(rs.map((r) => r.loadMs)),
      defineMs: stats(rs.map((r) => r.defineMs)),
      startMs: stats(rs.map((r) => r.startMs)),
      stopMs: stats(rs.map((r) => r.stopMs)),
      maxRssMB: stats(rs.map((r) => r.maxRssMB)),
    };
  };

  lines.push('# Benchmark results', '');
  lines.push(
    `Generated by \`npm run bench\` (\`node bench/run.mjs${process.argv.slice(2).length ? ' ' + process.argv.slice(2).join(' ') : ''}\`) ` +
      `on ${finishedAt.toISOString().slice(0, 10)}: one process per run, systems interleaved ` +
      `(A B C D, B C D A, …), ${runsText(opts.sizes)}.`,
    '',
  );
  lines.push('## Machine', '');
  lines.push(`- CPU: ${info.cpu}, ${info.cores} cores; memory ${info.memoryGiB} GiB`);
  lines.push(`- OS: ${info.os}; Node.js ${info.node}`);
  lines.push(
    `- load average (1, 5, 15 min) when the run began: ${info.loadAvgAtStart}, when it ended: ${info.loadAvgAtEnd}; ` +
      `wall time ${((finishedAt - startedAt) / 1000).toFixed(0)} s`,
  );
  lines.push(
    `- versions: plugboard ${plugboardVersion()}, inversify ${packageVersion('inversify')}, ` +
      `@backstage/backend-app-api ${packageVersion('@backstage/backend-app-api')}, ` +
      `@backstage/backend-plugin-api ${packageVersion('@backstage/backend-plugin-api')}, ` +
      `@nestjs/core ${packageVersion('@nestjs/core')}`,
  );
  for (const s of skipped) lines.push(`- **${LABELS[s]} skipped**: ${skippedReason[s]}`);
  lines.push('');

  lines.push('## Scenario', '');
  lines.push(
    'N plugins × M modules. Each plugin has one extension point (`addItem(item)`); each module injects that ' +
      'extension point, a plugin-scoped service and a root-scoped service, and adds one item in its init; ' +
      'each plugin checks in its init that it saw exactly M items. Every plugin and module has a stop hook ' +
      'that counts; the count is checked after stop. All classes (N × M modules, N plugins, N registries) ' +
      'are created at run time, so each is distinct, as in a real app. Inits and hooks are synchronous ' +
      'functions; each system awaits them as it does.',
    '',
  );
  lines.push(
    '- **define**: creating and decorating the classes (plugboard, InversifyJS and NestJS decorators applied ' +
      'programmatically; Backstage: `createExtensionPoint`/`createBackendPlugin`/`createBackendModule`).',
    '- **start**: from wiring (builder, containers, bindings, `backend.add`) until the app is started and every init ran.',
    '- **stop**: the stop call until every stop hook ran.',
    '- **max RSS**: the process peak (`process.resourceUsage().maxRSS`), framework load included.',
    '- **import**: loading the framework (`import()` of the system module), outside the other figures.',
    '- Cells are `median (min–max)`; **÷ plugboard** is the system’s median divided by plugboard’s ' +
      '(above 1: slower or larger than plugboard).',
    '',
  );
  lines.push('How each system is wired (`bench/systems/*.mjs`):', '');
  lines.push(
    '- **plugboard**: the public API of the built package (`dist/`), decorators applied as TypeScript would ' +
      '(parameters, methods, class); the plugin reads the items through its extension point’s implementation ' +
      "class; `@onShutdown` hooks; `new ContainerBuilder({ logger: { level: 'silent' } })`, `add`, `build`, `start`, `stop`.",
    '- **Backstage backend**: `createSpecializedBackend` with the minimal service factories it needs ' +
      '(`core.rootLifecycle`, `core.lifecycle`, whose hooks run concurrently as Backstage’s defaults do; ' +
      'no root logger or config, so it logs nothing), the scenario’s root and plugin services as ' +
      '`createServiceFactory`; stop hooks are `lifecycle.addShutdownHook`. Its `register` callbacks run inside ' +
      '`start()`, so its define figure is only the creation of the feature objects.',
    '- **InversifyJS (raw)**: the naive way: a child container per plugin, modules bound to one multi-binding ' +
      'token and resolved with `getAll`, then the plugin; `@preDestroy` hooks run by `unbindAll()` of each ' +
      'child container, then the root.',
    '- **NestJS**: one Nest module per plugin (plugin service, registry, plugin and modules as providers), ' +
      'a global root module; modules add in `onModuleInit`, the plugin checks in `onApplicationBootstrap`; ' +
      'stop hooks are `onModuleDestroy`; `createApplicationContext` (logger off) and `close()`.',
    '- **hand-wired**: `new` in init order, inits called directly, stop hooks called in reverse: the floor.',
    '- **InversifyJS containers only**: not an app, a measurement: the InversifyJS work alone that plugboard ' +
      'does per plugin here (a child container, three bindings: plugin service, extension point implementation ' +
      'class, extension point token; two resolutions), nothing else. It is the part of plugboard’s start that ' +
      'a real InversifyJS child container per plugin (DESIGN.md) costs.',
    '',
  );

  // Summary in the shape of the anchor table.
  lines.push('## Summary: median start ms / stop ms / max RSS MB', '');
  lines.push(`| size | ${systems.map((s) => LABELS[s]).join(' | ')} |`);
  lines.push(`|---|${systems.map(() => '---').join('|')}|`);
  for (const size of opts.sizes) {
    const cells = systems.map((s) => {
      const x = summary(size, s);
      return x ? `${fmt(x.startMs.median)} / ${fmt(x.stopMs.median)} / ${x.maxRssMB.median.toFixed(0)}` : '–';
    });
    lines.push(`| ${size.n}×${size.m} | ${cells.join(' | ')} |`);
  }
  lines.push('');

  for (const size of opts.sizes) {
    const base = summary(size, 'plugboard');
    lines.push(`## ${size.n} plugins × ${size.m} modules (${size.runs} run${size.runs > 1 ? 's' : ''} each)`, '');
    lines.push(
      '| system | start ms | stop ms | define ms | max RSS MB | import ms | start ÷ plugboard | stop ÷ plugboard | define ÷ plugboard | RSS ÷ plugboard |',
    );
    lines.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
    for (const s of systems) {
      const x = summary(size, s);
      if (!x) continue;
      lines.push(
        `| ${LABELS[s]} | ${cell(x.startMs)} | ${cell(x.stopMs)} | ${cell(x.defineMs)} | ${cell(x.maxRssMB, 0)} | ` +
          `${fmt(x.loadMs.median)} | ${ratio(x.startMs.median, base?.startMs.median)} | ` +
          `${ratio(x.stopMs.median, base?.stopMs.median)} | ${ratio(x.defineMs.median, base?.defineMs.median)} | ` +
          `${ratio(x.maxRssMB.median, base?.maxRssMB.median)} |`,
      );
    }
    lines.push('');
  }
  return lines.join('\n');
}

const skippedReason = {};

function runsText(sizes) {
  const counts = new Set(sizes.map((s) => s.runs));
  if (counts.size === 1) {
    const [r] = counts;
    return `${r} run${r > 1 ? 's' : ''} per system and size`;
  }
  return `runs per system: ${sizes.map((s) => `${s.n}×${s.m}: ${s.runs}`).join(', ')}`;
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const skipped = new Set();
  if (!existsSync(path.join(here, 'node_modules'))) {
    console.error('bench/node_modules is missing: run `npm install` in bench/ (or `npm --prefix bench install`) first.');
    process.exit(1);
  }
  if (opts.systems.includes('plugboard') && !existsSync(path.join(root, 'dist', 'index.js'))) {
    skipped.add('plugboard');
    skippedReason.plugboard = 'dist/index.js is not built (run `npm run build` at the root); ratios are n/a.';
    console.error(`plugboard skipped: ${skippedReason.plugboard}`);
  }
  const systems = opts.systems.filter((s) => !skipped.has(s));
  if (systems.length === 0) usage('no system left to run');

  const info = machine();
  const startedAt = new Date();
  const total = opts.sizes.reduce((sum, size) => sum + size.runs, 0) * systems.length;
  console.error(
    `${total} runs: ${opts.sizes.map((s) => `${s.n}x${s.m} ×${s.runs}`).join(', ')}; ` +
      `systems ${systems.join(', ')}; ${info.cpu}, ${info.cores} cores, Node ${info.node}, load ${info.loadAvgAtStart}`,
  );
  const results = [];
  let done = 0;
  for (const size of opts.sizes) {
    for (let r = 0; r < size.runs; r++) {
      for (const system of rotate(systems, r)) {
        const res = await runOne(system, size, opts.timeoutMs).catch((error) => {
          console.error(`\nFAILED: ${error.message}`);
          process.exit(1);
        });
        results.push(res);
        done++;
        console.error(
          `[${String(done).padStart(String(total).length)}/${total}] ${size.n}x${size.m} run ${r + 1}/${size.runs} ` +
            `${system.padEnd(10)} define ${fmt(res.defineMs).padStart(6)} ms  start ${fmt(res.startMs).padStart(6)} ms  ` +
            `stop ${fmt(res.stopMs).padStart(6)} ms  RSS ${res.maxRssMB.toFixed(0).padStart(5)} MB`,
        );
      }
    }
  }
  const finishedAt = new Date();
  info.loadAvgAtEnd = os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

  const table = markdown({ opts, results, skipped, info, startedAt, finishedAt });
  mkdirSync(path.dirname(opts.out), { recursive: true });
  writeFileSync(opts.out, table + '\n');
  mkdirSync(path.dirname(opts.json), { recursive: true });
  writeFileSync(
    opts.json,
    JSON.stringify({ machine: info, startedAt, finishedAt, sizes: opts.sizes, skipped: [...skipped], results }, null, 2) + '\n',
  );
  process.stdout.write(table + '\n');
  console.error(`\nwrote ${path.relative(process.cwd(), opts.out) || opts.out} and ${path.relative(process.cwd(), opts.json)}`);
}

await main();
