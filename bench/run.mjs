#!/usr/bin/env node
// The benchmark. Three parts, each its own processes, every variant interleaved so that drift of the
// machine hits all alike:
//   table     N plugins × M modules on plugboard, Backstage, InversifyJS, NestJS, hand-wired (and the
//             InversifyJS containers alone), in two scenarios (current, variant); one process per
//             run (run-one.mjs), systems rotated each round (A B C D, B C D A, ...);
//   cold      whole processes: `node app.mjs N M` to 'started' and to exit, unbundled and as one
//             esbuild bundle, and the import cost of each framework alone (cold/measure.mjs);
//   testfile  `jest <file>` of a test that starts and stops a one-plugin app (jest/measure.mjs).
//
//   node run.mjs [--parts table,cold,testfile] [--scenarios current,variant]
//                [--sizes 10x5,100x10,1000x10,5000x10] [--runs 5]   (a size may carry its own
//                run count: --sizes 1000x10,5000x10:1)
//                [--systems plugboard,backstage,inversify,nestjs,handwired,containers]
//                [--cold-sizes 10x5,100x10] [--cold-runs 15] [--testfile-runs 5]
//                [--out FILE] [--json FILE] [--timeout SECONDS]
//
// With the defaults the markdown is written to RESULTS.md; any other choice writes results/latest.md
// instead (unless --out says otherwise), so a quick run never replaces the published table. Raw
// figures go to results/<timestamp>.json. A run that fails a check (or crashes) stops everything
// with a non-zero exit: figures of a wrong wiring are worthless.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { COLD_SYSTEMS, coldMarkdown, measureCold } from './cold/measure.mjs';
import { measureTestFile, testFileMarkdown } from './jest/measure.mjs';
import { LABELS, SCENARIO_TITLES, appDefinitions, appTables, scenarioDescription } from './lib/app-table.mjs';
import { benchDir as here, loadAverage, machine, packageVersion, plugboardVersion, rootDir as root } from './lib/machine.mjs';
import { fmt, parseSizes, rotate } from './lib/stats.mjs';

const ALL_SYSTEMS = Object.keys(LABELS);
const ALL_SCENARIOS = ['current', 'variant'];
const ALL_PARTS = ['table', 'cold', 'testfile'];
const DEFAULTS = {
  parts: ALL_PARTS.join(','),
  scenarios: ALL_SCENARIOS.join(','),
  sizes: '10x5,100x10,1000x10,5000x10',
  runs: 5,
  systems: ALL_SYSTEMS.join(','),
  'cold-sizes': '10x5,100x10',
  'cold-runs': 15,
  'testfile-runs': 5,
  timeout: 600,
};
const OPTIONS = [...Object.keys(DEFAULTS), 'out', 'json'];

// ---------------------------------------------------------------------------------------------
// Options

function usage(message) {
  if (message) console.error(`run.mjs: ${message}`);
  console.error(
    `usage: node run.mjs [--parts ${ALL_PARTS.join(',')}] [--scenarios ${ALL_SCENARIOS.join(',')}] ` +
      '[--sizes 10x5,100x10,1000x10,5000x10[:RUNS]] [--runs 5] ' +
      `[--systems ${ALL_SYSTEMS.join(',')}] [--cold-sizes 10x5,100x10] [--cold-runs 15] [--testfile-runs 5] ` +
      '[--out FILE] [--json FILE] [--timeout SECONDS]',
  );
  process.exit(2);
}

function list(opts, key, known) {
  const values = String(opts[key] ?? DEFAULTS[key])
    .split(',')
    .filter(Boolean);
  for (const v of values) if (!known.includes(v)) usage(`unknown ${key} value '${v}' (known: ${known.join(', ')})`);
  return values;
}

function count(opts, key) {
  const v = Number(opts[key] ?? DEFAULTS[key]);
  if (!Number.isInteger(v) || v < 1) usage(`bad --${key} '${opts[key]}'`);
  return v;
}

