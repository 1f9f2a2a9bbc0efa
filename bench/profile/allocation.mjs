// What plugboard allocates and keeps at one size of the current scenario:
//   node bench/profile/allocation.mjs [--size 1000x10] [--runs 3]
// Each run is a fresh process (--expose-gc) that builds the bench's plugboard app
// (systems/plugboard.mjs, on the built dist/) and reports, for validate() alone and for start()
// alone (two processes: start() reuses the analysis validate() made): the bytes allocated, objects
// collected since included (V8's sampling heap profiler, 1 KB interval), the scavenges and
// mark-compacts in the window and their time; then the heap in use after start, after two full
// collections. Allocation and collection counts move far less between runs than wall time on a
// shared machine, which is why plugboard's start-path changes are judged by them (docs/performance.md).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

import { option } from '../lib/options.mjs';
import { fmt, median } from '../lib/stats.mjs';

const self = fileURLToPath(import.meta.url);

if (process.argv[2] === '--child') await child(process.argv[3], Number(process.argv[4]), Number(process.argv[5]));
else parent();

function parent() {
  const [n, m] = option('size', '1000x10').split('x').map(Number);
  const runs = Number(option('runs', '3'));
  const rows = { validate: [], start: [] };
  for (let run = 0; run < runs; run++) {
    for (const phase of ['validate', 'start']) {
      const out = spawnSync(process.execPath, ['--expose-gc', self, '--child', phase, String(n), String(m)], { encoding: 'utf8' });
      if (out.status !== 0) throw new Error(`${phase} run failed:\n${out.stderr}`);
      rows[phase].push(JSON.parse(out.stdout));
    }
  }
  console.log(`plugboard ${n}×${m}, current scenario, ${runs} processes per phase (medians)\n`);
  console.log('| phase | allocated MB | scavenges | mark-compacts | GC ms | heap in use after start MB |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
  for (const phase of ['validate', 'start']) {
    const r = rows[phase];
    const cell = (key) => fmt(median(r.map((row) => row[key])));
    console.log(
      `| ${phase}() | ${cell('allocatedMB')} | ${cell('scavenges')} | ${cell('markCompacts')} | ${cell('gcMs')} | ${phase === 'start' ? cell('heapAfterMB') : '—'} |`,
    );
  }
}

async function child(phase, n, m) {
  const { Session } = await import('node:inspector/promises');
  const { PerformanceObserver, constants } = await import('node:perf_hooks');
  const { getHeapStatistics } = await import('node:v8');
  const { run } = await import('../systems/plugboard.mjs');
  const session = new Session();
  session.connect();
  await session.post('HeapProfiler.enable');
  const gcs = [];
  const observer = new PerformanceObserver((list) => gcs.push(...list.getEntries()));
  observer.observe({ entryTypes: ['gc'] });
  let window = [0, 0];
  let allocated = 0;
  let heapAfter = 0;
  const measured = async (work) => {
    await session.post('HeapProfiler.startSampling', {
      samplingInterval: 1024,
      includeObjectsCollectedByMajorGC: true,
      includeObjectsCollectedByMinorGC: true,
    });
    const from = performance.now();
    await work();
    window = [from, performance.now()];
    const { profile } = await session.post('HeapProfiler.stopSampling');
    allocated = profile.samples.reduce((sum, sample) => sum + sample.size, 0);
  };
  await run({
    n,
    m,
    measure: async (_name, start, app) => {
      if (phase === 'validate') {
        await measured(() => app.validate());
        await start();
      } else {
        await measured(start);
      }
      globalThis.gc();
      globalThis.gc();
      heapAfter = getHeapStatistics().used_heap_size;
    },
  });
  await new Promise((resolve) => setTimeout(resolve, 20)); // let the observer deliver
  observer.disconnect();
  const inWindow = gcs.filter((entry) => entry.startTime >= window[0] && entry.startTime <= window[1]);
  const kind = (wanted) => inWindow.filter((entry) => entry.detail?.kind === wanted).length;
  process.stdout.write(
    JSON.stringify({
      allocatedMB: allocated / 1e6,
      scavenges: kind(constants.NODE_PERFORMANCE_GC_MINOR),
      markCompacts: kind(constants.NODE_PERFORMANCE_GC_MAJOR),
      gcMs: inWindow.reduce((sum, entry) => sum + entry.duration, 0),
      heapAfterMB: heapAfter / 1e6,
    }) + '\n',
  );
  process.exit(0);
}
