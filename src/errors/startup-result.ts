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
  /** The plugin's id. */
  readonly pluginId: string;
  /** `started`, `failed`, `skipped` (never began: start was halted), `stopped` after `stop()`. */
  readonly status: StartupStatus;
  /** Why it failed: the error itself (usually a `PlugboardError` whose `cause` is yours). */
  readonly error?: unknown;
  /** Its modules, in the order they were added. */
  readonly modules: readonly ModuleStartupResult[];
}

/** One module in a {@link StartupResult}. */
export interface ModuleStartupResult {
  /** The module's id (unique within its plugin). */
  readonly moduleId: string;
  /** As for plugins; a module left out under `'continue'` is `failed` while its plugin is `started`. */
  readonly status: StartupStatus;
  /** Why it failed: what its `@onInit` threw, or what its point's factory reported. */
  readonly error?: unknown;
}
