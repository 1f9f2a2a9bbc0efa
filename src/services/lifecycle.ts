import type { HookOwner, HookRegistry, LifecycleHook } from '../runtime/hook-registry.js';

export type { LifecycleHook } from '../runtime/hook-registry.js';

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

/** The default lifecycle: registers hooks with the runtime, tagged with who registered them. */
export class DefaultLifecycle implements RootLifecycleService {
  constructor(
    private readonly registry: HookRegistry,
    private readonly owner: HookOwner,
  ) {}

  addStartupHook(hook: LifecycleHook): void {
    this.registry.addStartupHook(hook, this.owner);
  }

  addShutdownHook(hook: LifecycleHook): void {
    this.registry.addShutdownHook(hook, this.owner);
  }

  addBeforeShutdownHook(hook: LifecycleHook): void {
    this.registry.addBeforeShutdownHook(hook, this.owner);
  }

  /** The same lifecycle, with hooks tagged as the given module's. */
  forModule(moduleId: string): DefaultLifecycle {
    return new DefaultLifecycle(this.registry, { ...this.owner, moduleId });
  }

  /** The same hooks (the same registry), tagged as added by `owner`. */
  forOwner(owner: HookOwner): DefaultLifecycle {
    return new DefaultLifecycle(this.registry, owner);
  }
}
