import { plugboardError } from '../errors/index.js';
import { assertConfigObject, assertTokenId } from './ids.js';
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

/** Which plugin, or module of a plugin, is asking for a service; see {@link withDependantView}. */
export interface DependantViewContext {
  readonly pluginId: string;
  readonly moduleId?: string;
}

// By ref id: a ref re-created by id still gets the same per-dependant form (it names the same service).
const dependantViews = new Map<string, (instance: unknown, context: DependantViewContext) => unknown>();

/**
 * Internal: gives a ref a form per dependant. Anything of a plugin that injects the ref (the
 * plugin, a module, a plugin-scoped service or class) receives `view(instance, { pluginId,
 * moduleId? })`, `moduleId` set when a module asks, instead of the shared instance. The logger and
 * lifecycle use it to name the module, the root lifecycle to name the plugin or module.
 */
export function withDependantView<T, TScope extends ServiceScope>(
  ref: ServiceRef<T, TScope>,
  view: (instance: T, context: DependantViewContext) => T,
): ServiceRef<T, TScope> {
  dependantViews.set(ref.id, view as (instance: unknown, context: DependantViewContext) => unknown);
  return ref;
}

/** Internal: the per-dependant form of a ref, if it has one. */
export function dependantViewOf(ref: AnyServiceRef): ((instance: unknown, context: DependantViewContext) => unknown) | undefined {
  return dependantViews.get(ref.id);
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

/**
 * A function-form implementation of a service ref: `factory(deps)` is called once per app
 * (root scope) or once per plugin (plugin scope). Created with {@link createServiceFactory}.
 */
export interface ServiceFactory<
  T = unknown,
  TScope extends ServiceScope = ServiceScope,
  TMultiplicity extends ServiceMultiplicity = ServiceMultiplicity,
> {
  /** Brand that tells plugboard what this object is (it is checked instead of `instanceof`). */
  readonly $$type: 'plugboard.serviceFactory';
  /** The ref this factory implements. */
  readonly service: ServiceRef<T, TScope, TMultiplicity>;
  /** The refs the factory needs, by the names its `factory` receives them under. */
  readonly deps: Readonly<Record<string, AnyServiceRef>>;
  /** `'always'` or `'lazy'`; undefined for the scope's default (root: always, plugin: lazy). */
  readonly initialization?: ServiceInitialization;
  /** For a plugin-scoped ref: made once per app from the root-scoped deps, passed to every `factory` call. */
  readonly createRootContext?: (rootDeps: Record<string, unknown>) => MaybePromise<unknown>;
  /** Creates the instance from its resolved dependencies (and the root context); plugboard calls it, once per scope. */
  readonly factory: (deps: Record<string, unknown>, rootContext: unknown) => MaybePromise<T>;
}

/** Options of {@link createServiceFactory}. */
export interface ServiceFactoryConfig<
  T,
  TScope extends ServiceScope,
  TDeps extends Record<string, AnyServiceRef>,
  TContext,
  TMultiplicity extends ServiceMultiplicity = 'singleton',
> {
  /** The ref this factory implements. */
  readonly service: ServiceRef<T, TScope, TMultiplicity>;
  /** The services the factory needs, by name. A root-scoped service may only depend on root-scoped ones. */
  readonly deps?: TDeps;
  /**
   * `'always'`: created at start (for a plugin-scoped ref: for every plugin, at its start) even
   * if nothing injects it. `'lazy'`: created when first needed. Default: root `'always'`, plugin `'lazy'`.
   */
  readonly initialization?: ServiceInitialization;
  /**
   * Plugin-scoped refs only: runs once per app, before the first instance, with the root-scoped
   * deps; its result is the second argument of every `factory` call. May be async.
   */
  createRootContext?(rootDeps: RootServiceInstances<TDeps>): TContext | Promise<TContext>;
  /**
   * Creates the instance; may be async. Called once per app (root) or once per plugin (plugin).
   * Its result is checked against the ref's type (see {@link ServiceResult}).
   */
  factory(deps: ServiceInstances<TDeps>, rootContext: TContext): ServiceResult<T>;
}

/**
 * Creates a function-form service implementation: for async creation or third-party objects.
 *
 * @example
 * ```ts
 * const pgStoreFactory = createServiceFactory({
 *   service: todoStoreRef,
 *   deps: { config: coreServices.rootConfig, logger: coreServices.logger },
 *   async factory({ config, logger }) { return connectPgStore(config.getString('db.url'), logger); },
 * });
 * ```
 * @throws PlugboardError `INVALID_TOKEN` when `service` is not a ref, a dep is not a ref, a
 * function is missing, `initialization` is unknown, or `createRootContext` is given for a root ref.
 */
export function createServiceFactory<
  T,
  TScope extends ServiceScope,
  TDeps extends Record<string, AnyServiceRef> = Record<never, never>,
  TContext = undefined,
  TMultiplicity extends ServiceMultiplicity = 'singleton',
>(config: ServiceFactoryConfig<T, TScope, TDeps, TContext, TMultiplicity>): ServiceFactory<T, TScope, TMultiplicity> {
  assertConfigObject(config, 'createServiceFactory()');
  if (!isServiceRef(config.service)) throw plugboardError('INVALID_TOKEN', { reason: 'service', what: 'createServiceFactory()' });
  const service = config.service;
  const refId = service.id;
  if (typeof config.factory !== 'function') {
    throw plugboardError('INVALID_TOKEN', { reason: 'function', what: 'createServiceFactory()', refId, fn: 'factory' });
  }
  const initialization: unknown = config.initialization;
  if (initialization !== undefined && initialization !== 'always' && initialization !== 'lazy') {
    throw plugboardError('INVALID_TOKEN', { reason: 'initialization', refId, value: initialization });
  }
  const createRootContext: unknown = Reflect.get(config, 'createRootContext');
  if (createRootContext !== undefined) {
    if (typeof createRootContext !== 'function') {
      throw plugboardError('INVALID_TOKEN', { reason: 'function', what: 'createServiceFactory()', refId, fn: 'createRootContext' });
    }
    if (service.scope === 'root') throw plugboardError('INVALID_TOKEN', { reason: 'root-context', refId });
  }
  const deps = refRecord(config.deps, 'createServiceFactory()', refId);
  const factory: ServiceFactory<T, TScope, TMultiplicity> = {
    $$type: 'plugboard.serviceFactory',
    service,
    deps,
    ...(initialization === undefined ? {} : { initialization }),
    ...(createRootContext === undefined
      ? {}
      : { createRootContext: (rootDeps: Record<string, unknown>): MaybePromise<unknown> => config.createRootContext!(rootDeps as never) }),
    // Called on the config object, so a factory written as a method keeps its `this`.
    // ServiceResult<T> is MaybePromise<T>; TypeScript cannot see that while T is generic.
    factory: (resolved: Record<string, unknown>, rootContext: unknown): MaybePromise<T> =>
      config.factory(resolved as never, rootContext as TContext) as MaybePromise<T>,
  };
  return Object.freeze(factory);
}

/** Checks a record of refs (a factory's, decorator's or loader's deps) and returns a frozen copy. */
export function refRecord(value: unknown, what: string, refId: string): Readonly<Record<string, AnyServiceRef>> {
  const deps: Record<string, AnyServiceRef> = {};
  if (value === undefined) return Object.freeze(deps);
  if (typeof value !== 'object' || value === null) throw plugboardError('INVALID_TOKEN', { reason: 'dep', what, refId, name: '(deps)' });
  for (const name of Object.keys(value)) {
    const dep: unknown = (value as Record<string, unknown>)[name];
    if (!isServiceRef(dep)) throw plugboardError('INVALID_TOKEN', { reason: 'dep', what, refId, name });
    deps[name] = dep;
  }
  return Object.freeze(deps);
}

/** True when `value` is a {@link ServiceFactory}. Never throws. */
export function isServiceFactory(value: unknown): value is ServiceFactory {
  return hasBrand(value, 'plugboard.serviceFactory');
}
