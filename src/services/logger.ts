import { pino, type Logger, type LoggerOptions } from 'pino';

/** A pino logger. Plugin loggers carry `{ plugin }`, module loggers `{ plugin, module }`. */
export type LoggerService = Logger<string>;

/** The app's root pino logger. */
export type RootLoggerService = Logger<string>;

/** True when `value` looks like a pino logger (rather than pino options). */
export function isLogger(value: unknown): value is Logger<string> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Logger).child === 'function' &&
    typeof (value as Logger).info === 'function'
  );
}

/** The root logger from the builder's `logger` option: a pino instance as given, or pino options. */
export function createRootLogger(option: Logger<string> | LoggerOptions | undefined): Logger<string> {
  if (isLogger(option)) return option;
  const options: LoggerOptions<string> = { ...(option ?? {}) } as LoggerOptions<string>;
  if (options.level === undefined && process.env['LOG_LEVEL']) options.level = process.env['LOG_LEVEL'];
  return pino<string>(options);
}
