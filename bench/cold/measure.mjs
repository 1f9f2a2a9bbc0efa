// Cold start: whole processes timed from the parent. Each app entry (app-*.mjs) runs a system's app
// of the current scenario, prints 'started', stops it and exits: "to started" is spawn → that line,
// "to exit" is that line → the process's exit. Each import entry (import-*.mjs) only imports a
// framework: spawn → exit, of which a bare `node` process is the floor. Every entry runs as users
// ship it (unbundled, from node_modules and dist/) and as one esbuild bundle. All variants are
// interleaved (rotated each round), so drift of the machine hits them alike.
import { mkdirSync } from 'node:fs';
import path from 'node:path';

import { benchDir } from '../lib/machine.mjs';
import { cpuArgs, timeProcess } from '../lib/process.mjs';
import { cell, fmt, median, ratio, rotate, stats } from '../lib/stats.mjs';
import { bundle } from './bundle.mjs';

const coldDir = path.join(benchDir, 'cold');
const buildDir = path.join(benchDir, 'results', 'build');

export const COLD_SYSTEMS = ['plugboard', 'backstage', 'handwired'];
export const IMPORTS = ['bare', 'inversify', 'pino', 'plugboard', 'backstage'];
const FORMS = ['unbundled', 'bundled'];

const SYSTEM_LABELS = { plugboard: 'plugboard', backstage: 'Backstage backend', handwired: 'hand-wired' };
const IMPORT_LABELS = {
  bare: 'bare `node` (nothing imported)',
  inversify: 'InversifyJS alone',
  pino: 'pino alone',
  plugboard: 'plugboard (`dist/index.js`: with reflect-metadata, InversifyJS, pino)',
  backstage: 'Backstage wiring (`backend-app-api` + `backend-plugin-api`)',
};

function entryFile(name, form) {
  return form === 'bundled' ? path.join(buildDir, `${name}.mjs`) : path.join(coldDir, `${name}.mjs`);
}

/** Builds every bundle afresh (dist/ may have changed since the last run). */
async function bundleAll(names) {
  mkdirSync(buildDir, { recursive: true });
  const info = {};
  for (const name of names) info[name] = await bundle(path.join(coldDir, `${name}.mjs`), path.join(buildDir, `${name}.mjs`));
  return info;
}

/**
 * Runs every variant `runs` times, interleaved. `sizes` are the app sizes ({ n, m }); `systems`
 * the app systems (COLD_SYSTEMS). Returns { variants, results, bundles }.
 */
export async function measureCold({ sizes, runs, systems = COLD_SYSTEMS, imports = IMPORTS, log = () => {} }) {
  const variants = [];
  for (const form of FORMS) {
    for (const system of systems) for (const size of sizes) variants.push({ kind: 'app', name: `app-${system}`, system, size, form });
    for (const what of imports) variants.push({ kind: 'import', name: `import-${what}`, what, form });
  }
  const bundles = await bundleAll([...new Set(variants.map((v) => v.name))]);
  const results = [];
  const total = runs * variants.length;
  for (let r = 0; r < runs; r++) {
    for (const v of rotate(variants, r)) {
      const args = [entryFile(v.name, v.form), ...(v.kind === 'app' ? [String(v.size.n), String(v.size.m)] : [])];
      const t = await timeProcess(process.execPath, [...cpuArgs, ...args], { cwd: benchDir });
      if (v.kind === 'app' && t.startedMs === undefined)
        throw new Error(`${v.name} ${args.slice(1).join(' ')} (${v.form}) never printed 'started'`);
      results.push({
        ...v,
        run: r,
        totalMs: t.totalMs,
        startedMs: t.startedMs,
        exitMs: t.exitMs,
        cpuMs: t.cpuMs,
        startedCpuMs: t.startedCpuMs,
      });
      log(
        `[${results.length}/${total}] cold ${v.form.padEnd(9)} ${v.name}${v.size ? ` ${v.size.n}x${v.size.m}` : ''}: ${fmt(t.totalMs)} ms`,
      );
    }
  }
  return { variants, results, bundles };
}

function summarise(results, pick) {
  const rs = results.filter(pick);
  if (rs.length === 0) return undefined;
  const of = (key) => (rs[0][key] === undefined ? undefined : stats(rs.map((x) => x[key])));
  return {
    totalMs: of('totalMs'),
    startedMs: of('startedMs'),
    exitMs: of('exitMs'),
    cpuMs: of('cpuMs'),
    startedCpuMs: of('startedCpuMs'),
    runs: rs.length,
  };
}

/** `key` of a system's app run over Backstage's of the same round, form and size; median over the rounds. */
function pairedRatio(results, { system, form, size }, key) {
  const at = (s) =>
    new Map(
      results
        .filter((r) => r.kind === 'app' && r.system === s && r.form === form && r.size.n === size.n && r.size.m === size.m)
        .map((r) => [r.run, r[key]]),
    );
  const base = at('backstage');
  const ratios = [...at(system)].filter(([run]) => base.get(run) > 0).map(([run, v]) => v / base.get(run));
  return ratios.length ? ratio(median(ratios), 1) : 'n/a';
}

