import fc from 'fast-check';
import { PlugboardError } from 'plugboard';
import { quietBuilder } from '../support.js';
import { appModel, materialize } from './generator.js';
import { reports } from './oracle.js';
import { propertySettings } from './settings.js';

const { params, timeoutMs } = propertySettings(200);

it(
  '1. validate() reports a problem iff the app is broken, each injected defect with its code and ids, and start() runs no user code',
  async () => {
    await fc.assert(
      fc.asyncProperty(appModel({ defects: true }), async (model) => {
        const { features, journal } = materialize(model);
        const app = quietBuilder().add(features).build();
        const problems = await app.validate();

        const missed = model.defects.filter((defect) => !problems.some((problem) => reports(problem, defect)));
        const unexplained = problems.filter((problem) => !model.defects.some((defect) => reports(problem, defect)));
        expect({ missed, unexplained }).toEqual({ missed: [], unexplained: [] });
        if (model.defects.length === 0) return;

        const error = await app.start().then(
          () => 'started',
          (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(PlugboardError);
        expect(error).toMatchObject({ code: 'INVALID_WIRING', problems });
        expect(journal.events).toEqual([]);
        expect(app.state).toBe('failed');
      }),
      params,
    );
  },
  timeoutMs,
);
