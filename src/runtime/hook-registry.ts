import { PlugboardError } from '../errors.js';
import type { ShutdownStack } from './shutdown-stack.js';

/** A startup or shutdown hook function. */
export type LifecycleHook = () => void | Promise<void>;

/** Who registered a hook: named in logs and errors. */
export interface HookOwner {
  readonly pluginId?: string;
  readonly moduleId?: string;
}

/** A registered startup hook. */
export interface StartupHook extends HookOwner {
  readonly fn: LifecycleHook;
  readonly label: string;
}

/**
 * Where the lifecycle services put their hooks: one per plugin and one for the root. Startup
 * hooks run once every plugin is up; shutdown hooks join the scope's shutdown stack, so they
 * run in reverse order of registration, interleaved with `@onShutdown` methods.
 */
export class HookRegistry {
  readonly startupHooks: StartupHook[] = [];
  readonly beforeShutdownHooks: StartupHook[] = [];
  /** Set when startup hooks have been taken to run. */
  startupDone = false;

  constructor(
    private readonly scope: string,
    private readonly shutdown: ShutdownStack,
  ) {}

  addStartupHook(fn: LifecycleHook, owner: HookOwner = {}): void {
    this.check(fn, 'addStartupHook', owner);
    if (this.startupDone) {
      throw new PlugboardError(
        'LIFECYCLE_HOOK_TOO_LATE',
        `${labelOf(owner, this.scope)} added a startup hook after startup hooks ran. Add startup hooks ` +
          `during init (a constructor, factory or @onInit); after start, run the code directly.`,
        owner,
      );
    }
    this.startupHooks.push({ fn, label: `${labelOf(owner, this.scope)} (startup hook)`, ...owner });
  }

  addShutdownHook(fn: LifecycleHook, owner: HookOwner = {}): void {
    this.check(fn, 'addShutdownHook', owner);
    if (this.shutdown.sealed) {
      throw new PlugboardError(
        'LIFECYCLE_HOOK_TOO_LATE',
        `${labelOf(owner, this.scope)} added a shutdown hook while the app is stopping. Add shutdown hooks ` +
          `during init or while the app runs.`,
        owner,
      );
    }
    this.shutdown.push({ hook: fn, ...owner });
  }

  addBeforeShutdownHook(fn: LifecycleHook, owner: HookOwner = {}): void {
    this.check(fn, 'addBeforeShutdownHook', owner);
    if (this.shutdown.sealed) {
      throw new PlugboardError(
        'LIFECYCLE_HOOK_TOO_LATE',
        `${labelOf(owner, this.scope)} added a before-shutdown hook while the app is stopping.`,
        owner,
      );
    }
    this.beforeShutdownHooks.push({ fn, label: `${labelOf(owner, this.scope)} (before-shutdown hook)`, ...owner });
  }

  private check(fn: unknown, method: string, owner: HookOwner): void {
    if (typeof fn !== 'function') {
      throw new PlugboardError('INVALID_STATE', `${labelOf(owner, this.scope)}: ${method}() needs a function.`, owner);
    }
  }
}

function labelOf(owner: HookOwner, scope: string): string {
  if (owner.moduleId !== undefined) return `module '${owner.moduleId}' of plugin '${owner.pluginId}'`;
  if (owner.pluginId !== undefined) return `plugin '${owner.pluginId}'`;
  return scope;
}
