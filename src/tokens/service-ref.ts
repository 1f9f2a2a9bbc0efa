import { plugboardError } from '../errors/index.js';
import { assertConfigObject, assertTokenId } from './ids.js';
import type { ServiceFactory } from './service-factory.js';
import type { Class, MaybePromise } from './types.js';

/**
 * Where one instance of a service lives: `root` is one instance for the whole app; `plugin` is
 * one instance per plugin (modules share their plugin's instance).
 */
export type ServiceScope = 'root' | 'plugin';

/**
 * How many implementations a ref has: `singleton` (exactly one) or `multiton` (any number; the
 * ref is injected as a `readonly T[]` of all of them, in registration order).
 */
export type ServiceMultiplicity = 'singleton' | 'multiton';

/** When a service is created: `always` at start (the root default), or `lazy` when first needed (the plugin default). */
export type ServiceInitialization = 'always' | 'lazy';

/** What a ref's `defaultFactory` may return: a factory, or a class decorated with `@Service({ provides })`. */
export type ServiceImplementation<T> = ServiceFactory<T, ServiceScope, ServiceMultiplicity> | Class<T>;

/**
 * A typed token for a service. Created with {@link createServiceRef}; injected with
 * `@inject(ref)`; implemented by a `@Service({ provides: ref })` class or a
 * {@link createServiceFactory} factory.
 */
export interface ServiceRef<T, TScope extends ServiceScope = ServiceScope, TMultiplicity extends ServiceMultiplicity = 'singleton'> {
  /** Brand that tells plugboard what this object is (it is checked instead of `instanceof`). */
  readonly $$type: 'plugboard.serviceRef';
  /** Unique in the app, by convention dotted: `todo.store`. */
  readonly id: string;
  /** `'root'`: one instance for the app; `'plugin'`: one instance per plugin that uses it. */
  readonly scope: TScope;
  /** True for a multiton ref: it is injected as the array of every installed implementation. */
  readonly multiton: TMultiplicity extends 'multiton' ? true : false;
  /** The InversifyJS service identifier. Equal for every ref created with this id. */
  readonly key: symbol;
  /**
   * Called with the ref only when the app installs no implementation for it; it may import the
   * implementation lazily. It must only return a factory or class, with no side effects.
   */
  // Method syntax on purpose: a ref of a narrower type must still be assignable to AnyServiceRef.
  defaultFactory?(service: ServiceRef<T, TScope, TMultiplicity>): MaybePromise<ServiceImplementation<T>>;
  /** Names the ref in messages. */
  toString(): string;
  /** Type carrier only: never set at run time. */
  readonly $$service?: T;
}

/** Any service ref, whatever its type, scope and multiplicity. */
export type AnyServiceRef = ServiceRef<unknown, ServiceScope, ServiceMultiplicity>;

/** Options of {@link createServiceRef}. */
export interface ServiceRefConfig<T, TScope extends ServiceScope, TMultiplicity extends ServiceMultiplicity = 'singleton'> {
  /** Unique in the app, by convention dotted: `todo.store`. Ids starting with `plugboard.` are reserved. */
  readonly id: string;
  /** `'plugin'` (the default) or `'root'`. */
  readonly scope?: TScope;
  /** `true` for a ref that any number of implementations provide (injected as an array). */
  readonly multiton?: TMultiplicity extends 'multiton' ? true : false;
  /** See {@link ServiceRef.defaultFactory}. */
  readonly defaultFactory?: (service: ServiceRef<T, TScope, TMultiplicity>) => MaybePromise<ServiceImplementation<T>>;
}

/**
 * Creates a service ref. `scope` defaults to `'plugin'`; `multiton: true` makes a ref that any
 * number of implementations provide, injected as `readonly T[]`.
 *
 * @example
 * ```ts
 * export const todoStoreRef = createServiceRef<TodoStore>({ id: 'todo.store', scope: 'plugin' });
 * ```
 * @throws PlugboardError `INVALID_TOKEN` for an empty id, an unknown scope or a bad option.
 */
