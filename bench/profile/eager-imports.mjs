// What plugboard loads at import that a start does not use, and what that costs:
// `node eager-imports.mjs [--runs 30]`.
//  1. Runs phases.mjs (a 10×5 app: import, start, stop) under NODE_V8_COVERAGE and lists every file
//     loaded, and whether any of its functions ran (the module's own top level aside).
//  2. Files of dist/ where nothing ran are grouped (model/render/ as one group, else by file); for
//     each group, a fresh process imports the files that did run (one entry importing them all),
//     then the group, and times the second import: what that group adds on top of what a start needs.
//     The last row does the same for the whole of dist/index.js. Medians of --runs processes each,
//     groups interleaved.
//  3. Times the pino-pretty probe plugboard makes on a terminal (a require.resolve that fails when
//     pino-pretty is not installed), and lists the packages loaded with how many of their files ran.
// Prints markdown. Data-only modules (constants, frozen objects) show as "nothing ran" even when read;
// importing one on top of the used files costs ~0 because the used files already imported it.
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { benchDir, rootDir } from '../lib/machine.mjs';
import { timeProcess } from '../lib/process.mjs';
import { fmt, median, rotate } from '../lib/stats.mjs';

const k = process.argv.indexOf('--runs');
const runs = k === -1 ? 30 : Number(process.argv[k + 1]);
const dist = path.join(rootDir, 'dist');
const work = path.join(benchDir, 'results', 'build', 'eager');
mkdirSync(work, { recursive: true });

// 1. Coverage of one small app's life.
const covDir = mkdtempSync(path.join(os.tmpdir(), 'bench-cov-'));
await timeProcess(process.execPath, [path.join(benchDir, 'profile', 'phases.mjs')], {
  cwd: benchDir,
  env: { ...process.env, NODE_V8_COVERAGE: covDir },
});
const coverage = readdirSync(covDir).flatMap((f) => JSON.parse(readFileSync(path.join(covDir, f), 'utf8')).result);
rmSync(covDir, { recursive: true, force: true });
const loaded = [];
for (const script of coverage) {
  if (!script.url.startsWith('file://')) continue;
  const file = new URL(script.url).pathname;
  const ran = script.functions.some((fn) => fn.ranges[0].count > 0 && !(fn.functionName === '' && fn.ranges[0].startOffset === 0));
  loaded.push({ file, ran });
}
const distFiles = loaded.filter((x) => x.file.startsWith(dist + path.sep));
const used = distFiles.filter((x) => x.ran).map((x) => x.file);
const unused = distFiles.filter((x) => !x.ran && x.file !== path.join(dist, 'index.js')).map((x) => x.file);
const groupOf = (file) => {
  const rel = path.relative(dist, file);
  return rel.startsWith(`model${path.sep}render${path.sep}`) ? 'model/render/' : rel;
};
const groups = new Map();
for (const file of unused) groups.set(groupOf(file), [...(groups.get(groupOf(file)) ?? []), file]);
groups.set('all of dist/index.js', [path.join(dist, 'index.js')]);
const FLOOR = '(an empty module: the floor of a second import())';

// 2. The cost of each group on top of the used files.
const entry = (name, files) => {
  const file = path.join(work, `${name.replace(/[^a-z0-9]+/gi, '_')}.mjs`);
  writeFileSync(file, files.map((f) => `import ${JSON.stringify(pathToFileURL(f).href)};`).join('\n') + '\n');
  return pathToFileURL(file).href;
};
// What ran outside dist/ joins the used files: reflect-metadata above all, which only dist/index.js
// imports (as a side effect), though the decorators need it.
const usedOutside = loaded
  .filter((x) => x.ran && !x.file.startsWith(dist + path.sep) && x.file.includes('/node_modules/'))
  .map((x) => x.file);
const usedEntry = entry('used-at-start', [...usedOutside, ...used]);
const probe = path.join(work, 'probe.mjs');
writeFileSync(
  probe,
  [
    'const [first, second] = process.argv.slice(2);',
    'const t0 = performance.now();',
    'await import(first);',
    'const t1 = performance.now();',
    'if (second) await import(second);',
    'const t2 = performance.now();',
    'console.log(JSON.stringify({ first: t1 - t0, second: t2 - t1 }));',
  ].join('\n') + '\n',
);
// Which files the used files pull in by themselves (static imports): a group among them is loaded
// by the start path anyway, so importing it on top measures nothing; its size is shown instead.
const pulledDir = mkdtempSync(path.join(os.tmpdir(), 'bench-cov-'));
await timeProcess(process.execPath, [probe, usedEntry], { cwd: benchDir, env: { ...process.env, NODE_V8_COVERAGE: pulledDir } });
const pulled = new Set(
  readdirSync(pulledDir).flatMap((f) =>
    JSON.parse(readFileSync(path.join(pulledDir, f), 'utf8'))
      .result.filter((script) => script.url.startsWith('file://'))
      .map((script) => new URL(script.url).pathname),
  ),
);
rmSync(pulledDir, { recursive: true, force: true });

