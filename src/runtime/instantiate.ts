import type { Dependency, ModuleNode, Recipe } from '../model/types.js';
import { isThenable } from './walk.js';

/** Resolves constructor dependencies; `module` is the module being constructed, if any. */
export interface DependencyResolver {
  resolveDependency(dep: Dependency, module: ModuleNode | undefined): unknown;
}

/**
 * Constructs a recipe's class with its resolved dependencies. Stays synchronous when every
 * dependency is (the common case), so a sync graph costs no promises.
 */
export function construct(recipe: Recipe, resolver: DependencyResolver, module?: ModuleNode): object | Promise<object> {
  const deps = recipe.deps;
  const args = new Array<unknown>(deps.length);
  let pending = false;
  for (let index = 0; index < deps.length; index++) {
    let value: unknown;
    try {
      value = resolver.resolveDependency(deps[index]!, module);
    } catch (error) {
      // Dependencies already being created may run user code: wait for them, then fail.
      return settleThenThrow(pending ? args.slice(0, index) : [], error);
    }
    if (isThenable(value)) pending = true;
    args[index] = value;
  }
  if (!pending) return new recipe.cls(...args);
  return Promise.all(args).then((values) => new recipe.cls(...values));
}

/** Throws `error`, after every pending value settled (synchronously when none is pending). */
export function settleThenThrow(values: readonly unknown[], error: unknown): never | Promise<never> {
  const pending = values.filter(isThenable);
  if (pending.length === 0) throw error;
  return Promise.allSettled(pending).then(() => {
    throw error;
  });
}

/**
 * Calls a lifecycle method if the recipe declares one and returns what it returned. Callers bound
 * an async result with `withTimeout`, building the timeout's message only on that path (this
 * runs once per feature, nearly always synchronously).
 */
export function callLifecycle(instance: object, method: string | symbol | undefined): unknown {
  if (method === undefined) return undefined;
  const fn = (instance as Record<string | symbol, unknown>)[method];
  if (typeof fn !== 'function') return undefined;
  return fn.call(instance) as unknown;
}
