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

export function signalStarted() {
  writeSync(1, 'started\n');
}
