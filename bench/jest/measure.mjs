// Per test file: `jest <file>` as a whole process, timed from the parent, with marks from inside
// (marks-setup.mjs) that split it: jest's own startup (spawn → the setup file runs), loading the test
// file and its imports, the test (startTestApp, then app.stop()), and jest's exit. Variants:
//   js       one-plugin.test.mjs, plain ESM JavaScript, no transform (jest.config.mjs), warm cache;
//   ts       one-plugin.test.ts through ts-jest (jest.ts.config.mjs), warm cache (a re-run);
//   ts-cold  the same with an empty jest cache each run (a first run, or CI without a cache).
// The parts/*.test.mjs files import one package each (nothing, reflect-metadata, InversifyJS, pino,
// plugboard) under the js config, to tell what each import costs under jest's module loader.
// Every variant runs once unmeasured first (to fill the cache), then `runs` times, interleaved.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { benchDir, rootDir } from '../lib/machine.mjs';
import { cpuArgs, timeProcess } from '../lib/process.mjs';
import { cell, fmt, rotate, stats } from '../lib/stats.mjs';

const jestDir = path.join(benchDir, 'jest');
const jestBin = path.join(rootDir, 'node_modules', 'jest', 'bin', 'jest.js');

export const JEST_VARIANTS = [
  { id: 'js', label: 'plain ESM JavaScript (no transform)', config: 'jest.config.mjs', file: 'one-plugin.test.mjs' },
  { id: 'ts', label: 'TypeScript through ts-jest, warm cache', config: 'jest.ts.config.mjs', file: 'one-plugin.test.ts' },
  {
    id: 'ts-cold',
    label: 'TypeScript through ts-jest, empty cache',
    config: 'jest.ts.config.mjs',
    file: 'one-plugin.test.ts',
    coldCache: true,
  },
];
export const JEST_PARTS = ['empty', 'reflect-metadata', 'inversify', 'pino', 'plugboard'];
const PART_LABELS = {
  empty: 'nothing (the test file alone)',
  'reflect-metadata': 'reflect-metadata',
  inversify: 'InversifyJS',
  pino: 'pino',
  plugboard: 'plugboard + plugboard/testing (all they import)',
};

async function runJest({ config, file, coldCache }) {
  const marksFile = path.join(os.tmpdir(), `bench-jest-marks-${process.pid}.json`);
  const cache = coldCache ? mkdtempSync(path.join(os.tmpdir(), 'bench-jest-cache-')) : undefined;
  const env = { ...process.env, BENCH_JEST_MARKS: marksFile, ...(cache ? { BENCH_JEST_CACHE: cache } : {}) };
  rmSync(marksFile, { force: true });
  const spawnedAt = performance.timeOrigin + performance.now();
  try {
    const t = await timeProcess(
      process.execPath,
      [...cpuArgs, '--experimental-vm-modules', jestBin, '--config', config, '--runTestsByPath', file],
      {
        cwd: jestDir,
        env,
      },
    );
    const marks = Object.fromEntries(JSON.parse(readFileSync(marksFile, 'utf8')));
    const exitedAt = spawnedAt + t.totalMs;
    const phases = {
      totalMs: t.totalMs,
      cpuMs: t.cpuMs,
      jestStartupMs: marks.setup - spawnedAt,
      importsMs: marks.imports - marks.setup,
      jestExitMs: exitedAt - marks.afterAll,
    };
    if (marks.started !== undefined) {
      phases.collectMs = marks.test - marks.imports;
      phases.startMs = marks.started - marks.test;
      phases.stopMs = marks.stopped - marks.started;
      phases.afterTestMs = marks.afterAll - marks.stopped;
    }
    return phases;
  } finally {
    rmSync(marksFile, { force: true });
    if (cache) rmSync(cache, { recursive: true, force: true });
  }
}