/** The cold-start and import-cost tables, in markdown. */
export function coldMarkdown({ results, bundles }, { sizes, systems = COLD_SYSTEMS, imports = IMPORTS }) {
  const lines = [];
  const runs = Math.max(...results.map((r) => r.run)) + 1;
  lines.push('## Cold start: the whole process', '');
  lines.push(
    `\`node <entry> N M\` of the current scenario, timed from the parent: **to started** is spawn → the app printed that ` +
      `it started (imports, definition and start included), **to exit** is that line → the process exited ` +
      `(stop, then Node's own exit). **unbundled** runs the entry as users ship it (\`dist/\` and \`node_modules\`), ` +
      `**bundled** one esbuild bundle of it (ESM, \`platform: node\`, a \`createRequire\` banner for pino's requires). ` +
      `${runs} runs of each, every variant interleaved; cells are \`median (min–max)\` ms; ÷ Backstage divides by the ` +
      `Backstage run of the same round, form and size, median over the rounds. **CPU** columns are the process's own ` +
      `CPU time (user + system, all threads: \`process.cpuUsage()\` at the 'started' line and at exit, through a ` +
      `\`--import\` preload): on a shared machine it moves far less than wall time when other processes compete.`,
    '',
  );
  lines.push(
    '| size | system | form | to started ms | to exit ms | whole process ms | CPU to started ms | CPU whole ms | ' +
      'to started ÷ Backstage | whole ÷ Backstage | CPU to started ÷ Backstage |',
  );
  lines.push('|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const size of sizes) {
    for (const form of FORMS) {
      for (const system of systems) {
        const x = summarise(
          results,
          (r) => r.kind === 'app' && r.system === system && r.form === form && r.size.n === size.n && r.size.m === size.m,
        );
        if (!x) continue;
        lines.push(
          `| ${size.n}×${size.m} | ${SYSTEM_LABELS[system]} | ${form} | ${cell(x.startedMs)} | ${cell(x.exitMs)} | ${cell(x.totalMs)} | ` +
            `${x.startedCpuMs ? fmt(x.startedCpuMs.median) : '–'} | ${x.cpuMs ? fmt(x.cpuMs.median) : '–'} | ` +
            `${pairedRatio(results, { system, form, size }, 'startedMs')} | ${pairedRatio(results, { system, form, size }, 'totalMs')} | ` +
            `${pairedRatio(results, { system, form, size }, 'startedCpuMs')} |`,
        );
      }
    }
  }
  lines.push('');

  lines.push('## Import cost: a process that only imports', '');
  lines.push(
    'spawn → exit of an entry that imports the package and nothing else (its namespace kept, so a bundle keeps all ' +
      'of it); **over bare** is the run minus the bare `node` run of the same round and form, median over the rounds ' +
      '(the two ran close together, so the machine’s drift cancels).',
    '',
  );
  lines.push(
    '| what | unbundled ms | over bare | CPU over bare | bundled ms | over bare | CPU over bare | files in the bundle | bundle KB |',
  );
  lines.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  const imp = (what, form) => summarise(results, (r) => r.kind === 'import' && r.what === what && r.form === form);
  // The median over rounds of (what − base), both of the same round and form.
  const pairedDiff = (what, base, form, key = 'totalMs') => {
    const at = (w) =>
      new Map(
        results.filter((r) => r.kind === 'import' && r.what === w && r.form === form && r[key] !== undefined).map((r) => [r.run, r[key]]),
      );
    const b = at(base);
    const diffs = [...at(what)].filter(([run]) => b.has(run)).map(([run, v]) => v - b.get(run));
    return diffs.length ? median(diffs) : undefined;
  };
  const over = (what, form, key) => pairedDiff(what, 'bare', form, key);
  for (const what of imports) {
    const u = imp(what, 'unbundled');
    const b = imp(what, 'bundled');
    const info = bundles[`import-${what}`];
    const diff = (form, key) => {
      if (what === 'bare') return '–';
      const d = over(what, form, key);
      return d === undefined ? '–' : fmt(d);
    };
    lines.push(
      `| ${IMPORT_LABELS[what]} | ${u ? cell(u.totalMs) : '–'} | ${diff('unbundled')} | ${diff('unbundled', 'cpuMs')} | ` +
        `${b ? cell(b.totalMs) : '–'} | ${diff('bundled')} | ${diff('bundled', 'cpuMs')} | ${info?.inputs ?? '–'} | ` +
        `${info ? (info.bytes / 1024).toFixed(0) : '–'} |`,
    );
  }
  lines.push('');
  if (imports.includes('plugboard') && imports.includes('inversify')) {
    const d = (form, key) => {
      const v = pairedDiff('plugboard', 'inversify', form, key);
      return v === undefined ? 'n/a' : fmt(v);
    };
    lines.push(
      `plugboard's import cost over InversifyJS's (plugboard's process minus InversifyJS's of the same round, median): ` +
        `**${d('unbundled')} ms** wall (${d('unbundled', 'cpuMs')} ms CPU) unbundled, ` +
        `**${d('bundled')} ms** wall (${d('bundled', 'cpuMs')} ms CPU) bundled.`,
      '',
    );
  }
  return lines.join('\n');
}
