/** Where the CLI writes. The process streams in main.ts; kept apart so commands never touch `process`. */
export interface Output {
  out(text: string): void;
  err(text: string): void;
}

/** What the CLI's exit codes mean. */
export const ExitCode = {
  /** The command did its job and the wiring is sound. */
  ok: 0,
  /** The wiring has problems (printed). */
  problems: 1,
  /** The command could not run: bad arguments, or an entry that cannot be loaded or used. */
  unusable: 2,
} as const;

/**
 * A failure the CLI reports as one message on stderr, never with a stack, and exit code 2: an
 * entry that cannot be loaded or used, or arguments that do not fit the app.
 */
export class CliError extends Error {
  override readonly name = 'CliError';
}
