import { whatWasThrown } from '../errors/index.js';
import { ExitCode } from './io.js';

/** The part of `process` the guard uses. */
export interface GuardedProcess {
  on(event: 'exit', listener: (code: number) => void): unknown;
  on(event: 'uncaughtException', listener: (error: unknown) => void): unknown;
  on(event: 'unhandledRejection', listener: (reason: unknown) => void): unknown;
  exitCode?: number | string | null | undefined;
  exit(code: number): never;
}

/**
 * Makes sure the `plugboard` process never reports what it did not check. The entry's code runs
 * in this process, so it can end it (`process.exit()`), or throw from a callback or reject a
 * promise nobody awaits; Node's own exit codes for those (0, 1, 13…) would read as "sound" or
 * "problems". The guard turns each into exit code 2 with one line on stderr saying what happened
 * and during which step, and keeps the command's own code once the command has finished.
 */
export class ProcessGuard {
  readonly #process: GuardedProcess;
  readonly #writeErr: (text: string) => void;
  #activity: string | undefined;
  #result: number | undefined;
  #outputFailed = false;

  constructor(guarded: GuardedProcess, writeErr: (text: string) => void) {
    this.#process = guarded;
    this.#writeErr = writeErr;
  }

  /** Starts watching the process. */
  install(): void {
    this.#process.on('exit', (code) => this.#onExit(code));
    this.#process.on('uncaughtException', (error) => this.#uncaught('threw an error nothing caught', error));
    this.#process.on('unhandledRejection', (reason) => this.#uncaught('rejected a promise nobody awaited', reason));
  }

  /** What the command is doing now, named if the process ends before it finishes. */
  readonly step = (activity: string): void => {
    this.#activity = activity;
  };

  /** The command finished with `code`: that is the exit code, whatever the entry does meanwhile. */
  finish(code: number): void {
    this.#result = code;
  }

  /**
   * stdout reported an error. A reader that stops early (`plugboard graph … | head`) closes the
   * pipe (`EPIPE`): the rest of the output has nowhere to go, and that is neither a failure of
   * the command nor the entry's doing. Any other write error means the result was not delivered:
   * exit 2.
   */
  readonly outputError = (error: unknown): void => {
    if (typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'EPIPE') return;
    this.#writeErr(`plugboard: could not write the output: ${whatWasThrown(error)}.\n`);
    this.#outputFailed = true;
  };

  #onExit(code: number): void {
    if (this.#result !== undefined) {
      this.#process.exitCode = this.#outputFailed ? ExitCode.unusable : this.#result;
      return;
    }
    // Exit listeners run synchronously before the process ends, and setting exitCode here is
    // what it ends with. stderr is synchronous for files and pipes, so the line is not lost.
    this.#writeErr(
      `plugboard: the process was ended (exit code ${code}) while ${this.#activity ?? 'starting'}, before the wiring was checked: ` +
        'the entry, or code it runs, called process.exit(). Point plugboard at a module that only builds the wiring, not one that runs or stops the app.\n',
    );
    this.#process.exitCode = ExitCode.unusable;
  }

  #uncaught(what: string, thrown: unknown): void {
    const when = this.#result === undefined ? `while ${this.#activity ?? 'starting'}` : 'after the command finished';
    this.#writeErr(
      `plugboard: ${when}, the entry's code ${what}: ${whatWasThrown(thrown)}. The result cannot be trusted; fix the entry, or point plugboard at a module that only builds the wiring.\n`,
    );
    this.#result = ExitCode.unusable;
    this.#process.exit(ExitCode.unusable);
  }
}
