/**
 * The counterexample of the hygiene property for `PLUGBOARD_SEED=839815628
 * PLUGBOARD_PATH=8:309:110:73:60` (issue 13, item 21), kept as data: 28 plugins, 11 services,
 * stop() called 3 ms into start(), signals handled. On the runtime before the rewrite, plugin
 * services and modules that started were never shut down ("svc.0@p5 started and was shut down 0
 * times"): a creation still running when a sibling's failure (the halt) was known was not awaited,
 * so it finished after its scope's steps were taken and registered nowhere. Replaying the seed
 * takes fast-check minutes; the model itself replays in milliseconds, so it runs here many times
 * with stop() at every point of the start.
 */
import { readFileSync } from 'node:fs';
import { delay } from '../support.js';
import type { AppModel } from './generator.js';
import { build, start, stop } from './harness.js';
import { shutdownOnceProblems } from './lifecycle-checks.js';

const { model } = JSON.parse(readFileSync(new URL('./fixtures/hygiene-seed-839815628.json', import.meta.url), 'utf8')) as {
  model: AppModel;
};

describe('hygiene counterexample (seed 839815628)', () => {
  it.each([0, 1, 2, 3, 4, 5, 6, 8])('stop() %i ms into start(): everything that started is shut down exactly once', async (stopAfterMs) => {
    for (let round = 0; round < 5; round++) {
      const { app, journal } = build(model, { onPluginBootFailure: 'abort', initTimeoutMs: 50 });
      const starting = start(app, { handleSignals: true });
      await delay(stopAfterMs);
      await stop(app);
      await starting;
      expect(shutdownOnceProblems(journal)).toEqual([]);
      await delay(5); // the longest init delay is 3 ms: nothing of the app may still be running
    }
  });
});
