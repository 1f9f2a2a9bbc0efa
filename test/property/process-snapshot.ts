/**
 * What an app could leave behind in the process: event listeners on `process` (plugboard adds
 * SIGTERM/SIGINT handlers with `handleSignals`), and timers still pending once it is done.
 *
 * Timers are tracked, not counted: `process.getActiveResourcesInfo()` also sees jest's and
 * fast-check's timers come and go, so a count before and after is noisy. Instead
 * {@link trackTimers} wraps the global timer functions (which plugboard calls at run time) for
 * the length of one case and lists every timer created meanwhile that has neither fired nor been
 * cleared, with the stack that created it.
 */

/** Listener count per process event, for events that have any. */
export function processListeners(): Record<string, number> {
  const listeners: Record<string, number> = {};
  for (const name of process.eventNames()) {
    const count = process.listenerCount(name);
    if (count > 0) listeners[String(name)] = count;
  }
  return listeners;
}

/** A timer created while tracking that is still pending. */
export interface PendingTimer {
  readonly kind: 'timeout' | 'interval';
  readonly ms: number | undefined;
  /** Whether it keeps the process alive. */
  readonly ref: boolean;
  /** Where it was created (the first frames outside this file). */
  readonly createdAt: string;
}

export interface TimerTracker {
  /** Timers created since tracking began that have not fired or been cleared. */
  pending(): PendingTimer[];
  /** Puts the real timer functions back. */
  restore(): void;
}

type Handle = ReturnType<typeof setTimeout>;

/** Wraps setTimeout/setInterval and their clear functions until `restore()`. */
export function trackTimers(): TimerTracker {
  const real = { setTimeout, clearTimeout, setInterval, clearInterval };
  const live = new Map<Handle, Omit<PendingTimer, 'ref'>>();
  const where = (): string =>
    (new Error().stack ?? '')
      .split('\n')
      .slice(3, 7)
      .map((line) => line.trim())
      .join(' | ');
  const wrapped = {
    setTimeout: (callback: (...args: unknown[]) => void, ms?: number, ...args: unknown[]): Handle => {
      const handle: Handle = real.setTimeout(
        (...values: unknown[]) => {
          live.delete(handle);
          callback(...values);
        },
        ms,
        ...args,
      );
      live.set(handle, { kind: 'timeout', ms, createdAt: where() });
      return handle;
    },
    setInterval: (callback: (...args: unknown[]) => void, ms?: number, ...args: unknown[]): Handle => {
      const handle: Handle = real.setInterval(callback, ms, ...args);
      live.set(handle, { kind: 'interval', ms, createdAt: where() });
      return handle;
    },
    clearTimeout: (handle: Handle | string | number | undefined): void => {
      live.delete(handle as Handle);
      real.clearTimeout(handle);
    },
    clearInterval: (handle: Handle | string | number | undefined): void => {
      live.delete(handle as Handle);
      real.clearInterval(handle);
    },
  };
  Object.assign(globalThis, wrapped);
  return {
    pending: () => [...live].map(([handle, timer]) => ({ ...timer, ref: handle.hasRef() })),
    restore: () => void Object.assign(globalThis, real),
  };
}
