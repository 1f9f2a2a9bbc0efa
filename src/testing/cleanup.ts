/** Something a test started that must be stopped when the test file ends. */
export interface Stoppable {
  stop(): Promise<unknown>;
}

/**
 * Registers a function to run when the tests are over: the runner's `afterAll`/`after`, or a
 * per-test hook such as node:test's `t.after` or vitest's `onTestFinished`.
 */
export type CleanupRegistrar = (cleanup: () => Promise<void>) => unknown;

/** Where apps started in this test file go until the runner's hook stops them. */
const running = new Map<Stoppable, string>();

/**
 * `registered`: the runner's hook will stop what is in `running`; `ran`: it has (anything started
 * later is not stopped for the caller); `none`: no runner hook could be registered.
 */
let hookState: 'registered' | 'ran' | 'none' = 'none';
let hookRunner = 'none';

/**
 * Stops `target` when the test file ends, or through `stopWith` when given. When neither is
 * possible, says so at once (a Node warning naming `label`): an app is never silently left running.
 */
export function stopAfterTests(target: Stoppable, label = 'an app started by plugboard/testing', stopWith?: CleanupRegistrar): void {
  if (stopWith !== undefined) {
    stopWith(async () => {
      await target.stop();
    });
    return;
  }
  if (hookState === 'registered') {
    running.set(target, label);
    return;
  }
  const why =
    hookState === 'ran'
      ? `it was started after this test file's cleanup hook (${hookRunner}) had run`
      : 'plugboard/testing found no test runner hook to register its cleanup with (it looks for a global afterAll, ' +
        'then for jest, vitest and node:test)';
  process.emitWarning(
    `${label} will not be stopped for you: ${why}. Stop it yourself (await app.stop()), or pass ` +
      `startTestApp({ stopWith }) a function that registers cleanup, e.g. node:test's (stop) => t.after(stop) ` +
      `or vitest's onTestFinished. (node:test files are detected when run with node --test.)`,
    { code: 'PLUGBOARD_TEST_APP_NOT_STOPPED' },
  );
}

/** Stops every app registered so far; a stop that fails fails the hook (the runner reports it). */
async function stopAll(): Promise<void> {
  hookState = 'ran';
  const targets = [...running];
  running.clear();
  const results = await Promise.allSettled(targets.map(([target]) => target.stop()));
  const failures = results.flatMap((result, index) =>
    result.status === 'rejected' ? [{ label: targets[index]![1], error: result.reason as unknown }] : [],
  );
  if (failures.length === 1) throw failures[0]!.error;
  if (failures.length > 1) {
    throw new AggregateError(
      failures.map((failure) => failure.error),
      `plugboard/testing: stopping ${failures.map((failure) => failure.label).join('; ')} failed`,
    );
  }
}

/**
 * The runners whose file-level hook plugboard/testing looks for, in order. Globals first (jest,
 * vitest with `globals: true`, jasmine); then runners without globals, recognised by the
 * environment they set: jest with `injectGlobals: false` (JEST_WORKER_ID), vitest (VITEST),
 * node:test (`node --test` sets NODE_TEST_CONTEXT in each test file's process). A runner's module
 * is imported only when its variable is set, so plugboard/testing never loads a runner that is not
 * running; a candidate that fails (a variable inherited by a child process, a runner that cannot
 * be resolved from here) is skipped.
 */
const runners: ReadonlyArray<{ readonly name: string; readonly detected: boolean; hook(): Promise<unknown> }> = [
  { name: 'the global afterAll', detected: true, hook: async () => (globalThis as { afterAll?: unknown }).afterAll },
  { name: "jest's afterAll", detected: process.env['JEST_WORKER_ID'] !== undefined, hook: () => exported('@jest/globals', 'afterAll') },
  { name: "vitest's afterAll", detected: process.env['VITEST'] !== undefined, hook: () => exported('vitest', 'afterAll') },
  {
    name: "node:test's after",
    detected: process.env['NODE_TEST_CONTEXT'] !== undefined || process.execArgv.includes('--test'),
    hook: () => exported('node:test', 'after'),
  },
];

/**
 * What a module exports under `name`. The specifier is a variable so that neither TypeScript nor
 * a bundler tries to resolve runners the user does not have.
 */
async function exported(specifier: string, name: string): Promise<unknown> {
  return ((await import(specifier)) as Record<string, unknown>)[name];
}

// Registered when a test file imports plugboard/testing: hooks cannot be added inside a test.
for (const runner of runners) {
  if (!runner.detected) continue;
  try {
    const hook = await runner.hook();
    if (typeof hook !== 'function') continue;
    (hook as CleanupRegistrar)(stopAll);
    hookState = 'registered';
    hookRunner = runner.name;
    break;
  } catch {
    // Not this runner, or imported where hooks cannot be registered (inside a running test).
  }
}
