import { errorJson } from './error-json.js';
import type { StartupResult } from './startup-result.js';

/**
 * Every error plugboard raises is a {@link PlugboardError} with a stable {@link PlugboardErrorCode}.
 * Codes are part of the public contract: match on `error.code` and the id fields, never on the
 * message. Messages are built from data in one place per code (src/errors/messages/).
 *
 * @packageDocumentation
 */

/** The stable codes of {@link PlugboardError}. Each is documented in docs/errors.md. */
export type PlugboardErrorCode =
  // decoration and tokens
  | 'INVALID_DECORATOR'
  | 'INVALID_TOKEN'
  // add() and feature loading
  | 'INVALID_OPTIONS'
  | 'INVALID_FEATURE'
  | 'FEATURE_LOAD_FAILED'
  // wiring validation (the top-level error, then the codes of its problems)
  | 'INVALID_WIRING'
  | 'DUPLICATE_PLUGIN'
  | 'DUPLICATE_MODULE'
  | 'MODULE_WITHOUT_PLUGIN'
  | 'DUPLICATE_EXTENSION_POINT'
  | 'EXTENSION_POINT_NOT_PROVIDED'
  | 'EXTENSION_POINT_OF_OTHER_PLUGIN'
  | 'EXTENSION_POINT_IN_SERVICE'
  | 'IMPLEMENTATION_INJECTED'
  | 'DUPLICATE_REF_ID'
  | 'RESERVED_ID'
  | 'SERVICE_NOT_FOUND'
  | 'DUPLICATE_SERVICE'
  | 'SCOPE_VIOLATION'
  | 'DEPENDENCY_CYCLE'
  | 'MISSING_INJECTION_TOKEN'
  | 'PLUGIN_DEPENDENCY_MISSING'
  | 'DEFAULT_FACTORY_FAILED'
  // running
  | 'INIT_FAILED'
  | 'INIT_TIMEOUT'
  | 'EXTENSION_POINT_CLOSED'
  | 'EXTENSION_POINT_FIELD'
  | 'MODULE_FAILURE_TOO_LATE'
  | 'START_ABORTED'
  | 'INVALID_STATE'
  | 'SHUTDOWN_TIMEOUT'
  | 'LIFECYCLE_HOOK_TOO_LATE'
  | 'CONTAINER_ERROR'
  // config
  | 'CONFIG_MISSING'
  | 'CONFIG_TYPE'
  | 'CONFIG_INVALID';

/**
 * One problem found while validating the wiring. `code` is stable; the optional ids name the
 * features and refs involved so a tool can point at them.
 */
export interface WiringProblem {
  /** What kind of problem: one of the wiring codes (`DUPLICATE_PLUGIN`, `SERVICE_NOT_FOUND`, …). */
  readonly code: PlugboardErrorCode;
  /** The problem in words, with the ids involved and how to fix it. */
  readonly message: string;
  /** The plugin involved (the module's plugin for a module problem). */
  readonly pluginId?: string;
  /** The module involved, within `pluginId`. */
  readonly moduleId?: string;
  /** The service ref involved. */
  readonly refId?: string;
  /** The extension point involved. */
  readonly extensionPointId?: string;
  /** For `DEPENDENCY_CYCLE`: the nodes of the cycle, first node repeated at the end. */
  readonly path?: readonly string[];
  /** Other ids involved (for example the dependants of a missing service). */
  readonly related?: readonly string[];
}

/** Options of {@link PlugboardError}. */
export interface PlugboardErrorOptions {
  /** The error that caused this one (a user's error, or one from InversifyJS). */
  readonly cause?: unknown;
  /** For `INVALID_WIRING`: every problem found. */
  readonly problems?: readonly WiringProblem[];
  /** The plugin the error is about. */
  readonly pluginId?: string;
  /** The module the error is about, within `pluginId`. */
  readonly moduleId?: string;
  /** The service ref the error is about. */
  readonly refId?: string;
  /** The extension point the error is about. */
  readonly extensionPointId?: string;
  /** For config errors: the dotted key. */
  readonly key?: string;
  /** For config errors: the file the value came from, when known. */
  readonly file?: string;
  /** For a failed `start()`: what happened to every plugin and module. */
  readonly result?: StartupResult;
  /** The data the message was built from (ids, paths, limits), for tools. */
  readonly data?: Readonly<Record<string, unknown>>;
}

/** The one error type plugboard raises. Match on {@link PlugboardError.code}. */
export class PlugboardError extends Error {
  /** Always `'PlugboardError'` (what stack traces show). */
  override readonly name = 'PlugboardError';
  /** Stable machine-readable code; see docs/errors.md. */
  readonly code: PlugboardErrorCode;
  /** For `INVALID_WIRING`: every problem found, each with its own code. Empty otherwise. */
  readonly problems: readonly WiringProblem[];
  /** The plugin the error is about, when there is one (also in the message). */
  readonly pluginId?: string;
  /** The module the error is about, within `pluginId`. */
  readonly moduleId?: string;
  /** The service ref the error is about. */
  readonly refId?: string;
  /** The extension point the error is about. */
  readonly extensionPointId?: string;
  /** For `CONFIG_MISSING` / `CONFIG_TYPE`: the dotted config key read. */
  readonly key?: string;
  /** For config errors: the file the value came from, when it came from a file. */
  readonly file?: string;
  /**
   * For a rejected `start()`: the {@link StartupResult} (outcome `'failure'`), what happened to
   * every plugin and module. Undefined otherwise.
   */
  readonly result?: StartupResult;
  /** The data the message was built from: ids, paths, limits. Empty for errors built by hand. */
  readonly data: Readonly<Record<string, unknown>>;

  constructor(code: PlugboardErrorCode, message: string, options: PlugboardErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.problems = options.problems ?? [];
    if (options.pluginId !== undefined) this.pluginId = options.pluginId;
    if (options.moduleId !== undefined) this.moduleId = options.moduleId;
    if (options.refId !== undefined) this.refId = options.refId;
    if (options.extensionPointId !== undefined) this.extensionPointId = options.extensionPointId;
    if (options.key !== undefined) this.key = options.key;
    if (options.file !== undefined) this.file = options.file;
    if (options.result !== undefined) this.result = options.result;
    this.data = options.data ?? EMPTY;
  }

  /**
   * Plain data for `JSON.stringify` and structured loggers: code, message, ids, problems and
   * the startup result, with nested errors summarised (a failed start's result holds this error).
   */
  toJSON(): Record<string, unknown> {
    return errorJson(this);
  }
}

const EMPTY: Readonly<Record<string, unknown>> = Object.freeze({});

/** True when `value` is a {@link PlugboardError}, optionally with the given code. Never throws. */
export function isPlugboardError(value: unknown, code?: PlugboardErrorCode): value is PlugboardError {
  try {
    return value instanceof PlugboardError && (code === undefined || value.code === code);
  } catch {
    // A thrown Proxy can make instanceof throw (its getPrototypeOf trap): it is not ours.
    return false;
  }
}
