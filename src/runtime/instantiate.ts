import type { Recipe, Dependency } from '../model/types.js';
import { withTimeout } from './timeouts.js';
import { isThenable } from './walk.js';

/**
 * Constructs a recipe's class with its resolved dependencies. Stays synchronous when every
 * dependency is (the common case), so a sync graph costs no promises.
 */
export function construct(recipe: Recipe, resolve: (dep: Dependency) => unknown): object | Promise<object> {
  const deps = recipe.deps;
  const args = new Array<unknown>(deps.length);
  let pending = false;
  for (let index = 0; index < deps.length; index++) {
    const value = resolve(deps[index]!);
    if (isThenable(value)) pending = true;
    args[index] = value;
  }
  if (!pending) return new recipe.cls(...args) as object;
  return Promise.all(args).then((values) => new recipe.cls(...values) as object);
}

/** Calls a lifecycle method if the recipe declares one, bounded by `timeoutMs` when it is async. */
export function callLifecycle(
  instance: object,
  method: string | symbol | undefined,
  timeoutMs: number | undefined,
  onTimeout: () => Error,
): unknown {
  if (method === undefined) return undefined;
  const fn = (instance as Record<string | symbol, unknown>)[method];
  if (typeof fn !== 'function') return undefined;
  return withTimeout(fn.call(instance) as unknown, timeoutMs, onTimeout);
}
