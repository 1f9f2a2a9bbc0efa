/**
 * A shutdown step that throws, rejects or hangs (past shutdownTimeoutMs): stop() still resolves,
 * every other step still runs, and the failure is logged at error level with its plugin and
 * module, naming the step.
 */
import type { Feature } from 'plugboard';
import { quietBuilder } from '../support.js';
import { watchdog } from '../property/harness.js';
import { bystanders, Journal, module, planted, plugin, refs, serviceClass, type Behaviour, type Outcome } from './kit.js';
import { expectNothingLeftRunning } from './leftovers.js';
import { ERROR, recordingLogger } from './logs.js';

const SHUTDOWN_TIMEOUT_MS = 20;

interface Step {
  readonly features: (journal: Journal, behaviour: Behaviour) => Feature[];
  /** Builds the faulty behaviour for an outcome. */
  readonly behaviour: (outcome: Outcome) => Behaviour;
  /** How plugboard names the step in the log line. */
  readonly label: string;
  /** The journal name of the failing feature (the planted error's prefix). */
  readonly who: string;
  /** The `plugin` and `module` fields of the log line. */
  readonly fields: { readonly plugin?: string; readonly module?: string };
}

const withModule = (journal: Journal, behaviour: Behaviour): Feature[] => [
  plugin(journal, 'faulty', behaviour),
  module(journal, 'faulty', 'fine'),
];

const steps: Array<[string, Step]> = [
  [
    "a plugin's @onShutdown",
    {
      features: withModule,
      behaviour: (o) => ({ shutdown: o }),
      label: "plugin 'faulty' (@onShutdown shutdown)",
      who: 'faulty',
      fields: { plugin: 'faulty' },
    },
  ],
  [
    "a module's @onShutdown",
    {
      features: (journal, behaviour) => [
        plugin(journal, 'faulty'),
        module(journal, 'faulty', 'fine'),
        module(journal, 'faulty', 'broken', behaviour),
      ],
      behaviour: (o) => ({ shutdown: o }),
      label: "module 'broken' of plugin 'faulty' (@onShutdown shutdown)",
      who: 'faulty/broken',
      fields: { plugin: 'faulty', module: 'broken' },
    },
  ],
  [
    "a root service's @onShutdown",
    {
      features: (journal, behaviour) => [serviceClass(journal, refs.faultRoot, behaviour), plugin(journal, 'faulty', {}, [refs.faultRoot])],
      behaviour: (o) => ({ shutdown: o }),
      label: "service 'fault.root' (@onShutdown shutdown)",
      who: 'fault.root',
      fields: {},
    },
  ],
  [
    "a plugin-scoped service's @onShutdown",
    {
      features: (journal, behaviour) => [
        serviceClass(journal, refs.faultPlugin, behaviour),
        plugin(journal, 'faulty', {}, [refs.faultPlugin]),
      ],
      behaviour: (o) => ({ shutdown: o }),
      label: "service 'fault.plugin' of plugin 'faulty' (@onShutdown shutdown)",
      who: 'fault.plugin@faulty',
      fields: { plugin: 'faulty' },
    },
  ],
  [
    "a plugin's shutdown hook",
    {
      features: withModule,
      behaviour: (o) => ({ hook: { on: 'plugin', outcome: o } }),
      label: "plugin 'faulty' (shutdown hook)",
      who: 'faulty',
      fields: { plugin: 'faulty' },
    },
  ],
  [
    "a module's shutdown hook",
    {
      features: (journal, behaviour) => [plugin(journal, 'faulty'), module(journal, 'faulty', 'broken', behaviour)],
      behaviour: (o) => ({ hook: { on: 'plugin', outcome: o } }),
      label: "module 'broken' of plugin 'faulty' (shutdown hook)",
      who: 'faulty/broken',
      fields: { plugin: 'faulty', module: 'broken' },
    },
  ],
  [
    'a root shutdown hook a plugin added',
    {
      features: withModule,
      behaviour: (o) => ({ hook: { on: 'root', outcome: o } }),
      label: "plugin 'faulty' (shutdown hook)",
      who: 'faulty',
      fields: { plugin: 'faulty' },
    },
  ],
  [
    'a root before-shutdown hook a plugin added',
    {
      features: withModule,
      behaviour: (o) => ({ hook: { on: 'root-before', outcome: o } }),
      label: "plugin 'faulty' (before-shutdown hook)",
      who: 'faulty',
      fields: { plugin: 'faulty' },
    },
  ],
  [
    'a root shutdown hook a root service added',
    {
      features: (journal, behaviour) => [serviceClass(journal, refs.faultRoot, behaviour), plugin(journal, 'faulty', {}, [refs.faultRoot])],
      behaviour: (o) => ({ hook: { on: 'root', outcome: o } }),
      label: 'the app (root) (shutdown hook)',
      who: 'fault.root',
      fields: {},
    },
  ],
  [
    'a root shutdown hook a module added',
    {
      features: (journal, behaviour) => [plugin(journal, 'faulty'), module(journal, 'faulty', 'broken', behaviour)],
      behaviour: (o) => ({ hook: { on: 'root', outcome: o } }),
      label: "module 'broken' of plugin 'faulty' (shutdown hook)",
      who: 'faulty/broken',
      fields: { plugin: 'faulty', module: 'broken' },
    },
  ],
];

const cases = steps.flatMap(([name, step]) =>
  (['throws', 'rejects', 'hangs'] as const).map((outcome) => [`${name} that ${outcome}`, step, outcome] as const),
);

describe('faults while stopping', () => {
  expectNothingLeftRunning();

  it.each(cases)(
    '%s: stop() resolves, the rest still run, and the failure is logged with its plugin and module',
    async (_, step, outcome) => {
      const journal = new Journal();
      const { logger, lines } = recordingLogger();
      const app = quietBuilder({ logger, shutdownTimeoutMs: SHUTDOWN_TIMEOUT_MS })
        .add([...bystanders(journal), ...step.features(journal, step.behaviour(outcome))])
        .build();
      await app.start();
      const started = journal.started();

      await watchdog(app.stop(), 'stop()', 1_000);
      expect(app.state).toBe('stopped');
      // Every feature that started ran its @onShutdown once — the faulty one too — and the hook ran once.
      expect(journal.shutdownProblems()).toEqual([]);
      expect(journal.started()).toEqual(started);
      if (step.behaviour(outcome).hook !== undefined) expect(journal.hooksRan()).toEqual([step.who]);

      const errors = lines.filter((line) => line.level >= ERROR);
      expect(errors).toHaveLength(1);
      const [line] = errors;
      expect({ plugin: line!.plugin, module: line!.module }).toEqual({ plugin: step.fields.plugin, module: step.fields.module });
      if (outcome === 'hangs') {
        expect(line!.msg).toBe(`${step.label} did not finish within ${SHUTDOWN_TIMEOUT_MS} ms (shutdownTimeoutMs); moving on.`);
        expect(line!.err).toMatchObject({ code: 'SHUTDOWN_TIMEOUT' });
      } else {
        const message = planted(step.who, step.behaviour(outcome).hook ? 'hook' : 'shutdown');
        expect(line!.msg).toBe(`${step.label} failed during shutdown: Error: ${message}; the rest still run`);
        expect(line!.err).toMatchObject({ message });
      }
    },
  );
});
