import { CliError } from './io.js';

/** The default of `--timeout`: how long the entry's code may take, in milliseconds. */
export const defaultTimeoutMs = 30_000;

/** The steps in which the entry's own code runs. */
export type EntryStep = 'import' | 'defaultExport' | 'build' | 'validate';

/** What each step is, for messages: "while <activity>". */
export function activityOf(step: EntryStep, entry: string): string {
  switch (step) {
    case 'import':
      return `importing entry '${entry}'`;
    case 'defaultExport':
      return `awaiting the default export of '${entry}'`;
    case 'build':
      return `building the app of '${entry}'`;
    case 'validate':
      return `validating the wiring of '${entry}'`;
  }
}

function timedOut(step: EntryStep, entry: string, timeoutMs: number): string {
  const what = ((): string => {
    switch (step) {
      case 'import':
        return `Entry '${entry}' was still being imported after ${timeoutMs} ms: its top level, or a module it imports, awaits something that has not settled`;
      case 'defaultExport':
        return `The default export of '${entry}' is a promise that had not settled after ${timeoutMs} ms`;
      case 'build':
        return `Building the app of '${entry}' had not finished after ${timeoutMs} ms`;
      case 'validate':
        return `Validating the wiring of '${entry}' had not finished after ${timeoutMs} ms: a promise given to add(), or a feature loader, has not settled`;
    }
  })();
  return `${what}. Nothing was checked. If it is only slow, raise --timeout (now ${timeoutMs} ms).`;
}

/**
 * Bounds the time the entry's code may take, from the start of its import to the end of
 * validation: importing it, awaiting its default export, and validation (which awaits what was
 * given to `add()` and runs feature loaders). When the time is up, the step still pending
 * rejects with a `CliError` naming the entry and the step, so the command exits 2.
 *
 * The timer is deliberately not `unref()`ed: it is what keeps the process alive while the entry
 * awaits something nothing will settle; without it Node would end the process silently (exit 13
 * for an unsettled top-level await) instead of reporting it.
 */
export class EntryDeadline {
  readonly #entry: string;
  readonly #timeoutMs: number;
  readonly #onStep: (activity: string) => void;
  #timer: NodeJS.Timeout | undefined;
  #expired = false;
  /** Rejects the step that is pending, when there is one. */
  #expire: (() => void) | undefined;

  /**
   * @param onStep - told what the entry's code is doing whenever a step starts (the process
   *   guard names it if the process ends early).
   */
  constructor(entry: string, timeoutMs: number, onStep: (activity: string) => void = () => {}) {
    this.#entry = entry;
    this.#timeoutMs = timeoutMs;
    this.#onStep = onStep;
  }

  /** Runs one step of the entry's code, rejecting with a `CliError` if the deadline passes first. */
  async run<T>(step: EntryStep, work: () => T | PromiseLike<T>): Promise<T> {
    this.#onStep(activityOf(step, this.#entry));
    this.#timer ??= setTimeout(() => {
      this.#expired = true;
      this.#expire?.();
    }, this.#timeoutMs);
    if (this.#expired) throw new CliError(timedOut(step, this.#entry, this.#timeoutMs));
    try {
      return await new Promise<T>((resolve, reject) => {
        this.#expire = () => reject(new CliError(timedOut(step, this.#entry, this.#timeoutMs)));
        Promise.resolve().then(work).then(resolve, reject);
      });
    } finally {
      this.#expire = undefined;
    }
  }

  /** The entry's code is done: stop the timer. */
  clear(): void {
    clearTimeout(this.#timer);
    this.#expire = undefined;
  }
}
