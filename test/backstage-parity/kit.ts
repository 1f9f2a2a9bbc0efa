/**
 * Helpers for the Backstage parity tests: the plugboard counterparts of the one-line features
 * Backstage's wiring tests build with `createBackendPlugin({ pluginId, register })` and
 * `createBackendModule(...)`, and of their `BackendStartupError` checks.
 */
import { inject, Module, onInit, Plugin, PlugboardError, type App, type Class, type InjectionToken, type StartupResult } from 'plugboard';

export { delay, quietBuilder } from '../support.js';
export { captureLogs } from '../operations/log-capture.js';

type Init = () => unknown;

/** A plugin whose `@onInit` runs `init` (Backstage: a plugin with one `registerInit`). */
export function plugin(id: string, init: Init = () => undefined): Class {
  @Plugin({ id })
  class TestPlugin {
    @onInit() init(): unknown {
      return init();
    }
  }
  return TestPlugin;
}

/** A module of `pluginId` whose `@onInit` runs `init`. */
export function module(pluginId: string, id: string, init: Init = () => undefined): Class {
  @Module({ pluginId, id })
  class TestModule {
    @onInit() init(): unknown {
      return init();
    }
  }
  return TestModule;
}

/** A plugin that injects `token` and hands what it received to `received` (Backstage: `deps: { x: token }`). */
export function userOf(pluginId: string, token: InjectionToken, received: (value: unknown) => void = () => undefined): Class {
  @Plugin({ id: pluginId })
  class User {
    constructor(@inject(token) value: unknown) {
      received(value);
    }
  }
  return User;
}

/** What a rejected `start()` carries: the error and its `.result`. Fails the test if start() resolves. */
export async function startFailure(app: App): Promise<{ error: PlugboardError; result: StartupResult }> {
  const error: unknown = await app.start().then(
    () => {
      throw new Error('expected start() to reject');
    },
    (rejection: unknown) => rejection,
  );
  if (!(error instanceof PlugboardError)) throw error;
  if (error.result === undefined) throw error;
  return { error, result: error.result };
}

/** The error and every `cause` under it, outermost first. */
export function causes(error: unknown): unknown[] {
  const chain: unknown[] = [];
  for (let current = error; current !== undefined && !chain.includes(current); current = (current as { cause?: unknown }).cause) {
    chain.push(current);
  }
  return chain;
}

/** The innermost cause: what user code threw, however plugboard wrapped it. */
export function rootCause(error: unknown): unknown {
  return causes(error).at(-1);
}

/** True when `path` is the cycle `expected` (both with the first node repeated last), whichever node it starts at. */
export function sameCycle(path: readonly string[] | undefined, expected: readonly string[]): boolean {
  if (path === undefined || path.length !== expected.length) return false;
  const ring = expected.slice(0, -1);
  const start = ring.indexOf(path[0]!);
  return start >= 0 && path.slice(0, -1).every((node, i) => node === ring[(start + i) % ring.length]) && path.at(-1) === path[0];
}

/** What `fn` threw (fails the test if it returned). */
export function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

/** A function that records the arguments of every call (jest's ESM mode has no global `jest.fn`). */
export function recorder<A extends unknown[], R>(impl: (...args: A) => R): ((...args: A) => R) & { readonly calls: A[] } {
  const calls: A[] = [];
  const fn = (...args: A): R => {
    calls.push(args);
    return impl(...args);
  };
  return Object.assign(fn, { calls });
}
