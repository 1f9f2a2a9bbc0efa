import { PlugboardError } from '../errors.js';
import { writableMetadata, type InjectionToken, type ParameterMetadata } from '../decorators/metadata.js';
import { isExtensionPoint } from './extension-point.js';
import { isServiceRef } from './service-ref.js';
import { className } from './types.js';

export type { InjectionToken } from '../decorators/metadata.js';

/** A decorator for constructor parameters. */
export type ConstructorParameterDecorator = (target: object, propertyKey: string | symbol | undefined, parameterIndex: number) => void;

function parameterSlot(target: object, propertyKey: string | symbol | undefined, index: number, decorator: string): ParameterMetadata {
  if (typeof target !== 'function' || propertyKey !== undefined) {
    const where = propertyKey === undefined ? 'this place' : `method '${String(propertyKey)}'`;
    throw new PlugboardError(
      'INVALID_DECORATOR',
      `${decorator} is for constructor parameters only, but was used on ${where} of ` +
        `${className(typeof target === 'function' ? target : target.constructor)}. ` +
        `plugboard injects through constructors.`,
    );
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
 * Injects a service ref, an extension point or a class into a constructor parameter.
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
    throw new PlugboardError(
      'INVALID_DECORATOR',
      `@inject() needs a service ref, an extension point or a class, got ${describeValue(token)}. ` +
        `If it is a class, check for a circular import that leaves it undefined at decoration time.`,
    );
  }
  return (target, propertyKey, index) => {
    const slot = parameterSlot(target, propertyKey, index, '@inject()');
    if (slot.token !== undefined) {
      throw new PlugboardError('INVALID_DECORATOR', `Parameter ${index} of ${className(target)} has two @inject() decorators; keep one.`);
    }
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

function describeValue(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'a plain object';
  return `${typeof value} ${JSON.stringify(value)}`;
}
