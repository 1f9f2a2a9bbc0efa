/**
 * Features with a fault planted where a test wants it: a constructor that throws, an init or a
 * factory that throws, rejects or hangs, an `@onShutdown` that throws or hangs. Every feature
 * writes `<name> up` when its init completed and `<name> down` when its `@onShutdown` ran, so a
 * test can check that everything that started was stopped, once.
 */
import {
  coreServices,
  createServiceFactory,
  createServiceRef,
  inject,
  Module,
  onInit,
  onShutdown,
  Plugin,
  Service,
  type Feature,
  type InjectionToken,
  type PluginMetadataService,
  type RootLifecycleService,
  type ServiceRef,
} from 'plugboard';
import { delay } from '../support.js';

export { causes } from '../property/harness.js';

/** How a step ends. `slow` takes {@link SLOW_MS} and succeeds. */
export type Outcome = 'ok' | 'slow' | 'throws' | 'rejects' | 'hangs';

/** Where the faults of a feature are. Unset steps succeed synchronously. */
export interface Behaviour {
  readonly construct?: 'ok' | 'throws';
  readonly init?: Outcome;
  readonly shutdown?: Outcome;
  /**
   * A shutdown hook the feature registers in its constructor, through its own lifecycle
   * (`plugin`: coreServices.lifecycle) or the app's (`root`: addShutdownHook, `root-before`:
   * addBeforeShutdownHook on coreServices.rootLifecycle). It records `<name> hook ran`.
   */
  readonly hook?: { readonly on: 'plugin' | 'root' | 'root-before'; readonly outcome: Outcome };
}

export const SLOW_MS = 5;

/** The message of the error planted at `step` of `who`: tests find it in the cause chain. */
export const planted = (who: string, step: string): string => `${who}: planted ${step} failure`;

export class Journal {
  readonly events: string[] = [];

  add(event: string): void {
    this.events.push(event);
  }

  /** Names whose shutdown hook ran. */
  hooksRan(): string[] {
    return this.events.filter((e) => e.endsWith(' hook ran')).map((e) => e.slice(0, -' hook ran'.length));
  }

  /** Names whose init completed. */
  started(): string[] {
    return this.events.filter((e) => e.endsWith(' up')).map((e) => e.slice(0, -' up'.length));
  }

  /**
   * What breaks "every feature that started was shut down exactly once, and nothing else was":
   * empty when that holds.
   */
  shutdownProblems(): string[] {
    const started = this.started();
    const downs = this.events.filter((e) => e.endsWith(' down')).map((e) => e.slice(0, -' down'.length));
    const problems = started
      .filter((who) => downs.filter((d) => d === who).length !== 1)
      .map((who) => `${who} started and was shut down ${downs.filter((d) => d === who).length} times`);
    for (const who of new Set(downs)) if (!started.includes(who)) problems.push(`${who} was shut down but never started`);
    return problems;
  }
}

/** Runs one step as `outcome` says; `then` runs when it succeeds. */
function step(outcome: Outcome, who: string, name: string, then: () => void): void | Promise<void> {
  switch (outcome) {
    case 'ok':
      return then();
    case 'slow':
      return delay(SLOW_MS).then(then);
    case 'throws':
      throw new Error(planted(who, name));
    case 'rejects':
      return delay(1).then(() => Promise.reject(new Error(planted(who, name))));
    case 'hangs':
      return new Promise<void>(() => undefined);
  }
}

type AnyClass = new (...args: unknown[]) => object;

