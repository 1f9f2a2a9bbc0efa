import type { DependantViewContext } from '../tokens/dependant-views.js';
import type { HookOwner, HookRegistry, LifecycleHook } from '../runtime/hooks.js';

export type { LifecycleHook } from '../runtime/hooks.js';

/**
 * Startup and shutdown hooks of one plugin (`coreServices.lifecycle`). Startup hooks run once
 * every plugin is up; shutdown hooks run at `stop()`, before the features that registered
 * earlier (reverse order of registration).
 */
export interface LifecycleService {
  /** Runs `hook` after every plugin has initialised, before `start()` resolves. */
  addStartupHook(hook: LifecycleHook): void;
  /** Runs `hook` at `stop()`, bounded by `shutdownTimeoutMs`. */
  addShutdownHook(hook: LifecycleHook): void;
}

/** The app-wide lifecycle (`coreServices.rootLifecycle`). */
export interface RootLifecycleService extends LifecycleService {
  /** Runs `hook` first at `stop()`, before any plugin shuts down (for example, to stop taking traffic). */
  addBeforeShutdownHook(hook: LifecycleHook): void;
}

/** How each lifecycle object reaches its registry: kept out of the object itself, so its users cannot. */
const registries = new WeakMap<object, { readonly registry: HookRegistry; readonly owner: HookOwner }>();

/**
 * A lifecycle service over `registry`, registering hooks as `owner`'s. The object holds no state
 * a user can reach: three frozen methods, the registry in a closure.
 */
export function createLifecycle(registry: HookRegistry, owner: HookOwner): RootLifecycleService {
  const lifecycle: RootLifecycleService = Object.freeze({
    addStartupHook: (hook: LifecycleHook): void => registry.addStartupHook(hook, owner),
    addShutdownHook: (hook: LifecycleHook): void => registry.addShutdownHook(hook, owner),
    addBeforeShutdownHook: (hook: LifecycleHook): void => registry.addBeforeShutdownHook(hook, owner),
  });
  registries.set(lifecycle, { registry, owner });
  return lifecycle;
}

/**
 * The form of a lifecycle a dependant gets: the same registry, its hooks tagged as the module's
 * (or the plugin's, for the root lifecycle). A replaced lifecycle service is passed through.
 */
export function lifecycleFor<T>(instance: T, dependant: DependantViewContext): T {
  const known = typeof instance === 'object' && instance !== null ? registries.get(instance) : undefined;
  if (known === undefined) return instance;
  // Each dependant gets an object of its own: holding one leads to nobody else's.
  const owner: HookOwner =
    dependant.moduleId === undefined ? { pluginId: dependant.pluginId } : { pluginId: dependant.pluginId, moduleId: dependant.moduleId };
  return createLifecycle(known.registry, owner) as T;
}
