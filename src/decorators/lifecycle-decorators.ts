import { PlugboardError } from '../errors.js';
import { className } from '../tokens/types.js';
import { writableMetadata } from './metadata.js';

/** A decorator for methods. */
export type LifecycleMethodDecorator = (target: object, propertyKey: string | symbol, descriptor?: PropertyDescriptor) => void;

function lifecycleDecorator(hook: 'onInit' | 'onShutdown'): LifecycleMethodDecorator {
  const name = `@${hook}()`;
  return (target, propertyKey, descriptor) => {
    const owner = typeof target === 'function' ? target : target.constructor;
    if (typeof target === 'function') {
      throw new PlugboardError(
        'INVALID_DECORATOR',
        `${name} is on static member '${String(propertyKey)}' of ${className(owner)}; it marks an instance method.`,
      );
    }
    if (descriptor === undefined || typeof descriptor.value !== 'function') {
      throw new PlugboardError(
        'INVALID_DECORATOR',
        `${name} is on '${String(propertyKey)}' of ${className(owner)}, which is not a method. ` + `Put it on a method (sync or async).`,
      );
    }
    const metadata = writableMetadata(owner);
    const existing = metadata[hook];
    // A parent's hook may be replaced; two declared on the class itself may not.
    if (existing !== undefined && existing !== propertyKey && !metadata.inherited?.[hook]) {
      throw new PlugboardError(
        'INVALID_DECORATOR',
        `${className(owner)} has two ${name} methods ('${String(existing)}' and '${String(propertyKey)}'); ` +
          `keep one and call the other from it.`,
      );
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
