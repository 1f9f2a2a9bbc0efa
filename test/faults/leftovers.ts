/**
 * "Nothing left running" after each test of a file: no timer created during the test is still
 * pending (tracked by wrapping the timer functions, with the stack that created it), no process
 * listener was added, and no other kind of active resource (a handle or request that would keep
 * the process alive, as `process.getActiveResourcesInfo()` reports them) was left behind.
 */
import { processListeners, trackTimers, type TimerTracker } from '../property/process-snapshot.js';
import { delay } from '../support.js';

function resourceCounts(): Record<string, number> {
  const counts: Record<string, number> = {};
  // Timers are checked precisely by the tracker; jest's own come and go.
  for (const type of process.getActiveResourcesInfo()) if (type !== 'Timeout') counts[type] = (counts[type] ?? 0) + 1;
  return counts;
}

/** Registers the before/after hooks in the calling describe block (or file). */
export function expectNothingLeftRunning(): void {
  let timers: TimerTracker | undefined;
  let listeners: Record<string, number> = {};
  let resources: Record<string, number> = {};
  beforeEach(() => {
    listeners = processListeners();
    resources = resourceCounts();
    timers = trackTimers();
  });
  afterEach(async () => {
    try {
      await delay(10); // longer than any planted delay: a step still running would show
      expect(timers!.pending()).toEqual([]);
      expect(processListeners()).toEqual(listeners);
      const grown = Object.entries(resourceCounts()).filter(([type, count]) => count > (resources[type] ?? 0));
      expect(grown).toEqual([]);
    } finally {
      timers?.restore();
    }
  });
}
