import { plugboardError } from '../errors/index.js';
import { isServiceRef, type ServiceRef } from '../tokens/service-ref.js';
import { isServiceFactory, createServiceFactory, type ServiceFactory } from '../tokens/service-factory.js';
import { isServiceDecorator, type ServiceDecorator } from '../tokens/service-decorator.js';
import type { Class } from '../tokens/types.js';

/**
 * A replacement for a service in a test: a factory, a `@Service({ provides })` class, a
 * `[ref, value]` pair for a plain value, or a decorator that wraps the installed implementation.
 */
export type ServiceOverride = ServiceFactory | ServiceDecorator | Class<unknown> | readonly [ServiceRef<unknown>, unknown];

/** Typed `[ref, value]` pair: `serviceValue(clockRef, fakeClock)`. */
export function serviceValue<T>(ref: ServiceRef<T>, value: T): readonly [ServiceRef<T>, T] {
  return [ref, value] as const;
}

/** Turns an override into something `builder.add()` takes. */
export function toFeature(override: ServiceOverride): ServiceFactory | ServiceDecorator | Class<unknown> {
  if (Array.isArray(override)) {
    const [ref, value] = override as readonly [unknown, unknown];
    if (!isServiceRef(ref)) {
      throw plugboardError('INVALID_FEATURE', { reason: 'override-pair' });
    }
    return createServiceFactory({ service: ref, factory: () => value });
  }
  if (isServiceFactory(override) || isServiceDecorator(override) || typeof override === 'function') {
    return override;
  }
  throw plugboardError('INVALID_FEATURE', { reason: 'override' });
}
