/** Something a test started that must be stopped when the test file ends. */
export interface Stoppable {
  stop(): Promise<unknown>;
}

const running = new Set<Stoppable>();

/** Stops it after the current test file (when jest's `afterAll` is available). */
export function stopAfterTests(target: Stoppable): void {
  running.add(target);
}

// Registered when a test file imports plugboard/testing (hooks cannot be added inside a test).
const afterAllHook = (globalThis as { afterAll?: (fn: () => Promise<void>) => void }).afterAll;
if (typeof afterAllHook === 'function') {
  try {
    afterAllHook(async () => {
      const targets = [...running];
      running.clear();
      await Promise.allSettled(targets.map((target) => target.stop()));
    });
  } catch {
    // Imported somewhere hooks cannot be registered: stopping is up to the caller.
  }
}
