// What a cold-start entry shares: its size from argv, and the line that tells the parent (cold.mjs)
// the app has started. The line is written synchronously so the parent sees it at once.
import { writeSync } from 'node:fs';

export function sizeFromArgs() {
  const [n, m] = process.argv.slice(2).map(Number);
  if (!Number.isInteger(n) || n < 1 || !Number.isInteger(m) || m < 1) {
    console.error('usage: node <entry> <n> <m>');
    process.exit(2);
  }
  return { n, m };
}

/** Prints `started <CPU ms so far>`: the parent times the line, and reads the CPU time from it. */
export function signalStarted() {
  const { user, system } = process.cpuUsage();
  writeSync(1, `started ${(user + system) / 1000}\n`);
}
