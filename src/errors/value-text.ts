/**
 * Says what a value is, for an error message, without ever throwing: no `JSON.stringify` (a
 * BigInt or a cycle throws), no template literal of a symbol (throws), and names read as
 * descriptors, so no getter of the value runs (a Proxy's traps may still throw: guarded). Long
 * strings are cut.
 */
export function whatValueIs(value: unknown): string {
  switch (typeof value) {
    case 'undefined':
      return 'missing (undefined)';
    case 'string':
      return `the string ${quote(value)}`;
    case 'number':
    case 'boolean':
      return `a ${typeof value} (${String(value)})`;
    case 'bigint':
      return `a bigint (${value.toString()}n)`;
    case 'symbol':
      return `a symbol (${guarded(() => value.toString(), 'Symbol()')})`;
    case 'function': {
      const name = guarded(() => ownDataString(value, 'name'), '');
      return name === '' ? 'a function' : `a function (${cut(name)})`;
    }
    default:
      return describeObject(value as object | null);
  }
}

/** A string as a double-quoted literal, cut to a readable length. */
export function quote(text: string): string {
  return JSON.stringify(cut(text));
}

const maxLength = 80;

function cut(text: string): string {
  return text.length > maxLength ? `${text.slice(0, maxLength)}…` : text;
}

function describeObject(value: object | null): string {
  if (value === null) return 'null';
  return guarded(() => {
    if (Array.isArray(value)) return `an array (length ${value.length})`;
    const prototype = Object.getPrototypeOf(value) as object | null;
    if (prototype === null || prototype === Object.prototype) return 'an object';
    const constructor = Object.getOwnPropertyDescriptor(prototype, 'constructor')?.value as unknown;
    const name = typeof constructor === 'function' ? ownDataString(constructor, 'name') : '';
    return name !== '' ? `an instance of ${cut(name)}` : 'an object';
  }, 'an object that cannot be inspected');
}

/** An own data property's string value, '' otherwise: read as a descriptor, so no getter runs. */
function ownDataString(value: object, key: string): string {
  const own: unknown = Object.getOwnPropertyDescriptor(value, key)?.value;
  return typeof own === 'string' ? own : '';
}

function guarded(read: () => string, fallback: string): string {
  try {
    return read();
  } catch {
    return fallback;
  }
}

/** Says what was thrown (an Error's name and message, or the value), without ever throwing. */
export function whatWasThrown(thrown: unknown): string {
  const isError = guarded(() => (thrown instanceof Error ? 'error' : ''), '');
  if (isError === '') return whatValueIs(thrown);
  const error = thrown as Error;
  const name = guarded(() => (typeof error.name === 'string' ? cut(error.name) : 'Error'), 'Error');
  const unreadable = '\u0000';
  const message = guarded(() => {
    const text: unknown = error.message;
    return typeof text === 'string' ? cut(text) : whatValueIs(text);
  }, unreadable);
  return message === unreadable ? `${name} whose message cannot be read` : `${name}: ${message}`;
}

/**
 * The longest delay Node.js timers take (about 24.8 days): a longer one would fire at once. Here,
 * beside the text duration messages give it, for every layer that bounds a duration.
 */
export const LONGEST_TIMER_MS = 2_147_483_647;

/** {@link LONGEST_TIMER_MS} as duration messages say it. */
export const LONGEST_TIMER_TEXT = `${LONGEST_TIMER_MS} (about 24.8 days, the longest Node.js timer)`;
