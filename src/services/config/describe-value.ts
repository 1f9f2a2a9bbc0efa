import { describeThrown, PlugboardError } from '../../errors/index.js';

/** {@link describeThrown}, but never throwing (a thrown Proxy, a `message` getter that throws). */
export function describeError(value: unknown): string {
  try {
    return describeThrown(value);
  } catch {
    return 'a value that cannot be described';
  }
}

/** What kind of value it is, in words: `a string`, `a number`, `an object`, `a list`, `null`... */
export function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'object':
      return 'an object';
    case 'undefined':
      return 'undefined';
    default:
      return `a ${typeof value}`;
  }
}

/** A short preview of a config value (strings, numbers, booleans, lists, objects) for messages. */
export function previewValue(value: unknown): string {
  if (typeof value === 'object' && value !== null) return Array.isArray(value) ? '[...]' : '{...}';
  const text = typeof value === 'string' ? JSON.stringify(value) : String(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

/** Any value a caller passed (a key, a path), shown without ever throwing (BigInt, Symbol, Proxy). */
export function showArgument(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
    case 'bigint':
      return `${value}n`;
    case 'symbol':
      return 'a symbol';
    case 'function':
      return 'a function';
    case 'object':
      return value === null ? 'null' : isList(value) ? 'a list' : 'an object';
    default:
      return String(value);
  }
}

/** Array.isArray, false for a revoked Proxy (where Array.isArray throws). */
function isList(value: object): boolean {
  try {
    return Array.isArray(value);
  } catch {
    return false;
  }
}

/** `value instanceof PlugboardError`, false (never a throw) for a Proxy whose traps throw. */
export function isPlugboardError(value: unknown): value is PlugboardError {
  try {
    return value instanceof PlugboardError;
  } catch {
    return false;
  }
}
