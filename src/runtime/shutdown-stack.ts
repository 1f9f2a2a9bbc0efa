/**
 * One thing to undo at stop: an `@onShutdown` method or a shutdown hook. Kept small and free of
 * strings (there is one per feature): its label is only built when something goes wrong.
 */
export interface ShutdownStep {
  /** A hook function, or an instance's `@onShutdown` method (called on `target`). */
  readonly hook?: () => unknown;
  readonly target?: object;
  /** For an `@onShutdown` method: its name (for messages) and the function, looked up when pushed. */
  readonly method?: string | symbol;
  readonly fn?: () => unknown;
  readonly pluginId?: string;
  readonly moduleId?: string;
  /** Who owns it when not a plugin or module: `service 'db'`, `class Cache`. */
  readonly subject?: string;
  /** For hooks: which kind, as named in logs. */
  readonly hookKind?: string;
}

/** Names a step in logs: `module 'github' of plugin 'catalog' (@onShutdown close)`. */
export function stepLabel(step: ShutdownStep): string {
  const owner =
    step.subject ??
    (step.moduleId !== undefined
      ? `module '${step.moduleId}' of plugin '${step.pluginId}'`
      : step.pluginId !== undefined
        ? `plugin '${step.pluginId}'`
        : 'the app (root)');
  return step.method === undefined ? `${owner} (${step.hookKind ?? 'shutdown hook'})` : `${owner} (@onShutdown ${String(step.method)})`;
}

/** Runs a step: its hook, or its target's method. */
export function runStep(step: ShutdownStep): unknown {
  if (step.hook !== undefined) return step.hook();
  return step.fn!.call(step.target);
}

/**
 * The step for an instance's `@onShutdown` method, or undefined when it has none. The method is
 * looked up now: at stop, a call costs no property lookup on thousands of distinct classes.
 */
export function methodStep(
  target: object,
  method: string | symbol | undefined,
  pluginId: string | undefined,
  moduleId?: string,
  subject?: string,
): ShutdownStep | undefined {
  if (method === undefined) return undefined;
  const fn = (target as Record<string | symbol, unknown>)[method];
  if (typeof fn !== 'function') return undefined;
  // One object of one shape per step (no spread of an owner object): there is one per feature.
  return { target, method, fn: fn as () => unknown, pluginId, moduleId, subject };
}

/**
 * What one scope (a plugin, or the root) must undo, in the order it was set up. Stop walks it
 * backwards, so the last thing initialised is the first thing shut down.
 */
export class ShutdownStack {
  private steps: ShutdownStep[] = [];
  /** Set once stop has taken the steps: later registrations are refused. */
  sealed = false;

  push(step: ShutdownStep): void {
    this.steps.push(step);
  }

  /** Seals the stack and hands over its steps, oldest first. */
  take(): ShutdownStep[] {
    this.sealed = true;
    const steps = this.steps;
    this.steps = [];
    return steps;
  }
}
