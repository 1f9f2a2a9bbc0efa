/**
 * What a start did to every plugin and module: what `app.start()` resolves to, and what a
 * rejected start's `PlugboardError` carries as `result`. (Here, beside the error that carries it.)
 */

/** How far a plugin or module got. */
export type StartupStatus = 'pending' | 'starting' | 'started' | 'failed' | 'skipped' | 'stopped';

/** What `app.start()` resolves to (and a rejected start's error carries as `.result`). */
export interface StartupResult {
  /** `success`: everything started; `partial`: something was left out under `'continue'`; `failure`: start() rejected. */
  readonly outcome: 'success' | 'partial' | 'failure';
  /** Every plugin, in the order they were added, with its modules. */
  readonly plugins: readonly PluginStartupResult[];
}

/** One plugin in a {@link StartupResult}. */
export interface PluginStartupResult {
  readonly pluginId: string;
  /** `started`, `failed`, `skipped` (never began: start was halted), `stopped` after `stop()`. */
  readonly status: StartupStatus;
  /** Why it failed: the error itself (usually a `PlugboardError` whose `cause` is yours). */
  readonly error?: unknown;
  readonly modules: readonly ModuleStartupResult[];
}

/** One module in a {@link StartupResult}. */
export interface ModuleStartupResult {
  readonly moduleId: string;
  readonly status: StartupStatus;
  readonly error?: unknown;
}