/** Runs every variant and part `runs` times, interleaved, after one unmeasured run of each. */
export async function measureTestFile({ runs, variants = JEST_VARIANTS, parts = JEST_PARTS, log = () => {} }) {
  const all = [
    ...variants.map((v) => ({ ...v, kind: 'file' })),
    ...parts.map((p) => ({ id: `part:${p}`, part: p, kind: 'part', config: 'jest.config.mjs', file: `parts/${p}.test.mjs` })),
  ];
  for (const v of all) await runJest(v);
  const results = [];
  const total = runs * all.length;
  for (let r = 0; r < runs; r++) {
    for (const v of rotate(all, r)) {
      const phases = await runJest(v);
      results.push({ id: v.id, kind: v.kind, part: v.part, run: r, ...phases });
      log(`[${results.length}/${total}] jest ${v.id.padEnd(22)} ${fmt(phases.totalMs)} ms (imports ${fmt(phases.importsMs)} ms)`);
    }
  }
  return { results };
}

export function testFileMarkdown({ results }, { variants = JEST_VARIANTS, parts = JEST_PARTS } = {}) {
  const lines = [];
  const of = (id, key) => {
    const rs = results.filter((r) => r.id === id && r[key] !== undefined);
    return rs.length ? stats(rs.map((r) => r[key])) : undefined;
  };
  const runs = Math.max(...results.map((r) => r.run)) + 1;
  lines.push('## Per test file: `jest <file>` that starts and stops a one-plugin app', '');
  lines.push(
    `\`bench/jest/one-plugin.test.*\`: a plugin with one extension point and one module, \`startTestApp\`, an assertion, ` +
      `\`app.stop()\`. jest ${jestVersion()} in ESM mode (\`node --experimental-vm-modules\`), one process per run, timed from the ` +
      `parent; the phases come from marks inside (\`bench/jest/marks-setup.mjs\`). ${runs} runs of each after one ` +
      'unmeasured run, all interleaved; `median (min–max)` ms.',
    '',
    '- **jest startup**: spawn → jest has the test environment up and runs the setup file;',
    '- **imports**: loading the test file with everything it imports (for ts-jest, compiling it or reading it from the cache);',
    '- **start** / **stop**: `startTestApp(...)` / `app.stop()`;',
    '- **jest exit**: after the last hook until the process exited (reporting, teardown);',
    '- **CPU, whole file**: the jest process’s own CPU time (user + system, all threads), steadier than wall time on a shared machine.',
    '',
  );
  lines.push('| test file | whole file | CPU, whole file | jest startup | imports | start | stop | jest exit |');
  lines.push('|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const v of variants) {
    const c = (key) => {
      const s = of(v.id, key);
      return s ? cell(s) : '–';
    };
    lines.push(
      `| ${v.label} | ${c('totalMs')} | ${c('cpuMs')} | ${c('jestStartupMs')} | ${c('importsMs')} | ${c('startMs')} | ${c('stopMs')} | ${c('jestExitMs')} |`,
    );
  }
  lines.push('');
  if (parts.length) {
    lines.push(
      'What each import costs under jest (a test file importing only that, js config, warm cache; **over nothing** subtracts the empty file):',
      '',
    );
    lines.push('| the test file imports | imports ms | over nothing | whole file ms |');
    lines.push('|---|---:|---:|---:|');
    const empty = of('part:empty', 'importsMs');
    for (const p of parts) {
      const imp = of(`part:${p}`, 'importsMs');
      const whole = of(`part:${p}`, 'totalMs');
      if (!imp) continue;
      lines.push(
        `| ${PART_LABELS[p]} | ${cell(imp)} | ${p === 'empty' || !empty ? '–' : fmt(imp.median - empty.median)} | ${cell(whole)} |`,
      );
    }
    lines.push('');
    const med = (p) => of(`part:${p}`, 'importsMs')?.median;
    if (['empty', 'reflect-metadata', 'inversify', 'pino', 'plugboard'].every((p) => med(p) !== undefined)) {
      const own = med('plugboard') - med('inversify') - med('pino') - med('reflect-metadata') + 2 * med('empty');
      lines.push(
        `plugboard's own files under jest (plugboard − InversifyJS − pino − reflect-metadata, each over nothing): **${fmt(own)} ms**.`,
        '',
      );
    }
  }
  return lines.join('\n');
}

function jestVersion() {
  try {
    return JSON.parse(readFileSync(path.join(rootDir, 'node_modules', 'jest', 'package.json'), 'utf8')).version;
  } catch {
    return '(version unknown)';
  }
}
