/**
 * What a materialized app records while it runs, in one sequence: every construction, init start
 * (`init`), init end (`ready`) and `@onShutdown`, named as in {@link moduleName}/{@link serviceName};
 * what each provider saw when its init began; and which service instance each feature received.
 */
import type { ServiceInstance } from './materialize.js';

export type Phase = 'construct' | 'init' | 'ready' | 'shutdown';

export interface JournalEvent {
  readonly phase: Phase;
  readonly who: string;
}

/** One injected service instance: `consumer` received `instance`. */
export interface Received {
  readonly consumer: string;
  /** The plugin the consumer belongs to (undefined for a root service). */
  readonly consumerPlugin: string | undefined;
  readonly instance: ServiceInstance;
}

export class Journal {
  readonly events: JournalEvent[] = [];
  /** Items each provider (plugin `p3`, module `p3/m1`) found added when its init began. */
  readonly seen = new Map<string, readonly string[]>();
  readonly received: Received[] = [];
  /** Features that have an `@onShutdown` method. */
  readonly stoppable = new Set<string>();

  record(phase: Phase, who: string): void {
    this.events.push({ phase, who });
  }

  /** Position of the first `phase` event of `who`, or -1. */
  at(phase: Phase, who: string): number {
    return this.events.findIndex((e) => e.phase === phase && e.who === who);
  }

  /** Names with a `phase` event, in order (repeats kept). */
  whos(phase: Phase): string[] {
    return this.events.filter((e) => e.phase === phase).map((e) => e.who);
  }

  /** Features that completed their init (or construction, for those with nothing to init) and can be shut down. */
  startedStoppable(): string[] {
    return this.whos('ready').filter((who) => this.stoppable.has(who));
  }
}
