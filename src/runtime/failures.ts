import { PlugboardError, describeThrown, isPlugboardError, type PlugboardErrorOptions } from '../errors.js';

/** Ids of the feature a failure belongs to. */
export interface FailureIds {
  readonly pluginId?: string;
  readonly moduleId?: string;
  readonly refId?: string;
}

/**
 * Wraps an error thrown while creating or initialising `label`. A timeout or bad config file
 * anywhere below keeps its code, so `start()` rejects with `INIT_TIMEOUT` / `CONFIG_INVALID`.
 */
export function initFailure(label: string, cause: unknown, ids: FailureIds): PlugboardError {
  // Already said about this very thing (a creation wrapped on its way out twice): say it once.
  if (isPlugboardError(cause) && cause.message.startsWith(`${capitalize(label)} failed to start:`)) return cause;
  // A timeout, or a config file that cannot be loaded, keeps its code: it is what the user must fix.
  const inner = rootCode(cause);
  const code = inner === 'INIT_TIMEOUT' || inner === 'CONFIG_INVALID' ? inner : 'INIT_FAILED';
  const options: PlugboardErrorOptions = { ...ids, cause };
  return new PlugboardError(code, `${capitalize(label)} failed to start: ${describeThrown(cause)}`, options);
}

/** `INIT_TIMEOUT` for `label` after `ms`. */
export function initTimeout(label: string, ms: number, ids: FailureIds): PlugboardError {
  return new PlugboardError(
    'INIT_TIMEOUT',
    `${capitalize(label)} did not finish initialising within ${ms} ms (initTimeoutMs). Make the init faster, ` +
      `move slow work to a startup hook or background task, or raise initTimeoutMs.`,
    ids,
  );
}

/** Wraps an error InversifyJS raised, so its message never reaches the user alone. */
export function containerFailure(what: string, cause: unknown, ids: FailureIds): PlugboardError {
  if (isPlugboardError(cause)) return cause;
  return new PlugboardError(
    'CONTAINER_ERROR',
    `The container could not resolve ${what}${ids.pluginId ? ` for plugin '${ids.pluginId}'` : ''}. This is a bug in ` +
      `plugboard's validation: please report it with this message. (InversifyJS said: ${describeThrown(cause)})`,
    { ...ids, cause },
  );
}

function rootCode(error: unknown): string | undefined {
  let current: unknown = error;
  let code: string | undefined;
  for (let depth = 0; depth < 20 && isPlugboardError(current); depth++) {
    code = current.code;
    if (code === 'INIT_TIMEOUT' || code === 'CONFIG_INVALID') return code;
    current = current.cause;
  }
  return code;
}

export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
