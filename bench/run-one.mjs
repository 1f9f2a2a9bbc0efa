#!/usr/bin/env node
// Runs one system once in this process and prints one JSON line:
//   node run-one.mjs <system> <n> <m> [scenario]
// scenario: 'current' (the default; systems/<system>.mjs) or 'variant' (systems/variant/<system>.mjs).
// The system module is imported first (its load time is reported as loadMs, outside the other
// figures); max RSS is the whole process's peak, framework load included.
import { performance } from 'node:perf_hooks';

const [system, nArg, mArg, scenario = 'current'] = process.argv.slice(2);
const n = Number(nArg);
const m = Number(mArg);
if (!system || !Number.isInteger(n) || n < 1 || !Number.isInteger(m) || m < 1 || !['current', 'variant'].includes(scenario)) {
  console.error('usage: node run-one.mjs <system> <n> <m> [current|variant]');
  process.exit(2);
}

try {
  const l0 = performance.now();
  const sys = await import(scenario === 'current' ? `./systems/${system}.mjs` : `./systems/${scenario}/${system}.mjs`);
  const loadMs = performance.now() - l0;
  const r = await sys.run({ n, m });
  const maxRssMB = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(
    JSON.stringify({ system, scenario, n, m, loadMs, defineMs: r.defineMs, startMs: r.startMs, stopMs: r.stopMs, maxRssMB }) + '\n',
  );
  // Exit at once: some systems leave exit handlers or timers behind (Backstage stops again on beforeExit).
  process.exit(0);
} catch (error) {
  console.error(`${system} ${n}x${m} (${scenario}) failed:`, error);
  process.exit(1);
}
