/**
 * A class whose instances are of type `T`. Parameters are typed `never[]` so that a class with
 * any constructor signature is accepted where only its instance type matters.
 */
export type Class<T = unknown> = abstract new (...args: never[]) => T;

/** A class plugboard itself constructs; the arguments are the resolved dependencies. */
export type Constructor<T = object> = new (...args: unknown[]) => T;

/** A value or a promise of it. */
export type MaybePromise<T> = T | Promise<T>;

/** The name of a class for messages: never empty. */
export function className(cls: unknown): string {
  if (typeof cls === 'function' && cls.name) return cls.name;
  return '<anonymous class>';
}

/** True for promises and promise-likes. */
export function isThenable<T>(value: T | PromiseLike<T>): value is PromiseLike<T> {
  return (
    value !== null && (typeof value === 'object' || typeof value === 'function') && typeof (value as { then?: unknown }).then === 'function'
  );
}
