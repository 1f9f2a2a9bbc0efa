import { plugboardError } from '../errors/index.js';
import { writableMetadata, type InjectionToken, type ParameterMetadata } from '../decorators/metadata.js';
import { assertLegacyCall } from '../decorators/standard-decorators.js';
import { isExtensionPoint } from './extension-point.js';
import { isServiceRef } from './service-ref.js';
import { className } from './types.js';

export type { InjectionToken } from '../decorators/metadata.js';

/** A decorator for constructor parameters. */
export type ConstructorParameterDecorator = (target: object, propertyKey: string | symbol | undefined, parameterIndex: number) => void;

function parameterSlot(target: unknown, propertyKey: unknown, index: unknown, decorator: string): ParameterMetadata {
  assertLegacyCall(decorator, propertyKey);
  if (typeof target !== 'function' || propertyKey !== undefined || typeof index !== 'number') {
    const where = typeof propertyKey === 'string' || typeof propertyKey === 'symbol' ? `method '${String(propertyKey)}'` : 'this place';
    const owner = typeof target === 'function' ? target : (target as { constructor?: unknown } | null)?.constructor;
    throw plugboardError('INVALID_DECORATOR', { reason: 'parameter-only', decorator, where, className: className(owner) });
  }
  const parameters = writableMetadata(target).parameters;
  let slot = parameters[index];
  if (slot === undefined) {
    slot = { optional: false };
    parameters[index] = slot;
  }
  return slot;
}

/**
 * Injects a service ref, an extension point or a class into a constructor parameter. A multiton
 * ref is injected as the `readonly T[]` of all its implementations.
 *
 * @example
 * ```ts
 * constructor(@inject(coreServices.logger) private readonly logger: LoggerService) {}
 * ```
 * @throws PlugboardError `INVALID_DECORATOR` when the token is not a ref, extension point or class,
 * or the decorator is not on a constructor parameter.
 */
export function inject<T>(token: InjectionToken<T>): ConstructorParameterDecorator {
  if (!isServiceRef(token) && !isExtensionPoint(token) && typeof token !== 'function') {
    throw plugboardError('INVALID_DECORATOR', { reason: 'inject-token', value: token });
  }
  return (target, propertyKey, index) => {
    const slot = parameterSlot(target, propertyKey, index, '@inject()');
    if (slot.token !== undefined)
      throw plugboardError('INVALID_DECORATOR', { reason: 'inject-twice', index, className: className(target) });
    slot.token = token;
  };
}

/**
 * Marks a constructor parameter as optional: when nothing provides its token, it receives
 * `undefined` instead of failing validation. Use together with `@inject()`.
 */
export function optional(): ConstructorParameterDecorator {
  return (target, propertyKey, index) => {
    parameterSlot(target, propertyKey, index, '@optional()').optional = true;
  };
}
