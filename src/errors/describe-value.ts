import { types } from 'node:util';

/**
 * Descriptions of values users hand to plugboard (ids, options, thrown values) for messages.
 * They never throw: a thrown Proxy, an Error whose `message` getter throws, a BigInt or a cyclic
 * object must still give a message, never a second error.
 */

/** `Error: message` for an error, the value as text otherwise. */
export function describeThrown(value: unknown): string {
  try {
    if (types.isProxy(value)) return 'a Proxy object (thrown)';
    if (types.isNativeError(value) || looksLikeError(value)) {
      const error = value as { name?: unknown; message?: unknown };
      const name = readString(() => error.name) ?? 'Error';
      const message = readString(() => error.message);
      return message === undefined ? `${name} (its message could not be read)` : `${name}: ${message}`;
    }
    return describeValue(value);
  } catch {
    return 'a value that cannot be described';
  }
}

/**
 * A short, safe rendering of any value: strings quoted, numbers and BigInts as written, objects
 * by kind (`an object`, `an array`, `class Foo`). Never reads user getters.
 */
export function describeValue(value: unknown): string {
  try {
    switch (typeof value) {
      case 'string':
        return JSON.stringify(value.length > 80 ? `${value.slice(0, 77)}...` : value);
      case 'number':
      case 'boolean':
        return String(value);
      case 'bigint':
        return `${value}n`;
      case 'undefined':
        return 'undefined';
      case 'symbol':
        return value.toString();
      case 'function': {
        const name = ownName(value);
        return /^class\b/.test(Function.prototype.toString.call(value))
          ? `class ${name ?? '<anonymous>'}`
          : `function ${name ?? '<anonymous>'}`;
      }
      default:
        if (value === null) return 'null';
        if (types.isProxy(value)) return 'a Proxy object';
        if (Array.isArray(value)) return 'an array';
        return 'an object';
    }
  } catch {
    return 'a value that cannot be described';
  }
}

function looksLikeError(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  // Own or inherited `message` and `name`, read as descriptors so no getter runs here.
  return hasProperty(value, 'message') && hasProperty(value, 'name');
}

function hasProperty(value: object, name: string): boolean {
  for (let level: object | null = value, depth = 0; level !== null && depth < 64; depth++) {
    if (Object.prototype.hasOwnProperty.call(level, name)) return true;
    level = Object.getPrototypeOf(level) as object | null;
  }
  return false;
}

function readString(read: () => unknown): string | undefined {
  try {
    const value = read();
    if (typeof value === 'string') return value;
    if (value === undefined) return undefined;
    return describeValue(value);
  } catch {
    return undefined;
  }
}

function ownName(fn: object): string | undefined {
  const descriptor = Object.getOwnPropertyDescriptor(fn, 'name');
  return descriptor !== undefined && typeof descriptor.value === 'string' && descriptor.value !== '' ? descriptor.value : undefined;
}

/**
 * Formats the stack of an error and its causes now. Until its `stack` is read, V8 keeps the
 * receivers of the frames alive (a failing plugin instance, everything it holds); an error kept in
 * a start result must not keep what failed alive. Never throws.
 */
export function settleStack(error: unknown): void {
  let current: unknown = error;
  for (let depth = 0; depth < 8 && types.isNativeError(current); depth++) {
    try {
      void current.stack;
      current = current.cause;
    } catch {
      return;
    }
  }
}
