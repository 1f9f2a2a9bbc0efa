// Preloaded with `node --import` into a timed process: at exit, writes the process's CPU time
// (user + system, all threads, in ms) to stderr as `bench-cpu-ms <n>`. CPU time barely moves when
// other processes compete for the cores, while wall time does: on a shared machine it is the steadier
// figure. The preload itself costs the same in every variant.
import { writeSync } from 'node:fs';

process.on('exit', () => {
  const { user, system } = process.cpuUsage();
  writeSync(2, `\nbench-cpu-ms ${(user + system) / 1000}\n`);
});
