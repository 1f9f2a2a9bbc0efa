import { isPlugboardError, plugboardError, type Subject } from '../errors/index.js';
import type { Recipe } from '../model/types.js';
import { initFailure } from './failures.js';
import { methodStep, type ShutdownStack } from './shutdown/stack.js';
import { withTimeout } from './timeouts.js';
import { isThenable } from './walk.js';

/**
 * A value plugboard made (or a user function returned), boxed: internal code that may be async
 * returns `Box | Promise<Box>`, so a user's value is never mistaken for plugboard's own promise
 * (a constructor may return a thenable; it is the instance all the same).
 */
export interface Box<T = unknown> {
  readonly value: T;
}

/** A box, or a promise of one. */
export type Boxed<T = unknown> = Box<T> | Promise<Box<T>>;

export function box<T>(value: T): Box<T> {
  return { value };
}

/**
 * Calls a user function (a factory, a decorator, a root context) and bounds what it returns: a
 * plain value is boxed as it is; a thenable is awaited, rejecting with `INIT_TIMEOUT` naming
 * `subject` after `timeoutMs`. Errors are wrapped to name `subject`.
 */
export function bounded(subject: Subject, timeoutMs: number | undefined, call: () => unknown): Boxed {
  let result: unknown;
  try {
    result = call();
  } catch (error) {
    throw initFailure(subject, error);
  }
  if (!isThenable(result)) return box(result);
  return Promise.resolve(withTimeout(result, timeoutMs, () => plugboardError('INIT_TIMEOUT', { ...subject, ms: timeoutMs! }))).then(
    box,
    (error: unknown) => {
      throw initFailure(subject, error);
    },
  );
}

/** `new cls(...args)`. What a constructor returns is the instance, even a thenable: it is never awaited. */
export function construct(recipe: Recipe, args: readonly unknown[], subject: Subject): object {
  try {
    return new recipe.cls(...args);
  } catch (error) {
    throw initFailure(subject, error);
  }
}

/**
 * Calls the instance's `@onInit` (bounded), then records its `@onShutdown` on `stack`. An init
 * that times out but finishes later still gets its shutdown step (run at once if the stack was
 * taken meanwhile): nothing that started is forgotten.
 */
export function initialize<T extends object>(
  instance: T,
  recipe: Recipe,
  subject: Subject,
  timeoutMs: number | undefined,
  stack: ShutdownStack,
): Boxed<T> {
  const result = callLifecycle(instance, recipe.onInit, subject);
  if (!isThenable(result)) return registered(instance, recipe, subject, stack);
  const register = (): Box<T> => registered(instance, recipe, subject, stack);
  const work = Promise.resolve(result);
  return Promise.resolve(withTimeout(work, timeoutMs, () => plugboardError('INIT_TIMEOUT', { ...subject, ms: timeoutMs! }))).then(
    register,
    (error: unknown) => {
      if (isPlugboardError(error, 'INIT_TIMEOUT')) work.then(register, () => undefined);
      throw initFailure(subject, error);
    },
  );
}

/** Records the instance's `@onShutdown` on `stack` once its `@onInit` has finished. */
function registered<T extends object>(instance: T, recipe: Recipe, subject: Subject, stack: ShutdownStack): Box<T> {
  const step = methodStep(instance, recipe.onShutdown, subject);
  if (step !== undefined) stack.push(step);
  return box(instance);
}

/** Calls a lifecycle method if the instance has it; what it returned (errors name `subject`). */
export function callLifecycle(instance: object, method: string | symbol | undefined, subject: Subject): unknown {
  if (method === undefined) return undefined;
  let fn: unknown;
  try {
    fn = (instance as Record<string | symbol, unknown>)[method];
    return typeof fn === 'function' ? (fn as () => unknown).call(instance) : undefined;
  } catch (error) {
    throw initFailure(subject, error);
  }
}

/** The boxed values, or once every one has settled (none left running), all of them; the first failure is thrown. */
export function allSettled(values: readonly Boxed[]): Boxed<unknown[]> {
  if (!values.some((value) => value instanceof Promise)) return box(values.map((value) => (value as Box).value));
  return Promise.allSettled(values.map((value) => Promise.resolve(value))).then((results) => {
    for (const result of results) if (result.status === 'rejected') throw result.reason;
    return box(results.map((result) => (result as PromiseFulfilledResult<Box>).value.value));
  });
}

/** `next(value)` now, or once the promise resolves. (Not named `then`: a module exporting `then` is a thenable to `import()`.) */
export function andThen<T, R>(value: Boxed<T>, next: (resolved: T) => Boxed<R>): Boxed<R> {
  return value instanceof Promise ? value.then((boxed) => next(boxed.value)) : next(value.value);
}
