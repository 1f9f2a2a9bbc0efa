import { plugboardError, type Subject } from '../errors/index.js';
import { initFailure } from './failures.js';
import { hookStep, type ShutdownStack } from './shutdown/stack.js';
import { withTimeout } from './timeouts.js';
import { isThenable } from './walk.js';

/** A startup or shutdown hook function. */
export type LifecycleHook = () => void | Promise<void>;

/** Who registered a hook: named in logs and errors. */
export interface HookOwner {
  readonly pluginId?: string;
  readonly moduleId?: string;
}

/** A registered startup or before-shutdown hook. */
export interface PendingHook {
  readonly fn: LifecycleHook;
  readonly owner: Subject;
}

/**
 * Where the lifecycle services put their hooks: one registry per plugin and one for the root.
 * Startup hooks run once every plugin is up; shutdown hooks join the scope's shutdown stack with
 * their owner (leaving a module out takes its steps out and runs them), so they run in reverse
 * order of registration, interleaved with `@onShutdown` methods.
 */
export class HookRegistry {
  #startup: PendingHook[] = [];
  #beforeShutdown: PendingHook[] = [];
  #startupTaken = false;

  /**
   * @param scope who owns hooks registered without an owner (the plugin, or the app).
   * @param stack the scope's shutdown stack, which shutdown hooks join.
   */
  constructor(
    private readonly scope: HookOwner,
    private readonly stack: ShutdownStack,
  ) {}

  addStartupHook(fn: unknown, owner: HookOwner = this.scope): void {
    const hook = this.check(fn, 'addStartupHook', owner);
    if (this.#startupTaken) throw plugboardError('LIFECYCLE_HOOK_TOO_LATE', { ...owner, hook: 'startup' });
    this.#startup.push({ fn: hook, owner: { ...owner, step: 'startup hook' } });
  }

  addShutdownHook(fn: unknown, owner: HookOwner = this.scope): void {
    const hook = this.check(fn, 'addShutdownHook', owner);
    if (this.stack.taken) throw plugboardError('LIFECYCLE_HOOK_TOO_LATE', { ...owner, hook: 'shutdown' });
    this.stack.push(hookStep(hook, owner));
  }

  addBeforeShutdownHook(fn: unknown, owner: HookOwner = this.scope): void {
    const hook = this.check(fn, 'addBeforeShutdownHook', owner);
    if (this.stack.taken) throw plugboardError('LIFECYCLE_HOOK_TOO_LATE', { ...owner, hook: 'before-shutdown' });
    this.#beforeShutdown.push({ fn: hook, owner: { ...owner, step: 'before-shutdown hook' } });
  }

  /** The startup hooks, in registration order; later registrations are refused. */
  takeStartupHooks(): PendingHook[] {
    this.#startupTaken = true;
    const hooks = this.#startup;
    this.#startup = [];
    return hooks;
  }

  /** The before-shutdown hooks, in registration order. */
  takeBeforeShutdownHooks(): PendingHook[] {
    const hooks = this.#beforeShutdown;
    this.#beforeShutdown = [];
    return hooks;
  }

  /** Forgets the startup and before-shutdown hooks of a module that was left out. */
  dropHooksOf(pluginId: string, moduleId: string): void {
    const other = (hook: PendingHook): boolean => hook.owner.pluginId !== pluginId || hook.owner.moduleId !== moduleId;
    this.#startup = this.#startup.filter(other);
    this.#beforeShutdown = this.#beforeShutdown.filter(other);
  }

  private check(fn: unknown, method: string, owner: HookOwner): LifecycleHook {
    if (typeof fn !== 'function') throw plugboardError('INVALID_STATE', { reason: 'hook-function', method, ...owner });
    return fn as LifecycleHook;
  }
}

/**
 * Runs startup hooks one after another, in order, each bounded by `timeoutMs`; the first that
 * fails or overruns fails start() with INIT_FAILED / INIT_TIMEOUT naming its owner.
 */
export async function runStartupHooks(hooks: readonly PendingHook[], timeoutMs: number | undefined): Promise<void> {
  for (const hook of hooks) {
    try {
      const result = withTimeout(hook.fn(), timeoutMs, () => plugboardError('INIT_TIMEOUT', { ...hook.owner, ms: timeoutMs! }));
      if (isThenable(result)) await result;
    } catch (error) {
      throw initFailure(hook.owner, error);
    }
  }
}
