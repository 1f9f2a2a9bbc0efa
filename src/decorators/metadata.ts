import type { ExtensionPoint, ExtensionPointFactoryContext } from '../tokens/extension-point.js';
import type { AnyServiceRef, ServiceInitialization, ServiceMultiplicity, ServiceRef, ServiceScope } from '../tokens/service-ref.js';
import type { Class } from '../tokens/types.js';

/** What `@inject()` accepts: a service ref (single or multiton), an extension point, or a class. */
export type InjectionToken<T = unknown> = ServiceRef<T, ServiceScope, ServiceMultiplicity> | ExtensionPoint<T> | Class<T>;

/** How one constructor parameter is filled. */
export interface ParameterMetadata {
  token?: InjectionToken;
  optional: boolean;
}

/** How a feature provides one of its extension points. */
export type ExtensionPointProvider<T = unknown> =
  | {
      /** The extension point provided. */
      readonly provide: ExtensionPoint<T>;
      /** Its implementation, created once in the plugin's container; the plugin injects this class to read it. */
      readonly useClass: Class<T>;
    }
  | {
      /** The extension point provided. */
      readonly provide: ExtensionPoint<T>;
      /** Its implementation, an object used as given (shared by every app in the process that installs it). */
      readonly useValue: T;
    }
  | {
      /** The extension point provided. */
      readonly provide: ExtensionPoint<T>;
      /**
       * Called once per module that injects the point (and once for the provider if it injects
       * it); what it returns is what that module calls, through a guarded view.
       */
      readonly useFactory: (context: ExtensionPointFactoryContext, deps: Record<string, unknown>) => T;
      /** Services or classes (resolved in the plugin's scope) the factory receives as `deps`: typically the class the provider reads. */
      readonly deps?: Readonly<Record<string, AnyServiceRef | Class<unknown>>>;
    };

export interface PluginMetadata {
  readonly id: string;
  readonly extensionPoints: readonly ExtensionPointProvider[];
  readonly dependsOn: readonly string[];
}

export interface ModuleMetadata {
  readonly pluginId: string;
  readonly id: string;
  readonly extensionPoints: readonly ExtensionPointProvider[];
}

export interface ServiceMetadata {
  readonly provides?: AnyServiceRef;
  /** `'always'` or `'lazy'`; undefined for the scope's default. */
  readonly initialization?: ServiceInitialization;
  /** Scope of a class injected by class (no ref); defaults to the ref's scope, else `'plugin'`. */
  readonly scope: ServiceScope;
}

/** Everything the decorators recorded on one class. Read by the wiring model, nowhere else. */
export interface ClassMetadata {
  readonly parameters: ParameterMetadata[];
  role?: 'plugin' | 'module' | 'service';
  plugin?: PluginMetadata;
  module?: ModuleMetadata;
  service?: ServiceMetadata;
  onInit?: string | symbol;
  onShutdown?: string | symbol;
  /**
   * TypeScript's `design:paramtypes` of `declaredFor`, read by the class decorator. A subclass
   * without a decorator of its own shares its parent's metadata, so readers check `declaredFor`.
   */
  declaredTypes?: readonly unknown[];
  declaredFor?: object;
  /** Hooks taken over from a parent class, which the class may still declare its own of. */
  inherited?: { onInit?: boolean; onShutdown?: boolean };
}

// A WeakMap rather than reflect-metadata: one lookup per class, no string keys, nothing on the class.
const store = new WeakMap<object, ClassMetadata>();

/** The metadata recorded on exactly this class (not its parents), creating it on first write. */
export function writableMetadata(target: object): ClassMetadata {
  let metadata = store.get(target);
  if (metadata === undefined) {
    // A decorated subclass starts from what its parent declared: same injections and hooks.
    const inherited = readMetadata(Object.getPrototypeOf(target));
    metadata = { parameters: inherited ? inherited.parameters.map((p) => ({ ...p })) : [] };
    if (inherited?.onInit !== undefined) {
      metadata.onInit = inherited.onInit;
      (metadata.inherited ??= {}).onInit = true;
    }
    if (inherited?.onShutdown !== undefined) {
      metadata.onShutdown = inherited.onShutdown;
      (metadata.inherited ??= {}).onShutdown = true;
    }
    store.set(target, metadata);
  }
  return metadata;
}

// Far deeper than any real class hierarchy; only a hostile Proxy reaches it.
const MAX_CLASS_DEPTH = 10_000;

/**
 * The metadata of a class. A subclass without decorators of its own reads its parent's, so
 * `class Special extends BasePlugin {}` keeps the parent's injections and hooks. A Proxy class
 * whose `getPrototypeOf` trap throws, or hands out a new prototype forever, has none beyond its
 * own: the walk never throws and never runs unbounded.
 */
export function readMetadata(target: unknown): ClassMetadata | undefined {
  let current: unknown = target;
  for (let depth = 0; typeof current === 'function' && current !== Function.prototype && depth < MAX_CLASS_DEPTH; depth++) {
    const found = store.get(current);
    if (found !== undefined) return found;
    try {
      current = Object.getPrototypeOf(current);
    } catch {
      return undefined;
    }
  }
  return undefined;
}
