/**
 * A fault in any constructor, factory or init fails start() with a PlugboardError that names the
 * feature and keeps the cause; everything that had started is shut down first, and nothing is
 * left running. Each fault sits in an app with healthy bystanders (see kit.ts).
 */
import { PlugboardError, type ContainerBuilderOptions, type Feature, type ServiceRef } from 'plugboard';
import { delay, quietBuilder } from '../support.js';
import {
  bystanders,
  causes,
  factory,
  Journal,
  module,
  planted,
  plugin,
  refs,
  serviceClass,
  SLOW_MS,
  type Behaviour,
  type Outcome,
} from './kit.js';
import { expectNothingLeftRunning } from './leftovers.js';

const INIT_TIMEOUT_MS = 30;

const { faultRoot, faultPlugin } = refs;

interface Fault {
  /** The faulty features. */
  readonly features: (journal: Journal) => Feature[];
  /** What the error must carry. */
  readonly error: {
    readonly code: 'INIT_FAILED' | 'INIT_TIMEOUT';
    readonly pluginId?: string;
    readonly moduleId?: string;
    readonly refId?: string;
  };
  /** Text the message must contain: who failed. */
  readonly names: string;
  /** The planted error's message, expected in the cause chain (none for a hang). */
  readonly cause?: string;
  /** Whether only the faulty plugin fails (not a root service, which fails the app under any policy). */
  readonly inPlugin: boolean;
}

const failure = (outcome: Outcome): Fault['error']['code'] => (outcome === 'hangs' ? 'INIT_TIMEOUT' : 'INIT_FAILED');

function pluginFault(behaviour: Behaviour, step: 'constructor' | 'init'): Fault {
  const outcome = behaviour.init ?? 'throws';
  return {
    features: (journal) => [plugin(journal, 'faulty', behaviour), module(journal, 'faulty', 'fine')],
    error: { code: failure(outcome), pluginId: 'faulty' },
    names: "Plugin 'faulty'",
    ...(outcome === 'hangs' ? {} : { cause: planted('faulty', step) }),
    inPlugin: true,
  };
}

function moduleFault(behaviour: Behaviour, step: 'constructor' | 'init'): Fault {
  const outcome = behaviour.init ?? 'throws';
  return {
    features: (journal) => [plugin(journal, 'faulty'), module(journal, 'faulty', 'fine'), module(journal, 'faulty', 'broken', behaviour)],
    error: { code: failure(outcome), pluginId: 'faulty', moduleId: 'broken' },
    names: "Module 'broken' of plugin 'faulty'",
    ...(outcome === 'hangs' ? {} : { cause: planted('faulty/broken', step) }),
    inPlugin: true,
  };
}

function serviceFault(ref: ServiceRef<object>, implementation: (journal: Journal) => Feature, outcome: Outcome, step: string): Fault {
  const root = ref.scope === 'root';
  return {
    features: (journal) => [implementation(journal), plugin(journal, 'faulty', {}, [ref])],
    // A plugin-scoped service fails the plugin that creates it; the cause names the service.
    error: root ? { code: failure(outcome), refId: ref.id } : { code: failure(outcome), pluginId: 'faulty' },
    names: root ? `Service '${ref.id}'` : `Service '${ref.id}' of plugin 'faulty'`,
    ...(outcome === 'hangs' ? {} : { cause: planted(root ? ref.id : `${ref.id}@faulty`, step) }),
    inPlugin: !root,
  };
}

const factoryFault = (ref: ServiceRef<object>, outcome: Outcome): Fault => ({
  ...serviceFault(ref, () => factory(ref, outcome), outcome, 'factory'),
  // A factory's error is planted under the ref's id (it does not know its plugin).
  ...(outcome === 'hangs' ? {} : { cause: planted(ref.id, 'factory') }),
});

const faults: Array<[string, Fault]> = [
  ['a plugin constructor that throws', pluginFault({ construct: 'throws' }, 'constructor')],
  ['a plugin init that throws', pluginFault({ init: 'throws' }, 'init')],
  ['a plugin init that rejects', pluginFault({ init: 'rejects' }, 'init')],
  ['a plugin init that hangs', pluginFault({ init: 'hangs' }, 'init')],
  ['a module constructor that throws', moduleFault({ construct: 'throws' }, 'constructor')],
  ['a module init that throws', moduleFault({ init: 'throws' }, 'init')],
  ['a module init that rejects', moduleFault({ init: 'rejects' }, 'init')],
  ['a module init that hangs', moduleFault({ init: 'hangs' }, 'init')],
  ...(['root', 'plugin'] as const).flatMap((scope): Array<[string, Fault]> => {
    const ref = scope === 'root' ? faultRoot : faultPlugin;
    const cls = (behaviour: Behaviour) => (journal: Journal) => serviceClass(journal, ref, behaviour);
    return [
      [`a ${scope} service constructor that throws`, serviceFault(ref, cls({ construct: 'throws' }), 'ok', 'constructor')],
      [`a ${scope} service init that throws`, serviceFault(ref, cls({ init: 'throws' }), 'throws', 'init')],
      [`a ${scope} service init that rejects`, serviceFault(ref, cls({ init: 'rejects' }), 'rejects', 'init')],
      [`a ${scope} service init that hangs`, serviceFault(ref, cls({ init: 'hangs' }), 'hangs', 'init')],
      [`a ${scope} service factory that throws`, factoryFault(ref, 'throws')],
      [`a ${scope} service factory that rejects`, factoryFault(ref, 'rejects')],
      [`a ${scope} service factory that hangs`, factoryFault(ref, 'hangs')],
    ];
  }),
];