export function createServiceRef<T>(
  config: ServiceRefConfig<T, 'root', 'multiton'> & { readonly scope: 'root'; readonly multiton: true },
): ServiceRef<T, 'root', 'multiton'>;
export function createServiceRef<T>(
  config: ServiceRefConfig<T, 'plugin', 'multiton'> & { readonly scope?: 'plugin'; readonly multiton: true },
): ServiceRef<T, 'plugin', 'multiton'>;
export function createServiceRef<T, TScope extends ServiceScope = 'root'>(
  config: ServiceRefConfig<T, TScope> & { readonly scope: 'root' },
): ServiceRef<T, 'root'>;
export function createServiceRef<T, TScope extends ServiceScope = 'plugin'>(
  config: ServiceRefConfig<T, TScope> & { readonly scope?: 'plugin' },
): ServiceRef<T, TScope>;
export function createServiceRef<T, TScope extends ServiceScope = ServiceScope>(config: ServiceRefConfig<T, TScope>): ServiceRef<T, TScope>;
export function createServiceRef<T, TScope extends ServiceScope = 'plugin'>(
  config: ServiceRefConfig<T, TScope, ServiceMultiplicity>,
): ServiceRef<T, TScope, ServiceMultiplicity> {
  assertConfigObject(config, 'createServiceRef()');
  const id: unknown = config.id;
  assertTokenId(id, 'createServiceRef()');
  const scope: unknown = config.scope ?? 'plugin';
  if (scope !== 'root' && scope !== 'plugin') throw plugboardError('INVALID_TOKEN', { reason: 'ref-scope', refId: id, value: scope });
  const multiton: unknown = config.multiton ?? false;
  if (multiton !== true && multiton !== false) {
    throw plugboardError('INVALID_TOKEN', { reason: 'ref-option', refId: id, option: 'multiton', value: multiton });
  }
  const defaultFactory: unknown = config.defaultFactory;
  if (defaultFactory !== undefined && typeof defaultFactory !== 'function') {
    throw plugboardError('INVALID_TOKEN', { reason: 'ref-option', refId: id, option: 'defaultFactory', value: defaultFactory });
  }
  const text = `serviceRef{${id}}`;
  const ref = {
    $$type: 'plugboard.serviceRef' as const,
    id,
    scope: scope as TScope,
    multiton,
    key: Symbol.for(`plugboard.service:${id}`),
    toString: () => text,
    ...(defaultFactory === undefined ? {} : { defaultFactory }),
  };
  return Object.freeze(ref) as unknown as ServiceRef<T, TScope, ServiceMultiplicity>;
}

/** True when `value` is a {@link ServiceRef}. Never throws. */
export function isServiceRef(value: unknown): value is AnyServiceRef {
  return hasBrand(value, 'plugboard.serviceRef');
}

/** True when `value` is a frozen plugboard object with this brand (read without running user getters). */
export function hasBrand(value: unknown, brand: string): boolean {
  if (typeof value !== 'object' || value === null) return false;
  try {
    const descriptor = Object.getOwnPropertyDescriptor(value, '$$type');
    return descriptor !== undefined && descriptor.value === brand;
  } catch {
    return false; // a Proxy's trap threw: not ours
  }
}

/**
 * What a factory or decorator of a service of type `T` returns: the instance, or a promise of it
 * (the same as {@link MaybePromise}`<T>`).
 *
 * It is written as a conditional type so that TypeScript takes `T` from the ref alone and then
 * checks the function's result against it. With a plain `T | Promise<T>`, a call inside an inline
 * `factory: () => makeThing()` would be typed while `T` is still unknown, and a generic function
 * such as `pino()` would guess its own type arguments from `Promise<T>`: `pino()` came out as
 * `Logger`, which is not the `Logger` the logger refs expect.
 */
export type ServiceResult<T> = [T] extends [infer U] ? U | Promise<U> : never;

/** The instance a ref is injected as: the service, or for a multiton ref the array of all of them. */
export type ServiceInstance<TRef> =
  TRef extends ServiceRef<infer U, ServiceScope, 'multiton'>
    ? readonly U[]
    : TRef extends ServiceRef<infer U, ServiceScope, 'singleton'>
      ? U
      : never;

/** The instances of a record of refs, as a factory receives them (a multiton ref as an array). */
export type ServiceInstances<TDeps extends Record<string, AnyServiceRef>> = {
  [K in keyof TDeps]: ServiceInstance<TDeps[K]>;
};

/** The root-scoped part of a record of refs, as `createRootContext` receives it. */
export type RootServiceInstances<TDeps extends Record<string, AnyServiceRef>> = {
  [K in keyof TDeps as TDeps[K] extends ServiceRef<unknown, 'root', ServiceMultiplicity> ? K : never]: ServiceInstance<TDeps[K]>;
};
