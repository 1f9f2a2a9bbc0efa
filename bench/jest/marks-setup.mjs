// Benchmark instrumentation, not part of what a user writes: runs before the test file is loaded
// (setupFilesAfterEnv), gives it `globalThis.benchMark(label)` and, after the file's tests, writes
// every mark (absolute ms: performance.timeOrigin + now, comparable with the parent's clock) to the
// file named by BENCH_JEST_MARKS. Without that variable it does nothing.
/* global afterAll */ // a jest global
import { writeFileSync } from 'node:fs';

const marks = [];
const now = () => performance.timeOrigin + performance.now();
globalThis.benchMark = (label) => marks.push([label, now()]);
globalThis.benchMark('setup');

afterAll(() => {
  globalThis.benchMark('afterAll');
  if (process.env.BENCH_JEST_MARKS) writeFileSync(process.env.BENCH_JEST_MARKS, JSON.stringify(marks));
});
