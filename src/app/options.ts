import type { Logger, LoggerOptions } from 'pino';

import type { BootFailurePolicy } from '../runtime/runtime.js';
import { LONGEST_TIMER_MS } from '../errors/index.js';

export type { BootFailurePolicy } from '../runtime/runtime.js';

/** A module's boot-failure policy, or a function that picks one per module. */
export type ModuleBootFailurePolicy = BootFailurePolicy | ((pluginId: string, moduleId: string) => BootFailurePolicy);

/** Options of `new ContainerBuilder(options)`. */
export interface ContainerBuilderOptions {
  /**
   * A pino logger to use as the root logger, or pino options to create one. A logger typed
   * `Logger<string>` is accepted too (it is the same object; pino's types just keep them apart).
   */
  readonly logger?: Logger | Logger<string> | LoggerOptions;
  /** The root config data (a plain object); config files are merged over it. */
  readonly config?: Record<string, unknown>;
  /** Config files (YAML or JSON) merged over `config`, later files winning. Defaults to `PLUGBOARD_CONFIG` (comma-separated). */
  readonly configFiles?: readonly string[];
  /**
   * `'abort'` (default): a plugin that fails to start fails `start()`, after everything that
   * started is shut down. `'continue'`: the failing plugin is stopped and left out; the others run.
   */
  readonly onPluginBootFailure?: BootFailurePolicy;
  /**
   * `'abort'` (default): a module that fails to start fails its plugin (before the plugin's
   * init). `'continue'`: the module is left out (nothing of it stays) and its plugin starts
   * without it. A function picks per module. Config settings, when present, win (see docs/lifecycle.md).
   */
  readonly onModuleBootFailure?: ModuleBootFailurePolicy;
  /**
   * Upper bound for each init, factory, startup hook, feature load and defaultFactory, in ms:
   * at most 2 147 483 647 (Node's longest timer), or `Infinity` for none. Default 60 000.
   */
  readonly initTimeoutMs?: number;
  /** Upper bound for each shutdown hook and `@onShutdown`, in ms (as for `initTimeoutMs`). Default 10 000. */
  readonly shutdownTimeoutMs?: number;
  /** A plugin still initialising after this long is named in a warning, repeated at this interval; `Infinity`: never. Default 5 000. */
  readonly slowInitWarningMs?: number;
}

/** True for a usable duration (a positive number of ms up to the longest Node.js timer), or `Infinity` for none. */
export function isDuration(value: unknown): value is number {
  return typeof value === 'number' && value > 0 && (value <= LONGEST_TIMER_MS || value === Infinity);
}

export const DEFAULT_INIT_TIMEOUT_MS = 60_000;
export const DEFAULT_SHUTDOWN_TIMEOUT_MS = 10_000;
export const DEFAULT_SLOW_INIT_WARNING_MS = 5_000;

/** Options of `app.start()`. */
export interface StartOptions {
  /**
   * Install SIGTERM and SIGINT handlers that stop the app once and exit the process with 0 (or 1
   * if a shutdown step failed); with several apps, the process exits once all of them stopped.
   * `stop()` removes them. Default false.
   */
  readonly handleSignals?: boolean;
}
