/**
 * A class whose instances are of type `T`. Parameters are typed `never[]` so that a class with
 * any constructor signature is accepted where only its instance type matters.
 */
export type Class<T = unknown> = abstract new (...args: never[]) => T;

/** A class plugboard itself constructs; the arguments are the resolved dependencies. */
export type Constructor<T = object> = new (...args: unknown[]) => T;

/** A value or a promise of it. */
export type MaybePromise<T> = T | Promise<T>;

/** The name of a class for messages: never empty, and read without running a static `name` getter. */
export function className(cls: unknown): string {
  if (typeof cls !== 'function') return '<anonymous class>';
  try {
    for (let level: unknown = cls, depth = 0; typeof level === 'function' && depth < 64; depth++) {
      const descriptor = Object.getOwnPropertyDescriptor(level, 'name');
      if (descriptor !== undefined)
        return typeof descriptor.value === 'string' && descriptor.value !== '' ? descriptor.value : '<anonymous class>';
      level = Object.getPrototypeOf(level);
    }
  } catch {
    // a Proxy class whose traps throw
  }
  return '<anonymous class>';
}

/**
 * True for promises and promise-likes. Never throws: a `then` getter that throws makes the value
 * a plain value here (plugboard only reads `then` of what user factories return).
 */
export function isThenable<T>(value: T | PromiseLike<T>): value is PromiseLike<T> {
  if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return false;
  try {
    if (value instanceof Promise) return true;
    return typeof (value as { then?: unknown }).then === 'function';
  } catch {
    return false;
  }
}
