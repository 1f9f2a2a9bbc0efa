import { isThenable } from './walk.js';

/**
 * Resolves like `work`, or rejects with `onTimeout()` once `ms` have passed. Sync values pass
 * straight through: no timer, no promise (most inits are sync, and a timer each is measurable).
 *
 * The timer is never `unref()`ed: a pending timeout is pending work. If the only thing left is a
 * promise nothing will settle, the process must stay up until the timeout fires and start() or
 * stop() can report it, never exit silently in between.
 */
export function withTimeout<T>(work: T | PromiseLike<T>, ms: number | undefined, onTimeout: () => Error): T | Promise<T> {
  if (!isThenable(work)) return work;
  if (ms === undefined || ms === Infinity) return Promise.resolve(work);
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(onTimeout()), ms);
    Promise.resolve(work).then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
