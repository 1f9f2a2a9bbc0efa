// Instructions executed by start() and by stop() at one size of the current scenario:
//   node bench/profile/instructions.mjs [--size 1000x10] [--runs 3] [--mode main-thread|predictable]
//                                       [--young-generation default|large]
//                                       [--system path/to/systems/plugboard.mjs]
// Wall time on a shared machine moves by 5–8 % between batches of runs of the same two builds;
// an instruction count does not depend on what else the machine runs. Each run is one process
// under valgrind's callgrind, running the bench's plugboard app (systems/plugboard.mjs, on the
// built dist/) with counting windows around start() and stop(), marked from JavaScript by a small
// Node-API addon (callgrind-window.c, compiled here with gcc).
// --mode main-thread (the default): node as it runs, counting the main thread only: the work start
//   and stop wait for when a core is free for V8's compiler and collector threads. Runs of one
//   build differ by 2 % at 300×10 and up to 10 % at 1000×10 (collections fall at other points):
//   take the median of several.
// --mode predictable: `node --predictable`, one thread, collections and compilations at the same
//   points every run (runs differ by < 0.1 %); the count then includes the optimising compiler's
//   work, which dominates at small sizes, so compare builds at 1000×10 or more.
// Collections are part of the count either way. `--young-generation large` gives V8 a 256 MB young
// generation, so no scavenge falls in a window and the count is the work alone.
// To compare with another build, copy this bench/ beside that build's dist/ (its
// systems/plugboard.mjs must take the `measure` and `onStarted` hooks) and pass --system, or run
// it in each checkout. Needs valgrind with its headers, gcc, and Node's headers (the official Node
// builds ship them); ~3 minutes per run at 1000×10.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { option } from '../lib/options.mjs';
import { fmt, median } from '../lib/stats.mjs';

const self = fileURLToPath(import.meta.url);
const here = dirname(self);

if (process.argv[2] === '--child') await child(process.argv[3], process.argv[4], Number(process.argv[5]), Number(process.argv[6]));
else parent();

function parent() {
  const [n, m] = option('size', '1000x10').split('x').map(Number);
  const runs = Number(option('runs', '3'));
  const mode = option('mode', 'main-thread');
  const young = option('young-generation', 'default');
  const system = resolve(option('system', join(here, '../systems/plugboard.mjs')));
  const work = mkdtempSync(join(tmpdir(), 'plugboard-instructions-'));
  try {
    const addon = buildAddon(work);
    const flags = [
      ...(mode === 'predictable' ? ['--predictable'] : []),
      ...(young === 'large' ? ['--min-semi-space-size=256', '--max-semi-space-size=256'] : []),
    ];
    // Outside predictable mode, one output file per thread: the main thread's end in -01.
    const threads = mode === 'predictable' ? [] : ['--separate-threads=yes'];
    const rows = [];
    for (let run = 0; run < runs; run++) {
      const out = join(work, `run${run}.out`);
      const result = spawnSync(
        'valgrind',
        [
          '--tool=callgrind',
          ...threads,
          `--callgrind-out-file=${out}`,
          process.execPath,
          ...flags,
          self,
          '--child',
          addon,
          system,
          String(n),
          String(m),
        ],
        { encoding: 'utf8' },
      );
      if (result.status !== 0) throw new Error(`valgrind run failed (status ${result.status}):\n${result.stderr.slice(-2000)}`);
      rows.push(windows(work, `run${run}.out`, mode === 'predictable' ? '' : '-01'));
    }
    console.log(`plugboard ${n}×${m}, current scenario, ${system}`);
    console.log(`${mode}, node ${flags.join(' ')}; ${runs} run(s) under callgrind; millions of instructions (median)\n`);
    console.log('| window | instructions (M) | runs |');
    console.log('| --- | ---: | --- |');
    for (const name of ['start', 'stop']) {
      const counts = rows.map((row) => row[name] / 1e6);
      console.log(`| ${name}() | ${fmt(median(counts))} | ${counts.map((count) => count.toFixed(1)).join(', ')} |`);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Compiles callgrind-window.c for this Node into `dir`; says what is missing when it cannot. */
function buildAddon(dir) {
  const nodeHeaders = join(dirname(process.execPath), '..', 'include', 'node');
  const missing = [
    ['valgrind', spawnSync('valgrind', ['--version']).status === 0],
    ['gcc', spawnSync('gcc', ['--version']).status === 0],
    [`Node's headers (${nodeHeaders})`, existsSync(join(nodeHeaders, 'node_api.h'))],
  ].filter(([, ok]) => !ok);
  if (missing.length > 0) throw new Error(`instructions.mjs needs ${missing.map(([what]) => what).join(', ')}`);
  const addon = join(dir, 'callgrind-window.node');
  const compiled = spawnSync('gcc', ['-shared', '-fPIC', '-O2', `-I${nodeHeaders}`, '-o', addon, join(here, 'callgrind-window.c')], {
    encoding: 'utf8',
  });
  if (compiled.status !== 0) throw new Error(`compiling callgrind-window.c failed (valgrind's headers installed?):\n${compiled.stderr}`);
  return addon;
}

/** The instruction count of each named window callgrind dumped for one run (files `<prefix>.<n><thread>`). */
function windows(dir, prefix, thread) {
  const counts = {};
  for (const file of readdirSync(dir).filter((name) => name.startsWith(`${prefix}.`) && name.endsWith(thread))) {
    const text = readFileSync(join(dir, file), 'utf8');
    const name = /^desc: Trigger: Client Request: (.+)$/m.exec(text)?.[1];
    const total = /^totals: (\d+)/m.exec(text)?.[1];
    if (name !== undefined && total !== undefined) counts[name] = Number(total);
  }
  if (counts.start === undefined || counts.stop === undefined) throw new Error(`no start/stop windows in the callgrind output (${prefix})`);
  return counts;
}

async function child(addonPath, system, n, m) {
  const window = createRequire(import.meta.url)(addonPath);
  const { run } = await import(pathToFileURL(system).href);
  await run({
    n,
    m,
    measure: async (_phase, work) => {
      window.zero();
      await work();
      window.dump('start');
    },
    // After start and its checks: stop's window ends when run() returns (its own check included).
    onStarted: () => window.zero(),
  });
  window.dump('stop');
  process.exit(0);
}
