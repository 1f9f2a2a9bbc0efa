import { plugboardError } from '../errors/index.js';
import { className } from '../tokens/types.js';
import { writableMetadata } from './metadata.js';
import { assertLegacyCall } from './standard-decorators.js';

/** A decorator for methods. */
export type LifecycleMethodDecorator = (target: object, propertyKey: string | symbol, descriptor?: PropertyDescriptor) => void;

function lifecycleDecorator(hook: 'onInit' | 'onShutdown'): LifecycleMethodDecorator {
  const decorator = `@${hook}()`;
  return (target: unknown, propertyKey: unknown, descriptor?: unknown) => {
    assertLegacyCall(decorator, propertyKey);
    const member = String(propertyKey);
    if (typeof target === 'function') {
      throw plugboardError('INVALID_DECORATOR', { reason: 'lifecycle-static', decorator, member, className: className(target) });
    }
    const owner = (target as { constructor?: unknown } | null)?.constructor;
    const value: unknown = (descriptor as PropertyDescriptor | undefined)?.value;
    if (
      typeof owner !== 'function' ||
      typeof value !== 'function' ||
      (typeof propertyKey !== 'string' && typeof propertyKey !== 'symbol')
    ) {
      throw plugboardError('INVALID_DECORATOR', { reason: 'lifecycle-not-method', decorator, member, className: className(owner) });
    }
    const metadata = writableMetadata(owner);
    const existing = metadata[hook];
    // A parent's hook may be replaced; two declared on the class itself may not.
    if (existing !== undefined && existing !== propertyKey && !metadata.inherited?.[hook]) {
      throw plugboardError('INVALID_DECORATOR', {
        reason: 'lifecycle-twice',
        decorator,
        className: className(owner),
        first: String(existing),
        second: member,
      });
    }
    metadata[hook] = propertyKey;
    if (metadata.inherited !== undefined) metadata.inherited[hook] = false;
  };
}

/**
 * Marks the method that initialises a plugin, module or service (sync or async). A plugin's
 * `@onInit` runs after every module's has completed.
 */
export function onInit(): LifecycleMethodDecorator {
  return lifecycleDecorator('onInit');
}

/** Marks the method that releases a plugin's, module's or service's resources at `stop()`. */
export function onShutdown(): LifecycleMethodDecorator {
  return lifecycleDecorator('onShutdown');
}
