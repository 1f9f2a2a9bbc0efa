import { createRequire } from 'node:module';
import { pino, type DestinationStream, type Logger, type LoggerOptions } from 'pino';
import { plugboardError } from '../errors/index.js';

/**
 * A pino logger (pino's own `Logger` type). Plugin loggers carry `{ plugin }`, module loggers
 * `{ plugin, module }`.
 */
export type LoggerService = Logger;

/**
 * The app's root pino logger, typed as pino's own `Logger`: what `pino(...)` returns, so a
 * replacement factory can return any logger made with it (only one with `customLevels` needs a cast).
 */
export type RootLoggerService = Logger;

/** True when `value` looks like a pino logger (rather than pino options). */
export function isLogger(value: unknown): value is Logger | Logger<string> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Logger).child === 'function' &&
    typeof (value as Logger).info === 'function'
  );
}

/** Whether plugboard pretty-prints: only on a terminal, and only when pino-pretty is installed. */
export function wantsPrettyOutput(
  isTTY: boolean | undefined,
  resolve: (name: string) => string = createRequire(import.meta.url).resolve,
): boolean {
  if (!isTTY) return false;
  try {
    resolve('pino-pretty');
    return true;
  } catch {
    return false;
  }
}

/**
 * The root logger from the builder's `logger` option: a pino instance is used as given; pino
 * options (or nothing) create one, at `LOG_LEVEL` when set, pretty-printed on a terminal when
 * the optional `pino-pretty` is installed, JSON otherwise.
 */
export function createRootLogger(option: Logger | Logger<string> | LoggerOptions | undefined): Logger {
  // pino types a logger by its custom levels; plugboard only uses the standard ones.
  if (isLogger(option)) return option as Logger;
  const options: LoggerOptions = { ...(option ?? {}) };
  const envLevel = process.env['LOG_LEVEL'];
  if (envLevel) options.level = envLevel;
  try {
    if (options.transport === undefined && wantsPrettyOutput(process.stdout.isTTY)) {
      // In-process, not as a transport: a transport runs in a worker thread that loads pino-pretty
      // by path, which a single-file bundle does not have (thread-stream: __dirname is not defined).
      const pretty = createRequire(import.meta.url)('pino-pretty') as (options: { colorize: boolean }) => DestinationStream;
      return pino(options, pretty({ colorize: true }));
    }
    return pino(options);
  } catch (error) {
    // An unknown level (`LOG_LEVEL=verbose`) or a transport pino refuses: ours to name, not pino's.
    throw plugboardError(
      'INVALID_OPTIONS',
      { reason: 'logger', level: options.level, fromEnv: Boolean(envLevel), cause: error },
      { cause: error },
    );
  }
}

/**
 * The level for a logger plugboard created: `LOG_LEVEL` first (an operator's override), then
 * config `logging.level`, else the level it was created with.
 */
export function configuredLevel(configLevel: string | undefined, current: string): string {
  return process.env['LOG_LEVEL'] || configLevel || current;
}
