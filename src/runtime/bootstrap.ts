import type { Logger } from 'pino';
import type { WiringGraph } from '../model/types.js';
import { RootScope, type ScopeSettings } from './root-scope.js';
import type { RootContextData, ShutdownReport } from './runtime.js';
import { ShutdownRunner } from './shutdown/runner.js';
import { hookStep } from './shutdown/stack.js';

/**
 * A root scope of its own for feature loaders: it creates the root services they need before
 * the wiring is known. The app's runtime takes it over (`inherit`), or {@link shutDownRoot} ends it.
 */
export function bootstrapRoot(
  graph: WiringGraph,
  timeouts: { readonly initTimeoutMs: number; readonly shutdownTimeoutMs: number },
  context: RootContextData,
): RootScope {
  const settings: ScopeSettings = { initTimeoutMs: () => timeouts.initTimeoutMs, halted: () => false };
  const runner = new ShutdownRunner(
    () => timeouts.shutdownTimeoutMs,
    () => context.baseLogger,
  );
  return new RootScope(graph.services, settings, context, (step) => void Promise.resolve(runner.run(step)));
}

/** Shuts down a root scope that no runtime took over (a bootstrap scope when only validating). */
export async function shutDownRoot(root: RootScope, shutdownTimeoutMs: number, logger: Logger): Promise<ShutdownReport> {
  const runner = new ShutdownRunner(
    () => shutdownTimeoutMs,
    () => logger,
  );
  let failures = 0;
  for (const hook of root.hooks.takeBeforeShutdownHooks())
    failures += await runner.run(hookStep(hook.fn, hook.owner, 'before-shutdown hook'));
  failures += await runner.unwind(root.stack);
  root.release();
  return { failures };
}
