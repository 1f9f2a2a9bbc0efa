/** One thing to undo at stop: an `@onShutdown` method or a shutdown hook. */
export interface ShutdownStep {
  /** Names it in logs: `module 'github-actions' of plugin 'scaffolder' (@onShutdown)`. */
  readonly label: string;
  readonly pluginId?: string;
  readonly moduleId?: string;
  readonly run: () => unknown;
}

/**
 * What one scope (a plugin, or the root) must undo, in the order it was set up. Stop walks it
 * backwards, so the last thing initialised is the first thing shut down.
 */
export class ShutdownStack {
  readonly steps: ShutdownStep[] = [];
  /** Set once stop has taken the steps: later registrations are refused. */
  sealed = false;

  push(step: ShutdownStep): void {
    this.steps.push(step);
  }
}