function sizes(opts, key, runs) {
  try {
    return parseSizes(opts[key] ?? DEFAULTS[key], runs);
  } catch (error) {
    return usage(error.message);
  }
}

function parseArgs(argv) {
  const opts = {};
  for (let k = 0; k < argv.length; k++) {
    const arg = argv[k];
    if (arg === '--help' || arg === '-h') usage();
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    const key = match?.[1] === 'scenario' ? 'scenarios' : match?.[1] === 'part' ? 'parts' : match?.[1];
    if (!match || !OPTIONS.includes(key)) usage(`unknown argument '${arg}'`);
    const value = match[2] ?? argv[++k];
    if (value === undefined) usage(`${arg} needs a value`);
    opts[key] = value;
  }
  const custom = Object.keys(DEFAULTS).some(
    (key) => key !== 'timeout' && opts[key] !== undefined && String(opts[key]) !== String(DEFAULTS[key]),
  );
  const runs = count(opts, 'runs');
  const timeout = Number(opts.timeout ?? DEFAULTS.timeout);
  if (!(timeout > 0)) usage(`bad --timeout '${opts.timeout}'`);
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  return {
    parts: list(opts, 'parts', ALL_PARTS),
    scenarios: list(opts, 'scenarios', ALL_SCENARIOS),
    sizes: sizes(opts, 'sizes', runs),
    runs,
    systems: list(opts, 'systems', ALL_SYSTEMS),
    coldSizes: sizes(opts, 'cold-sizes', 1),
    coldRuns: count(opts, 'cold-runs'),
    testfileRuns: count(opts, 'testfile-runs'),
    timeoutMs: timeout * 1000,
    out: path.resolve(opts.out ?? path.join(here, custom ? 'results/latest.md' : 'RESULTS.md')),
    json: path.resolve(opts.json ?? path.join(here, `results/${stamp}.json`)),
  };
}

// ---------------------------------------------------------------------------------------------
// The app table: one process per run

function runOne(system, scenario, { n, m }, timeoutMs) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(here, 'run-one.mjs'), system, String(n), String(m), scenario], {
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
      reject(new Error(`${system} ${n}x${m} (${scenario}): ${why}\n${stderr.trim()}\n${stdout.trim()}`));
    });
  });
}

async function measureTable(opts, systems) {
  const total = opts.sizes.reduce((sum, size) => sum + size.runs, 0) * systems.length * opts.scenarios.length;
  const results = [];
  for (const size of opts.sizes) {
    for (let r = 0; r < size.runs; r++) {
      for (const scenario of rotate(opts.scenarios, r)) {
        for (const system of rotate(systems, r)) {
          const res = await runOne(system, scenario, size, opts.timeoutMs);
          results.push({ ...res, run: r });
          console.error(
            `[${String(results.length).padStart(String(total).length)}/${total}] ${size.n}x${size.m} ${scenario.padEnd(7)} run ${r + 1}/${size.runs} ` +
              `${system.padEnd(10)} define ${fmt(res.defineMs).padStart(6)} ms  start ${fmt(res.startMs).padStart(6)} ms  ` +
              `stop ${fmt(res.stopMs).padStart(6)} ms  RSS ${res.maxRssMB.toFixed(0).padStart(5)} MB`,
          );
        }
      }
    }
  }
  return results;
}

// ---------------------------------------------------------------------------------------------
// Markdown

function runsText(sizes) {
  const counts = new Set(sizes.map((s) => s.runs));
  if (counts.size === 1) {
    const [r] = counts;
    return `${r} run${r > 1 ? 's' : ''} per system, scenario and size`;
  }
  return `runs per system and scenario: ${sizes.map((s) => `${s.n}×${s.m}: ${s.runs}`).join(', ')}`;
}

