import { isPlugboardError, messageOf, PlugboardError, plugboardError, type PlugboardErrorCode, type Subject } from '../errors/index.js';

/** Codes that say what the user must fix, kept when a failure is wrapped on its way out of start(). */
const KEPT_CODES: ReadonlySet<PlugboardErrorCode> = new Set(['INIT_TIMEOUT', 'CONFIG_INVALID', 'CONFIG_MISSING', 'CONFIG_TYPE']);

/**
 * Wraps an error thrown while creating or initialising `subject` into `INIT_FAILED` naming it.
 * A timeout or a config error anywhere below keeps its code (and its key and file), so start()
 * rejects with `INIT_TIMEOUT` / `CONFIG_MISSING` / … : what the user must fix. An error already
 * about this very subject is returned as it is.
 */
export function initFailure(subject: Subject, cause: unknown): PlugboardError {
  // Already about this very subject, or a halt (stop() was called): passed on as it is.
  if (isPlugboardError(cause) && (sameSubject(cause.data, subject) || cause.code === 'START_ABORTED')) return cause;
  const inner = innermost(cause);
  const code = inner !== undefined && KEPT_CODES.has(inner.code) ? inner.code : 'INIT_FAILED';
  const data = { ...subject, cause };
  return new PlugboardError(code, messageOf('INIT_FAILED', data), {
    ...ids(subject),
    ...(inner?.key === undefined ? {} : { key: inner.key }),
    ...(inner?.file === undefined ? {} : { file: inner.file }),
    cause,
    data: Object.freeze({ ...subject }),
  });
}

/** The innermost PlugboardError of a chain of causes (bounded: causes can be cyclic). */
function innermost(error: unknown): PlugboardError | undefined {
  let found: PlugboardError | undefined;
  let current: unknown = error;
  for (let depth = 0; depth < 32 && isPlugboardError(current); depth++) {
    found = current;
    if (KEPT_CODES.has(current.code)) return current;
    current = current.cause;
  }
  return found;
}

function sameSubject(data: Readonly<Record<string, unknown>>, subject: Subject): boolean {
  const keys = ['pluginId', 'moduleId', 'refId', 'className', 'step', 'loader'] as const;
  return keys.every((key) => data[key] === subject[key]) && keys.some((key) => subject[key] !== undefined);
}

function ids(subject: Subject): { pluginId?: string; moduleId?: string; refId?: string } {
  const result: { pluginId?: string; moduleId?: string; refId?: string } = {};
  if (subject.pluginId !== undefined) result.pluginId = subject.pluginId;
  if (subject.moduleId !== undefined) result.moduleId = subject.moduleId;
  if (subject.refId !== undefined) result.refId = subject.refId;
  return result;
}

/** Wraps an error InversifyJS raised, so its message never reaches the user alone. */
export function containerFailure(what: string, cause: unknown, pluginId: string | undefined): PlugboardError {
  if (isPlugboardError(cause)) return cause;
  return plugboardError('CONTAINER_ERROR', { what, ...(pluginId === undefined ? {} : { pluginId }), cause }, { cause });
}

/** Runs an InversifyJS call; what it throws becomes `CONTAINER_ERROR` naming `what`. */
export function inContainer<T>(what: string, pluginId: string | undefined, call: () => T): T {
  try {
    return call();
  } catch (error) {
    throw containerFailure(what, error, pluginId);
  }
}
