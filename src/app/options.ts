import type { Logger, LoggerOptions } from 'pino';

/** What to do when a plugin fails to start. */
export type BootFailurePolicy = 'abort' | 'continue';

/** Options of `new ContainerBuilder(options)`. */
export interface ContainerBuilderOptions {
  /** A pino logger to use as the root logger, or pino options to create one. */
  readonly logger?: Logger<string> | LoggerOptions;
  /** The root config data (a plain object); config files are merged over it. */
  readonly config?: Record<string, unknown>;
  /** Config files (YAML or JSON) merged over `config`, later files winning. Defaults to `PLUGBOARD_CONFIG` (comma-separated). */
  readonly configFiles?: readonly string[];
  /**
   * `'abort'` (default): a plugin that fails to start fails `start()`, after everything that
   * started is shut down. `'continue'`: the failing plugin is stopped and left out; the others run.
   */
  readonly onPluginBootFailure?: BootFailurePolicy;
  /** Upper bound for each init, factory and startup hook, in ms. Default 60 000. */
  readonly initTimeoutMs?: number;
  /** Upper bound for each shutdown hook and `@onShutdown`, in ms. Default 10 000. */
  readonly shutdownTimeoutMs?: number;
}

export const DEFAULT_INIT_TIMEOUT_MS = 60_000;
export const DEFAULT_SHUTDOWN_TIMEOUT_MS = 10_000;