function markdown({ opts, systems, skipped, info, startedAt, finishedAt, table, cold, testfile }) {
  const lines = [];
  const args = process.argv.slice(2);
  lines.push('# Benchmark results', '');
  lines.push(
    `Generated by \`npm run bench\` (\`node bench/run.mjs${args.length ? ' ' + args.join(' ') : ''}\`) on ` +
      `${finishedAt.toISOString().slice(0, 10)}. Every figure comes from fresh processes, variants interleaved.`,
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
      `@nestjs/core ${packageVersion('@nestjs/core')}, esbuild ${packageVersion('esbuild')}, pino ${packageVersion('pino', root)}`,
  );
  for (const [s, why] of skipped) lines.push(`- **${LABELS[s]} skipped**: ${why}`);
  lines.push('');

  if (table) {
    lines.push('## Start, stop and memory', '');
    lines.push(
      `One process per run, systems rotated each round (A B C D, B C D A, …), both scenarios in each round; ${runsText(opts.sizes)}.`,
      '',
    );
    lines.push(appDefinitions());
    for (const scenario of opts.scenarios) {
      lines.push(`## ${SCENARIO_TITLES[scenario][0].toUpperCase()}${SCENARIO_TITLES[scenario].slice(1)}`, '');
      lines.push(scenarioDescription(scenario), '');
      lines.push(appTables({ scenario, sizes: opts.sizes, systems, results: table.filter((r) => r.scenario === scenario) }));
    }
  }
  if (cold) lines.push(coldMarkdown(cold, { sizes: opts.coldSizes, systems: cold.systems }));
  if (testfile) lines.push(testFileMarkdown(testfile));
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const skipped = new Map();
  if (!existsSync(path.join(here, 'node_modules'))) {
    console.error('bench/node_modules is missing: run `npm --prefix bench ci` first.');
    process.exit(1);
  }
  const built = existsSync(path.join(root, 'dist', 'index.js'));
  if (!built) {
    skipped.set('plugboard', 'dist/index.js is not built (run `npm run build` at the root); ratios are n/a.');
    console.error(`plugboard skipped: ${skipped.get('plugboard')}`);
  }
  const systems = opts.systems.filter((s) => !skipped.has(s));
  const info = machine();
  const startedAt = new Date();
  console.error(
    `parts ${opts.parts.join(', ')}; scenarios ${opts.scenarios.join(', ')}; sizes ${opts.sizes.map((s) => `${s.n}x${s.m} ×${s.runs}`).join(', ')}; ` +
      `systems ${systems.join(', ')}; ${info.cpu}, ${info.cores} cores, Node ${info.node}, load ${info.loadAvgAtStart}`,
  );

  const fail = (error) => {
    console.error(`\nFAILED: ${error.message}`);
    process.exit(1);
  };
  const log = (line) => console.error(line);
  const table = opts.parts.includes('table') && systems.length > 0 ? await measureTable(opts, systems).catch(fail) : undefined;
  const coldSystems = COLD_SYSTEMS.filter((s) => !skipped.has(s));
  const cold = opts.parts.includes('cold')
    ? {
        ...(await measureCold({ sizes: opts.coldSizes, runs: opts.coldRuns, systems: coldSystems, log }).catch(fail)),
        systems: coldSystems,
      }
    : undefined;
  const testfile =
    opts.parts.includes('testfile') && built ? await measureTestFile({ runs: opts.testfileRuns, log }).catch(fail) : undefined;

  const finishedAt = new Date();
  info.loadAvgAtEnd = loadAverage();
  const md = markdown({ opts, systems, skipped, info, startedAt, finishedAt, table, cold, testfile });
  mkdirSync(path.dirname(opts.out), { recursive: true });
  writeFileSync(opts.out, md + '\n');
  mkdirSync(path.dirname(opts.json), { recursive: true });
  writeFileSync(
    opts.json,
    JSON.stringify({ machine: info, startedAt, finishedAt, opts, skipped: [...skipped.keys()], table, cold, testfile }, null, 2) + '\n',
  );
  process.stdout.write(md + '\n');
  console.error(`\nwrote ${path.relative(process.cwd(), opts.out) || opts.out} and ${path.relative(process.cwd(), opts.json)}`);
}

await main();
