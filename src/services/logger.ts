import { pino, type Logger, type LoggerOptions } from 'pino';

/** A pino logger. Plugin loggers carry `{ plugin }`, module loggers `{ plugin, module }`. */
export type LoggerService = Logger;

/** The app's root pino logger. */
export type RootLoggerService = Logger;

/** True when `value` looks like a pino logger (rather than pino options). */
export function isLogger(value: unknown): value is Logger {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Logger).child === 'function' &&
    typeof (value as Logger).info === 'function'
  );
}

/** The root logger from the builder's `logger` option: a pino instance as given, or pino options. */
export function createRootLogger(option: Logger | LoggerOptions | undefined): Logger {
  if (isLogger(option)) return option;
  const options: LoggerOptions = { ...(option ?? {}) };
  if (options.level === undefined && process.env['LOG_LEVEL']) options.level = process.env['LOG_LEVEL'];
  return pino(options);
}
