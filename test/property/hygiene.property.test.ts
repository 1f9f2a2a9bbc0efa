import fc from 'fast-check';
import { delay } from '../support.js';
import { appModel } from './generator.js';
import { build, start, stop } from './harness.js';
import { shutdownOnceProblems } from './lifecycle-checks.js';
import { processListeners, trackTimers } from './process-snapshot.js';
import { propertySettings } from './settings.js';

const { params, timeoutMs, seed } = propertySettings(150);

/** A feature module passed to add() as a promise: none, one that loads, or one whose import fails. */
const imports = fc.constantFrom('none', 'loads', 'fails');

// An unhandled rejection fails the running jest test on its own, but fast-check never sees it, so
// cannot print the seed: the title carries it (replay with PLUGBOARD_SEED). Each case waits for a
// macrotask at its end, so a rejection it caused surfaces while it is still the running case.
it(
  `6. no unhandled rejection, and no leaked process listener or timer, in any run (seed ${seed})`,
  async () => {
    await fc.assert(
      fc.asyncProperty(
        appModel({ defects: true, failures: ['throw', 'reject', 'hang'] }),
        fc.record({
          policy: fc.constantFrom('abort' as const, 'continue' as const),
          handleSignals: fc.boolean(),
          stopAfterMs: fc.option(fc.integer({ min: 0, max: 8 }), { nil: undefined }),
          lifecycle: fc.constantFrom('build only', 'validate only', 'start and stop'),
          featureModule: imports,
        }),
        async (model, run) => {
          const listeners = processListeners();
          const timers = trackTimers();
          try {
            const { app, journal } = build(model, { onPluginBootFailure: run.policy, initTimeoutMs: 50 }, (builder) => {
              if (run.featureModule === 'loads') builder.add(Promise.resolve({ default: [] }));
              if (run.featureModule === 'fails') builder.add(Promise.reject(new Error('import failed')));
            });
            if (run.lifecycle === 'validate only') await app.validate();
            if (run.lifecycle === 'start and stop') {
              const starting = start(app, { handleSignals: run.handleSignals });
              if (run.stopAfterMs !== undefined) await delay(run.stopAfterMs);
              else await starting;
              await stop(app);
              await starting;
              expect(shutdownOnceProblems(journal)).toEqual([]);
            }
            await delay(5);
            await new Promise((resolve) => setImmediate(resolve));
            expect(processListeners()).toEqual(listeners);
            expect(timers.pending()).toEqual([]);
          } finally {
            timers.restore();
          }
        },
      ),
      params,
    );
  },
  timeoutMs,
);
