import fc from 'fast-check';
import { delay } from '../support.js';
import { appModel } from './generator.js';
import { build, start, stop } from './harness.js';
import { reverseOrderProblems, shutdownOnceProblems } from './lifecycle-checks.js';
import { propertySettings } from './settings.js';

const { params, timeoutMs } = propertySettings(100);

it(
  '4. stop() runs every started @onShutdown exactly once, in reverse order, and never one that did not start (also when stop() comes during start())',
  async () => {
    await fc.assert(
      fc.asyncProperty(appModel(), fc.option(fc.integer({ min: 0, max: 8 }), { nil: undefined }), async (model, stopAfterMs) => {
        const { app, journal } = build(model);
        const starting = start(app);
        if (stopAfterMs === undefined) expect(await starting).toEqual({ started: true });
        else await delay(stopAfterMs);
        await Promise.all([stop(app), stop(app)]);
        await stop(app);
        const outcome = await starting;
        // stop() during start(): start() either finished first, or rejects once everything is shut down.
        if (!outcome.started) expect(outcome.error).toMatchObject({ code: 'START_ABORTED' });
        expect(app.state).toBe('stopped');

        const events = journal.events.length;
        expect([...shutdownOnceProblems(journal), ...reverseOrderProblems(journal)]).toEqual([]);
        await delay(5); // the longest init delay is 3 ms: nothing of the app may still be running
        expect(journal.events.length).toBe(events);
      }),
      params,
    );
  },
  timeoutMs,
);
