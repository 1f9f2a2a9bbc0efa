import type { Logger } from 'pino';
import { describeThrown, isPlugboardError, label, plugboardError } from '../../errors/index.js';
import { logFailure } from '../log-failure.js';
import { withTimeout } from '../timeouts.js';
import { isThenable } from '../walk.js';
import { stepSubject, type ShutdownStack, type ShutdownStep } from './stack.js';

/**
 * Runs shutdown steps: each bounded by `shutdownTimeoutMs`, a failure logged with its plugin and
 * module and counted, never stopping the rest. Stays synchronous until a step is async, so a
 * sync shutdown costs no promise per feature.
 */
export class ShutdownRunner {
  constructor(
    private readonly timeoutMs: () => number,
    private readonly logger: () => Logger,
  ) {}

  /** Runs a stack's steps last to first, one at a time; returns how many failed. */
  unwind(stack: ShutdownStack): number | Promise<number> {
    return this.runAll(stack.take().reverse());
  }

  /** Runs steps in the given order, one at a time. */
  runAll(steps: readonly ShutdownStep[]): number | Promise<number> {
    let failures = 0;
    for (let index = 0; index < steps.length; index++) {
      const outcome = this.run(steps[index]!);
      if (typeof outcome !== 'number') {
        return outcome.then(async (failed) => {
          failures += failed;
          // The rest run after this one settled; each later step is one await, not one stack frame.
          for (let rest = index + 1; rest < steps.length; rest++) failures += await this.run(steps[rest]!);
          return failures;
        });
      }
      failures += outcome;
    }
    return failures;
  }

  /** Runs one step; 1 when it failed or timed out (already logged), else 0. */
  run(step: ShutdownStep): number | Promise<number> {
    try {
      const result = step.fn.call(step.target);
      if (!isThenable(result)) return 0;
      const ms = this.timeoutMs();
      const bounded = withTimeout(result, ms, () => plugboardError('SHUTDOWN_TIMEOUT', { ...stepSubject(step), ms }));
      return Promise.resolve(bounded).then(
        () => 0,
        (error: unknown) => this.failed(step, error),
      );
    } catch (error) {
      return this.failed(step, error);
    }
  }

  private failed(step: ShutdownStep, error: unknown): number {
    const { pluginId, moduleId } = step.owner;
    const fields = {
      ...(pluginId === undefined ? {} : { plugin: pluginId }),
      ...(moduleId === undefined ? {} : { module: moduleId }),
    };
    const message = isPlugboardError(error, 'SHUTDOWN_TIMEOUT')
      ? error.message
      : `${label(stepSubject(step))} failed during shutdown: ${describeThrown(error)}; the rest still run`;
    logFailure(this.logger(), 'error', fields, error, message);
    return 1;
  }
}