/** A class whose constructor, `@onInit` and `@onShutdown` behave as `behaviour` says. `name` may depend on the constructor's arguments. */
function recordingClass(
  journal: Journal,
  behaviour: Behaviour,
  name: (args: readonly unknown[]) => string,
  tokens: readonly InjectionToken<unknown>[],
): AnyClass {
  const hook = behaviour.hook;
  const lifecycle = hook === undefined ? [] : [hook.on === 'plugin' ? coreServices.lifecycle : coreServices.rootLifecycle];
  class Recording {
    readonly who: string;
    constructor(...args: unknown[]) {
      this.who = name(args);
      if (behaviour.construct === 'throws') throw new Error(planted(this.who, 'constructor'));
      if (hook !== undefined) {
        const service = args[tokens.length] as RootLifecycleService;
        const run = (): void | Promise<void> => {
          journal.add(`${this.who} hook ran`);
          return step(hook.outcome, this.who, 'hook', () => undefined);
        };
        if (hook.on === 'root-before') service.addBeforeShutdownHook(run);
        else service.addShutdownHook(run);
      }
    }
    init(): void | Promise<void> {
      return step(behaviour.init ?? 'ok', this.who, 'init', () => journal.add(`${this.who} up`));
    }
    shutdown(): void | Promise<void> {
      journal.add(`${this.who} down`);
      return step(behaviour.shutdown ?? 'ok', this.who, 'shutdown', () => undefined);
    }
  }
  [...tokens, ...lifecycle].forEach((token, index) => inject(token)(Recording, undefined, index));
  onInit()(Recording.prototype, 'init', Object.getOwnPropertyDescriptor(Recording.prototype, 'init'));
  onShutdown()(Recording.prototype, 'shutdown', Object.getOwnPropertyDescriptor(Recording.prototype, 'shutdown'));
  return Recording;
}

/** A plugin named `id` in the journal. */
export function plugin(journal: Journal, id: string, behaviour: Behaviour = {}, tokens: readonly InjectionToken<unknown>[] = []): AnyClass {
  const cls = recordingClass(journal, behaviour, () => id, tokens);
  Plugin({ id })(cls);
  return cls;
}

/** A module named `<pluginId>/<id>` in the journal. */
export function module(
  journal: Journal,
  pluginId: string,
  id: string,
  behaviour: Behaviour = {},
  tokens: readonly InjectionToken<unknown>[] = [],
): AnyClass {
  const cls = recordingClass(journal, behaviour, () => `${pluginId}/${id}`, tokens);
  Module({ pluginId, id })(cls);
  return cls;
}

/** A `@Service({ provides: ref })` class, named `<ref>` (root) or `<ref>@<plugin>` (plugin-scoped) in the journal. */
export function serviceClass(journal: Journal, ref: ServiceRef<object>, behaviour: Behaviour = {}): AnyClass {
  const perPlugin = ref.scope === 'plugin';
  const name = (args: readonly unknown[]): string => (perPlugin ? `${ref.id}@${(args[0] as PluginMetadataService).getId()}` : ref.id);
  const cls = recordingClass(journal, behaviour, name, perPlugin ? [coreServices.pluginMetadata] : []);
  Service({ provides: ref })(cls);
  return cls;
}

/** A factory whose call ends as `outcome` says (`throws` throws synchronously). Factories have no `@onShutdown`. */
export function factory(ref: ServiceRef<object>, outcome: Outcome): Feature {
  return createServiceFactory({
    service: ref,
    factory: () => {
      let made: object | undefined;
      const done = step(outcome, ref.id, 'factory', () => void (made = { ref: ref.id }));
      return done === undefined ? made! : done.then(() => made!);
    },
  });
}

/** Services the bystanders use; `fault.*` ones are for the faulty features. */
export const refs = {
  sharedRoot: createServiceRef<object>({ id: 'shared.root', scope: 'root' }),
  sharedPlugin: createServiceRef<object>({ id: 'shared.plugin' }),
  faultRoot: createServiceRef<object>({ id: 'fault.root', scope: 'root' }),
  faultPlugin: createServiceRef<object>({ id: 'fault.plugin' }),
};

/**
 * Healthy features around a fault, so "everything that started" is more than the faulty feature:
 * a root and a plugin-scoped service, a slow plugin and its module. Their inits are synchronous
 * except the plugin's.
 */
export function bystanders(journal: Journal): Feature[] {
  return [
    serviceClass(journal, refs.sharedRoot),
    serviceClass(journal, refs.sharedPlugin),
    plugin(journal, 'bystander', { init: 'slow' }, [refs.sharedRoot, refs.sharedPlugin]),
    module(journal, 'bystander', 'helper', {}, [refs.sharedPlugin]),
  ];
}
