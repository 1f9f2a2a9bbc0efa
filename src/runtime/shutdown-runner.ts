import type { Logger } from 'pino';
import { PlugboardError, describeThrown, isPlugboardError } from '../errors.js';
import { runStep, stepLabel, type ShutdownStack, type ShutdownStep } from './shutdown-stack.js';
import { withTimeout } from './timeouts.js';
import { isThenable } from './walk.js';

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
    const steps = stack.take();
    let failures = 0;
    const from = (start: number): number | Promise<number> => {
      for (let index = start; index >= 0; index--) {
        const outcome = this.run(steps[index]!);
        if (typeof outcome !== 'number') {
          return outcome.then((failed) => {
            failures += failed;
            return from(index - 1);
          });
        }
        failures += outcome;
      }
      return failures;
    };
    return from(steps.length - 1);
  }

  /** Runs one step; 1 when it failed or timed out (already logged), else 0. */
  run(step: ShutdownStep): number | Promise<number> {
    try {
      const result = runStep(step);
      if (!isThenable(result)) return 0;
      const ms = this.timeoutMs();
      const bounded = withTimeout(
        result,
        ms,
        () => new PlugboardError('SHUTDOWN_TIMEOUT', `${stepLabel(step)} did not finish within ${ms} ms (shutdownTimeoutMs); moving on.`),
      );
      return Promise.resolve(bounded).then(
        () => 0,
        (error: unknown) => this.failed(step, error),
      );
    } catch (error) {
      return this.failed(step, error);
    }
  }

  private failed(step: ShutdownStep, error: unknown): number {
    const fields = { err: error, ...(step.pluginId ? { plugin: step.pluginId } : {}), ...(step.moduleId ? { module: step.moduleId } : {}) };
    this.logger().error(
      fields,
      isPlugboardError(error, 'SHUTDOWN_TIMEOUT')
        ? error.message
        : `${stepLabel(step)} failed during shutdown: ${describeThrown(error)}; the rest still run`,
    );
    return 1;
  }
}
