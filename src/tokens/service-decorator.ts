import { plugboardError } from '../errors/index.js';
import { assertConfigObject } from './ids.js';
import {
  hasBrand,
  isServiceRef,
  type AnyServiceRef,
  type ServiceInstances,
  type ServiceMultiplicity,
  type ServiceRef,
  type ServiceResult,
  type ServiceScope,
} from './service-ref.js';
import { refRecord } from './service-factory.js';
import type { MaybePromise } from './types.js';

/**
 * Wraps whatever implementation is installed for a ref (the default or an installed one). Made
 * with {@link createServiceDecorator}; installed with `builder.add()`.
 */
export interface ServiceDecorator<T = unknown, TScope extends ServiceScope = ServiceScope> {
  /** Brand that tells plugboard what this object is (it is checked instead of `instanceof`). */
  readonly $$type: 'plugboard.serviceDecorator';
  /** The ref whose implementation this decorator wraps. */
  readonly service: ServiceRef<T, TScope, ServiceMultiplicity>;
  /** The other refs it needs, by the names `decorate` receives them under. */
  readonly deps: Readonly<Record<string, AnyServiceRef>>;
  /** Returns what dependants get instead of `implementation` (usually a wrapper around it). */
  decorate(implementation: T, deps: Record<string, unknown>): MaybePromise<T>;
}

/** Options of {@link createServiceDecorator}. */
export interface ServiceDecoratorConfig<T, TScope extends ServiceScope, TDeps extends Record<string, AnyServiceRef>> {
  /** The ref whose implementation is wrapped. */
  readonly service: ServiceRef<T, TScope, ServiceMultiplicity>;
  /** Other services the decorator needs (not the decorated one: it receives that directly). */
  readonly deps?: TDeps;
  /**
   * Returns the wrapped implementation; may be async. Called once per instance of the service.
   * Its result is checked against the ref's type (see {@link ServiceResult}).
   */
  decorate(implementation: T, deps: ServiceInstances<TDeps>): ServiceResult<T>;
}

/**
 * Creates a decorator for a service: `decorate(impl, deps)` receives the implementation the app
 * would otherwise use, and returns what everyone gets instead. Several decorators of one ref
 * apply in the order they were added. Unlike a factory that depends on its own ref, this has no
 * self-dependency cycle.
 *
 * @example
 * ```ts
 * const tagLogs = createServiceDecorator({
 *   service: coreServices.rootLogger,
 *   decorate: (logger) => logger.child({ app: 'shop' }),
 * });
 * new ContainerBuilder().add(tagLogs)
 * ```
 * @throws PlugboardError `INVALID_TOKEN` when `service` is not a ref, a dep is not a ref, or `decorate` is not a function.
 */
export function createServiceDecorator<T, TScope extends ServiceScope, TDeps extends Record<string, AnyServiceRef> = Record<never, never>>(
  config: ServiceDecoratorConfig<T, TScope, TDeps>,
): ServiceDecorator<T, TScope> {
  assertConfigObject(config, 'createServiceDecorator()');
  if (!isServiceRef(config.service)) throw plugboardError('INVALID_TOKEN', { reason: 'service', what: 'createServiceDecorator()' });
  const refId = config.service.id;
  if (typeof config.decorate !== 'function') {
    throw plugboardError('INVALID_TOKEN', { reason: 'function', what: 'createServiceDecorator()', refId, fn: 'decorate' });
  }
  const deps = refRecord(config.deps, 'createServiceDecorator()', refId);
  return Object.freeze({
    $$type: 'plugboard.serviceDecorator' as const,
    service: config.service,
    deps,
    // Called on the config object, so a decorate written as a method keeps its `this`.
    // ServiceResult<T> is MaybePromise<T>; TypeScript cannot see that while T is generic.
    decorate: (implementation: T, deps: Record<string, unknown>): MaybePromise<T> =>
      config.decorate(implementation, deps as never) as MaybePromise<T>,
  });
}

/** True when `value` is a {@link ServiceDecorator}. */
export function isServiceDecorator(value: unknown): value is ServiceDecorator {
  return hasBrand(value, 'plugboard.serviceDecorator');
}
