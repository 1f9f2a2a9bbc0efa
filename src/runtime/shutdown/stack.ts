import type { Subject } from '../../errors/index.js';

/**
 * One thing to undo at stop: an `@onShutdown` method or a hook. Small and free of strings (there
 * is one per feature): its label is built from `owner` and `what` only when something goes wrong.
 */
export interface ShutdownStep {
  readonly fn: () => unknown;
  /** `this` for `fn`: the instance, for an `@onShutdown` method. */
  readonly target: unknown;
  /** Who registered it: a plugin, a module of it, a service, a class, or the app. */
  readonly owner: Subject;
  /** The `@onShutdown` method's name, or for a hook which kind it is. */
  readonly what: string | symbol;
  readonly method: boolean;
}

/** The step for an instance's `@onShutdown` method, or undefined when it has none. */
export function methodStep(target: object, method: string | symbol | undefined, owner: Subject): ShutdownStep | undefined {
  if (method === undefined) return undefined;
  const fn = (target as Record<string | symbol, unknown>)[method];
  if (typeof fn !== 'function') return undefined;
  return { fn: fn as () => unknown, target, owner, what: method, method: true };
}

/** The step for a shutdown hook. */
export function hookStep(fn: () => unknown, owner: Subject, kind = 'shutdown hook'): ShutdownStep {
  return { fn, target: undefined, owner, what: kind, method: false };
}

/** Who a step is, for messages: `module 'm' of plugin 'p' (@onShutdown stop)`. */
export function stepSubject(step: ShutdownStep): Subject {
  return { ...step.owner, step: step.method ? `@onShutdown ${String(step.what)}` : String(step.what) };
}

/**
 * What one scope (the root, a plugin) must undo, in the order it was set up. Stop walks it
 * backwards, so the last thing initialised is the first thing shut down. A step pushed after the
 * steps were taken is not lost: it goes to `onLate`, which runs it at once.
 */
export class ShutdownStack {
  #steps: ShutdownStep[] = [];
  #taken = false;
  readonly #onLate: ((step: ShutdownStep) => void) | undefined;

  /** @param onLate runs a step pushed after the steps were taken (a creation that finished late). */
  constructor(onLate?: (step: ShutdownStep) => void) {
    this.#onLate = onLate;
  }

  /** True once stop took the steps. */
  get taken(): boolean {
    return this.#taken;
  }

  push(step: ShutdownStep): void {
    if (this.#taken && this.#onLate !== undefined) this.#onLate(step);
    else this.#steps.push(step);
  }

  /** Removes and returns the steps `owned` picks (oldest first): what a module left out had registered. */
  extract(owned: (step: ShutdownStep) => boolean): ShutdownStep[] {
    const picked = this.#steps.filter(owned);
    if (picked.length > 0) this.#steps = this.#steps.filter((step) => !owned(step));
    return picked;
  }

  /** Hands over the steps, oldest first; later pushes go to `onLate`. */
  take(): ShutdownStep[] {
    this.#taken = true;
    const steps = this.#steps;
    this.#steps = [];
    return steps;
  }
}