async function startWith(fault: Fault, options: ContainerBuilderOptions) {
  const journal = new Journal();
  const app = quietBuilder({ initTimeoutMs: INIT_TIMEOUT_MS, ...options })
    .add([...bystanders(journal), ...fault.features(journal)])
    .build();
  const outcome = await app.start().then(
    () => undefined,
    (error: unknown) => error,
  );
  return { app, journal, outcome };
}

/** No event after a pause longer than any planted delay: no user code of the app is still running. */
async function expectQuiet(journal: Journal): Promise<void> {
  const seen = journal.events.length;
  await delay(SLOW_MS * 2);
  expect(journal.events.slice(seen)).toEqual([]);
}

describe('faults while starting', () => {
  expectNothingLeftRunning();

  it.each(faults)("%s: start() rejects naming it, after shutting down everything that started ('abort')", async (_, fault) => {
    const { app, journal, outcome } = await startWith(fault, {});
    expect(outcome).toBeInstanceOf(PlugboardError);
    const error = outcome as PlugboardError;
    expect(error).toMatchObject(fault.error);
    expect(error.message).toContain(fault.names);
    if (fault.cause !== undefined) expect(causes(error).map((e) => (e as Error).message)).toContain(fault.cause);
    if (fault.error.code === 'INIT_TIMEOUT') expect(error.message).toContain(`within ${INIT_TIMEOUT_MS} ms (initTimeoutMs)`);
    expect(app.state).toBe('failed');
    expect(journal.shutdownProblems()).toEqual([]);
    await expectQuiet(journal);
    await app.stop(); // still safe
    expect(journal.shutdownProblems()).toEqual([]);
  });

  it.each(faults.filter(([, fault]) => fault.inPlugin))(
    "%s, with onPluginBootFailure 'continue': only that plugin is left out, stopped already",
    async (_, fault) => {
      const { app, journal, outcome } = await startWith(fault, { onPluginBootFailure: 'continue' });
      expect(outcome).toBeUndefined();
      const plugins = Object.fromEntries(app.describe().plugins.map((p) => [p.id, p]));
      expect(plugins['bystander']!.status).toBe('started');
      expect(plugins['faulty']!.status).toBe('failed');
      expect(plugins['faulty']!.error).toContain(fault.cause ?? 'did not finish initialising');
      // The faulty plugin's features that had started are down already; the bystander's are up.
      expect(journal.events.filter((e) => e.endsWith(' down') && !e.startsWith('faulty'))).toEqual([]);
      expect(
        journal.events
          .filter((e) => e.startsWith('faulty') && e.endsWith(' up'))
          .map((e) => e.replace(' up', ' down'))
          .sort(),
      ).toEqual(journal.events.filter((e) => e.startsWith('faulty') && e.endsWith(' down')).sort());
      await app.stop();
      expect(journal.shutdownProblems()).toEqual([]);
      await expectQuiet(journal);
    },
  );

  it.each(faults.filter(([, fault]) => !fault.inPlugin))(
    "%s, with onPluginBootFailure 'continue': start() still rejects (every plugin may need a root service)",
    async (_, fault) => {
      const { app, journal, outcome } = await startWith(fault, { onPluginBootFailure: 'continue' });
      expect(outcome).toMatchObject(fault.error);
      expect(app.state).toBe('failed');
      expect(journal.shutdownProblems()).toEqual([]);
      await expectQuiet(journal);
    },
  );
});

describe('messages of start failures', () => {
  // Bug: src/runtime/creator.ts wraps the error of a class service's async @onInit twice — once in
  // instantiate() (its `fail`) and again in service() (`settle(...then(undefined, fail))`) — so the
  // message repeats itself: "Service 'fault.root' failed to start: PlugboardError: Service
  // 'fault.root' failed to start: Error: …" (three times for a plugin-scoped one that times out).
  // Expected: the service is named once, then the cause.
  it('name a service whose async init rejects once, then the cause', async () => {
    const journal = new Journal();
    const error = (await quietBuilder()
      .add([serviceClass(journal, faultRoot, { init: 'rejects' }), plugin(journal, 'faulty', {}, [faultRoot])])
      .build()
      .start()
      .catch((e: unknown) => e)) as PlugboardError;
    expect(error.message).toBe(`Service 'fault.root' failed to start: Error: ${planted('fault.root', 'init')}`);
  });
});