const variants = [
  { name: FLOOR, files: [], url: entry('empty', []) },
  ...[...groups].map(([name, files]) => ({ name, files, url: entry(name, files) })),
];
const times = new Map(variants.map((v) => [v.name, []]));
const usedTimes = [];
for (let r = 0; r < runs; r++) {
  for (const v of rotate(variants, r)) {
    const t = await timeProcess(process.execPath, [probe, usedEntry, v.url], { cwd: benchDir });
    const { first, second } = JSON.parse(t.stdout.trim());
    usedTimes.push(first);
    times.get(v.name).push(second);
  }
}

// 3. The pino-pretty probe, timed in-process (a fresh process each run; the first call is the cold one).
const prettyProbe = path.join(work, 'pretty-probe.mjs');
writeFileSync(
  prettyProbe,
  [
    `const { wantsPrettyOutput } = await import(${JSON.stringify(pathToFileURL(path.join(dist, 'services', 'logger.js')).href)});`,
    'const t0 = performance.now();',
    'const pretty = wantsPrettyOutput(true);',
    'console.log(JSON.stringify({ ms: performance.now() - t0, pretty }));',
  ].join('\n') + '\n',
);
const pretty = [];
let prettyFound;
for (let r = 0; r < runs; r++) {
  const out = JSON.parse((await timeProcess(process.execPath, [prettyProbe], { cwd: benchDir })).stdout.trim());
  pretty.push(out.ms);
  prettyFound = out.pretty;
}

const lines = [];
lines.push('## What plugboard imports eagerly that a start does not use', '');
lines.push(
  `A 10×5 app (\`bench/profile/phases.mjs\`: import, start, stop) under \`NODE_V8_COVERAGE\`: ${distFiles.length} files of dist/ load, ` +
    `in ${used.length} of them a function ran. The rest, grouped; **ms** is the median time (${runs} fresh processes each, ` +
    `interleaved) to import the group after the ${used.length} used files (and the ${usedOutside.length} files of packages in which ` +
    `a function ran, reflect-metadata among them) were imported (${fmt(median(usedTimes))} ms for those); ` +
    '**over the floor** subtracts what importing an empty module at that point costs:',
  '',
);
lines.push('| group (dist/) | files | KB | ms on top of the used files | over the floor |', '|---|---:|---:|---:|---:|');
const floor = median(times.get(FLOOR));
for (const v of variants) {
  const ms = median(times.get(v.name));
  const kb = v.files.reduce((sum, f) => sum + statSync(f).size, 0) / 1024;
  const anyway = v.files.length > 0 && v.files.every((f) => pulled.has(f));
  const cost = v.name === FLOOR ? '–' : anyway ? 'loaded anyway: a used file imports it' : fmt(ms - floor);
  lines.push(`| ${v.name} | ${v.files.length} | ${v.files.length ? kb.toFixed(1) : '–'} | ${anyway ? '–' : fmt(ms)} | ${cost} |`);
}
lines.push('');
lines.push(
  `The pino-pretty probe on a terminal (\`wantsPrettyOutput(true)\`: a \`require.resolve('pino-pretty')\`, ` +
    `${prettyFound ? 'found' : 'not installed here, so it fails'}): ${fmt(median(pretty))} ms median (${fmt(Math.min(...pretty))}–${fmt(Math.max(...pretty))}); ` +
    'it runs only when stdout is a TTY and no transport is given.',
  '',
);
const packages = new Map();
for (const x of loaded) {
  const nm = x.file.lastIndexOf('/node_modules/');
  if (nm === -1) continue;
  const parts = x.file.slice(nm + '/node_modules/'.length).split('/');
  const name = parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
  const p = packages.get(name) ?? { files: 0, ran: 0 };
  p.files++;
  if (x.ran) p.ran++;
  packages.set(name, p);
}
lines.push('Packages loaded by the same run (files loaded / files in which a function ran):', '');
lines.push('| package | files | ran |', '|---|---:|---:|');
for (const [name, p] of [...packages].sort((a, b) => b[1].files - a[1].files)) lines.push(`| ${name} | ${p.files} | ${p.ran} |`);
lines.push('');
const notLoaded = ['yaml', 'commander', 'pino-pretty'].filter((name) => !packages.has(name));
if (notLoaded.length) lines.push(`Not loaded at all by import + start + stop: ${notLoaded.join(', ')}.`, '');
process.stdout.write(lines.join('\n') + '\n');
