import { pino, type Logger } from 'pino';

/** One line pino wrote, parsed. */
export type LogLine = Record<string, unknown> & {
  level: number;
  msg: string;
  plugin?: string;
  module?: string;
  err?: Record<string, unknown>;
};

/** A pino logger (passed as the builder's `logger`) that keeps every line it writes. */
export function recordingLogger(): { logger: Logger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const logger = pino({ level: 'trace' }, { write: (line: string) => void lines.push(JSON.parse(line) as LogLine) });
  return { logger, lines };
}

/** pino's level number for `error`. */
export const ERROR = 50;
