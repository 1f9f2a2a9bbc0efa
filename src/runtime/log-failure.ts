import type { Logger } from 'pino';
import { describeThrown } from '../errors/index.js';

/**
 * Logs a failure with the error as `err`. pino serialises `err` by reading it (its message, its
 * chain of causes, every enumerable key), and a value user code threw may make that read throw:
 * a Proxy whose traps throw, a revoked Proxy, a getter that throws. Logging must never turn a
 * failure plugboard is handling into another one (start() rejecting with the raw value, a
 * shutdown step going uncounted, runApp dying before it exits 1), so such an error is logged as
 * its description instead; a logger that throws even then is not plugboard's to fix.
 */
export function logFailure(
  logger: Logger,
  level: 'error' | 'fatal',
  fields: Readonly<Record<string, unknown>>,
  error: unknown,
  message: string,
): void {
  try {
    logger[level]({ ...fields, err: error }, message);
    return;
  } catch {
    // pino could not serialise the error: log its description below.
  }
  try {
    logger[level]({ ...fields, err: { message: describeThrown(error) } }, message);
  } catch {
    // A logger that cannot log at all: the failure is still handled (counted, rethrown, exited on).
  }
}
