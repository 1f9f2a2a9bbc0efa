import type { Subject } from '../../errors/index.js';

/** One thing to undo at stop: a hook, an `@onShutdown` method, or a module's own steps. */
export type ShutdownStep =
  | { readonly kind: 'call'; readonly fn: () => unknown; readonly target: unknown; readonly owner: Subject }
  | { readonly kind: 'stack'; readonly stack: ShutdownStack };

/** The step for an instance's `@onShutdown` method, or undefined when it has none. */
export function methodStep(target: object, method: string | symbol | undefined, owner: Subject): ShutdownStep | undefined {
  if (method === undefined) return undefined;
  const fn = (target as Record<string | symbol, unknown>)[method];
  if (typeof fn !== 'function') return undefined;
  return { kind: 'call', fn: fn as () => unknown, target, owner: { ...owner, step: `@onShutdown ${String(method)}` } };
}

/** The step for a shutdown hook. */
export function hookStep(fn: () => unknown, owner: Subject, step = 'shutdown hook'): ShutdownStep {
  return { kind: 'call', fn, target: undefined, owner: { ...owner, step } };
}

/**
 * What one scope (the root, a plugin, a module inside it) must undo, in the order it was set up.
 * Stop walks it backwards, so the last thing initialised is the first thing shut down. A step
 * pushed after the steps were taken is not lost: it goes to `late`, which whoever took the steps
 * runs (see ShutdownRunner).
 */
export class ShutdownStack {
  #steps: ShutdownStep[] = [];
  #taken = false;
  readonly #onLate: ((step: ShutdownStep) => void) | undefined;

  /** @param onLate runs a step pushed after the steps were taken (a creation that finished late). */
  constructor(onLate?: (step: ShutdownStep) => void) {
    this.#onLate = onLate;
  }

  /** True once stop (or a leave-out) took the steps. */
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
