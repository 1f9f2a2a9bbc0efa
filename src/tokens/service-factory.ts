import { plugboardError } from '../errors/index.js';
import { assertConfigObject } from './ids.js';
import {
  hasBrand,
  isServiceRef,
  type AnyServiceRef,
  type RootServiceInstances,
  type ServiceInitialization,
  type ServiceInstances,
  type ServiceMultiplicity,
  type ServiceRef,
  type ServiceResult,
  type ServiceScope,
} from './service-ref.js';
import type { MaybePromise } from './types.js';

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
