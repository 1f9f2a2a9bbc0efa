import { describeThrown, isPlugboardError } from '../errors/index.js';
import { logFailure } from '../runtime/log-failure.js';
import { App } from './app.js';
import type { ContainerBuilder } from './container-builder.js';

/**
 * Runs a host's app: starts it with SIGTERM/SIGINT handled (stop, then exit 0, or 1 if a
 * shutdown step failed), and when start fails, logs the error (naming the plugin, module or step
 * that failed or hung) and exits the process with 1 — never a half-started process left running.
 * Resolves with the started app.
 *
 * @example
 * ```ts
 * // main.ts
 * await runApp(new ContainerBuilder().add(CatalogPlugin));
 * ```
 */
export async function runApp(target: ContainerBuilder | App): Promise<App> {
  const app = target instanceof App ? target : target.build();
  try {
    await app.start({ handleSignals: true });
    return app;
  } catch (error) {
    // Stopped by a signal while starting: the signal handler finishes stopping and exits.
    if (isPlugboardError(error, 'START_ABORTED')) return app;
    const where = isPlugboardError(error)
      ? { ...(error.pluginId ? { plugin: error.pluginId } : {}), ...(error.moduleId ? { module: error.moduleId } : {}) }
      : {};
    logFailure(app.log, 'fatal', where, error, `the app failed to start and will exit: ${describeThrown(error)}`);
    await app.stop().catch(() => undefined);
    app.log.flush?.();
    process.exit(1);
  }
}
