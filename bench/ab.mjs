#!/usr/bin/env node
// Compares builds of plugboard by paired runs:
//   node bench/ab.mjs [--size 1000x10] [--scenario current|variant] [--rounds 40] BASE OTHER...
// Each argument is a directory holding a build (`dist/`) and a copy of this `bench/` beside it
// (`git worktree add`, `npm ci && npm run build`, or a copy of both into a scratch directory).
// Every round runs `bench/run-one.mjs plugboard` once per build, one fresh process each, in an order
// that rotates every round: on a shared machine the first process of a round runs measurably
// slower, so a fixed order favours the later builds. A build's figure is the median over the
// rounds of its ratio to BASE in the same round.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { option } from './lib/options.mjs';
import { median } from './lib/stats.mjs';

const [n, m] = option('size', '1000x10').split('x').map(Number);
const scenario = option('scenario', 'current');
const rounds = Number(option('rounds', '40'));
const builds = positional().map((dir) => resolve(dir));
if (builds.length < 2) {
  console.error('usage: node bench/ab.mjs [--size NxM] [--scenario current|variant] [--rounds R] BASE OTHER...');
  process.exit(2);
}
for (const dir of builds) {
  if (!existsSync(join(dir, 'bench/run-one.mjs')) || !existsSync(join(dir, 'dist/index.js'))) {
    console.error(`${dir}: expected a build (dist/index.js) with bench/ beside it`);
    process.exit(2);
  }
}

const results = builds.map(() => []);
for (let round = 0; round < rounds; round++) {
  const row = [];
  for (let k = 0; k < builds.length; k++) {
    const index = (round + k) % builds.length;
    const run = spawnSync(process.execPath, [join(builds[index], 'bench/run-one.mjs'), 'plugboard', String(n), String(m), scenario], {
      encoding: 'utf8',
    });
    if (run.status !== 0) throw new Error(`${builds[index]} failed:\n${run.stderr}`);
    row[index] = JSON.parse(run.stdout);
  }
  row.forEach((figures, index) => results[index].push(figures));
  process.stderr.write(`\rround ${round + 1}/${rounds}`);
}
process.stderr.write('\n');

const ratio = (index, key) => median(results[index].map((figures, round) => figures[key] / results[0][round][key]));
const mid = (index, key) => median(results[index].map((figures) => figures[key]));
console.log(`plugboard ${n}×${m}, ${scenario} scenario, ${rounds} rounds, order rotated; medians, and paired ÷ the first build\n`);
console.log('| build | start ms | stop ms | max RSS MB | start ÷ | stop ÷ | RSS ÷ |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
builds.forEach((dir, index) => {
  console.log(
    `| ${dir} | ${mid(index, 'startMs').toFixed(0)} | ${mid(index, 'stopMs').toFixed(2)} | ${mid(index, 'maxRssMB').toFixed(0)} | ` +
      `${ratio(index, 'startMs').toFixed(3)} | ${ratio(index, 'stopMs').toFixed(3)} | ${ratio(index, 'maxRssMB').toFixed(3)} |`,
  );
});

/** The arguments that are neither options nor their values. */
function positional() {
  const args = process.argv.slice(2);
  const values = [];
  for (let index = 0; index < args.length; index++) {
    if (args[index].startsWith('--')) index++;
    else values.push(args[index]);
  }
  return values;
}
