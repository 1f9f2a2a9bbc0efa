import { catalogue, type MessageData } from './catalogue.js';
import type { MessageSpec } from './define.js';
import { describeThrown } from './describe-value.js';
import { PlugboardError, type PlugboardErrorCode, type WiringProblem } from './plugboard-error.js';
import type { StartupResult } from './startup-result.js';

/** What an error carries besides its data. */
export interface RaiseExtras {
  readonly cause?: unknown;
  readonly problems?: readonly WiringProblem[];
  readonly result?: StartupResult;
}

/** The message of `code` for `data`. A builder that throws still gives a message (it must not, but data comes from users). */
export function messageOf<C extends PlugboardErrorCode>(code: C, data: MessageData<C>): string {
  const builder = catalogue[code] as unknown as MessageSpec<MessageData<C>>;
  try {
    return builder.message(data);
  } catch (error) {
    return `${code} (the message could not be built: ${describeThrown(error)})`;
  }
}

/** A {@link PlugboardError} of `code`, its message built from `data`, its id fields taken from `data`. */
export function plugboardError<C extends PlugboardErrorCode>(code: C, data: MessageData<C>, extras: RaiseExtras = {}): PlugboardError {
  const record = data as Record<string, unknown>;
  return new PlugboardError(code, messageOf(code, data), {
    ...idsOf(record),
    ...(extras.cause === undefined ? {} : { cause: extras.cause }),
    ...(extras.problems === undefined ? {} : { problems: extras.problems }),
    ...(extras.result === undefined ? {} : { result: extras.result }),
    data: dataOf(record),
  });
}

/** A wiring problem of `code`: its message built from `data`, ids, `path` and `related` taken from it. */
export function wiringProblem<C extends PlugboardErrorCode>(code: C, data: MessageData<C>): WiringProblem {
  const record = data as Record<string, unknown>;
  const problem: { -readonly [K in keyof WiringProblem]: WiringProblem[K] } = { code, message: messageOf(code, data), ...idsOf(record) };
  if (isStringArray(record['path'])) problem.path = Object.freeze([...record['path']]);
  if (isStringArray(record['related'])) problem.related = Object.freeze([...record['related']]);
  // Shared by validate(), describe() and INVALID_WIRING: nobody's scribbling changes another's copy.
  return Object.freeze(problem);
}

const ID_FIELDS = ['pluginId', 'moduleId', 'refId', 'extensionPointId', 'key', 'file'] as const;

function idsOf(data: Record<string, unknown>): Partial<Record<(typeof ID_FIELDS)[number], string>> {
  const ids: Partial<Record<(typeof ID_FIELDS)[number], string>> = {};
  for (const field of ID_FIELDS) {
    const value = data[field];
    if (typeof value === 'string') ids[field] = value;
  }
  return ids;
}

/** The data as the error keeps it: frozen, without the cause (that is `error.cause`). */
function dataOf(data: Record<string, unknown>): Readonly<Record<string, unknown>> {
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(data)) if (key !== 'cause') copy[key] = data[key];
  return Object.freeze(copy);
}

function isStringArray(value: unknown): value is readonly string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}
