import fc from 'fast-check';
import { PlugboardError } from 'plugboard';
import { delay } from '../support.js';
import { appModel, type AppModel, type Journal } from './generator.js';
import { build, causes, start, stop, type StartOutcome } from './harness.js';
import { reverseOrderProblems, scopeOf, shutdownOnceProblems } from './lifecycle-checks.js';
import { failingPlugins, failingRootServices } from './oracle.js';
import { propertySettings } from './settings.js';

const { params, timeoutMs } = propertySettings(100);

/** A hung init fails after this; generated inits that succeed take at most 3 ms. */
const INIT_TIMEOUT_MS = 100;

/**
 * start() rejected with INIT_FAILED or INIT_TIMEOUT, and the error or one of its causes carries
 * the id of a feature that fails (a failing plugin, or a failing root service: a root service
 * whose dependency failed is named first, with the failing one in its cause), which the message names.
 */
function expectBlame(outcome: StartOutcome, model: AppModel): void {
  expect(outcome.started).toBe(false);
  const error = (outcome as { error: unknown }).error as PlugboardError;
  expect(error).toBeInstanceOf(PlugboardError);
  expect(['INIT_FAILED', 'INIT_TIMEOUT']).toContain(error.code);
  const plugins = failingPlugins(model);
  const services = failingRootServices(model);
  const blamed = (causes(error) as Array<Partial<PlugboardError>>)
    .map((e) =>
      e.pluginId !== undefined && plugins.has(e.pluginId)
        ? e.pluginId
        : e.refId !== undefined && services.includes(e.refId)
          ? e.refId
          : undefined,
    )
    .find((id) => id !== undefined);
  expect({ blamed, message: error.message }).toEqual({ blamed: expect.any(String), message: expect.stringContaining(`'${blamed}'`) });
}

/** Nothing of the app runs any more: no event is recorded after a pause longer than any init delay. */
async function expectQuiet(journal: Journal): Promise<void> {
  const events = journal.events.length;
  await delay(5);
  expect(journal.events.slice(events)).toEqual([]);
}

it(
  "5. with init failures, 'abort' rejects start() after shutting down everything that started; 'continue' leaves out exactly the failing plugins",
  async () => {
    await fc.assert(
      fc.asyncProperty(
        appModel({ failures: ['throw', 'reject', 'hang'] }),
        fc.constantFrom('abort' as const, 'continue' as const),
        async (model, policy) => {
          const { app, journal } = build(model, { onPluginBootFailure: policy, initTimeoutMs: INIT_TIMEOUT_MS });
          const failing = failingPlugins(model);
          const outcome = await start(app);

          // A failing root service fails start() under either policy: every plugin may need it.
          if (failingRootServices(model).length > 0 || (policy === 'abort' && failing.size > 0)) {
            expectBlame(outcome, model);
            expect(app.state).toBe('failed');
            expect(shutdownOnceProblems(journal)).toEqual([]);
            await expectQuiet(journal);
            return;
          }

          expect(outcome).toEqual({ started: true });
          const statuses = Object.fromEntries(app.describe().plugins.map((p) => [p.id, p.status]));
          const expected = Object.fromEntries(model.plugins.map((p) => [p.id, failing.has(p.id) ? 'failed' : 'started']));
          expect(statuses).toEqual(expected);
          // The failing plugins were shut down already; the running ones not yet.
          const early = journal.whos('shutdown').map(scopeOf);
          expect(early.filter((scope) => !failing.has(scope))).toEqual([]);
          await stop(app);
          expect([...shutdownOnceProblems(journal), ...reverseOrderProblems(journal)]).toEqual([]);
          await expectQuiet(journal);
        },
      ),
      params,
    );
  },
  timeoutMs,
);
