import { PlugboardError } from '../errors.js';
import { assertTokenId } from './ids.js';
import type { Class, MaybePromise } from './types.js';

/**
 * Where one instance of a service lives: `root` is one instance for the whole app; `plugin` is
 * one instance per plugin (modules share their plugin's instance).
 */
export type ServiceScope = 'root' | 'plugin';

/** What a ref's `defaultFactory` may return: a factory, or a class decorated with `@Service({ provides })`. */
export type ServiceImplementation<T> = ServiceFactory<T> | Class<T>;

/**
 * A typed token for a service. Created with {@link createServiceRef}; injected with
 * `@inject(ref)`; implemented by a `@Service({ provides: ref })` class or a
 * {@link createServiceFactory} factory.
 */
export interface ServiceRef<T, TScope extends ServiceScope = ServiceScope> {
  /** Brand that tells plugboard what this object is (it is checked instead of `instanceof`). */
  readonly $$type: 'plugboard.serviceRef';
  /** Unique in the app, by convention dotted: `todo.store`. */
  readonly id: string;
  /** `'root'`: one instance for the app; `'plugin'`: one instance per plugin that uses it. */
  readonly scope: TScope;
  /** The InversifyJS service identifier. Equal for every ref created with this id. */
  readonly key: symbol;
  /**
   * Called only when the app installs no implementation for this ref; it may import the
   * implementation lazily. It must only return a factory or class, with no side effects.
   */
  readonly defaultFactory?: () => MaybePromise<ServiceImplementation<T>>;
  /** Names the ref in messages. */
  toString(): string;
  /** Type carrier only: never set at run time. */
  readonly $$service?: T;
}

/** Options of {@link createServiceRef}. */
export interface ServiceRefConfig<T, TScope extends ServiceScope> {
  /** Unique in the app, by convention dotted: `todo.store`. */
  readonly id: string;
  /** `'plugin'` (the default) or `'root'`. */
  readonly scope?: TScope;
  /** See {@link ServiceRef.defaultFactory}. */
  readonly defaultFactory?: () => MaybePromise<ServiceImplementation<T>>;
}

/**
 * Creates a service ref. `scope` defaults to `'plugin'`.
 *
 * @example
 * ```ts
 * export const todoStoreRef = createServiceRef<TodoStore>({ id: 'todo.store', scope: 'plugin' });
 * ```
 * @throws PlugboardError `INVALID_TOKEN` for an empty id or an unknown scope.
 */
export function createServiceRef<T, TScope extends ServiceScope = 'root'>(
  config: ServiceRefConfig<T, TScope> & { readonly scope: 'root' },
): ServiceRef<T, 'root'>;
export function createServiceRef<T, TScope extends ServiceScope = 'plugin'>(
  config: ServiceRefConfig<T, TScope> & { readonly scope?: 'plugin' },
): ServiceRef<T, TScope>;
export function createServiceRef<T, TScope extends ServiceScope = ServiceScope>(config: ServiceRefConfig<T, TScope>): ServiceRef<T, TScope>;
export function createServiceRef<T, TScope extends ServiceScope = 'plugin'>(config: ServiceRefConfig<T, TScope>): ServiceRef<T, TScope> {
  const id: unknown = config?.id;
  assertTokenId(id, 'createServiceRef()');
  const scope = (config.scope ?? 'plugin') as TScope;
  if (scope !== 'root' && scope !== 'plugin') {
    throw new PlugboardError(
      'INVALID_TOKEN',
      `createServiceRef({ id: '${id}' }) has scope ${JSON.stringify(scope)}; use 'root' or 'plugin'.`,
      { refId: id },
    );
  }
  if (config.defaultFactory !== undefined && typeof config.defaultFactory !== 'function') {
    throw new PlugboardError(
      'INVALID_TOKEN',
      `createServiceRef({ id: '${id}' }): defaultFactory must be a function that returns a factory or class.`,
      { refId: id },
    );
  }
  const text = `serviceRef{${id}}`;
  const ref: ServiceRef<T, TScope> = {
    $$type: 'plugboard.serviceRef',
    id,
    scope,
    key: Symbol.for(`plugboard.service:${id}`),
    toString: () => text,
  };
  if (config.defaultFactory) (ref as { defaultFactory?: unknown }).defaultFactory = config.defaultFactory;
  return Object.freeze(ref);
}

/** True when `value` is a {@link ServiceRef}. */
export function isServiceRef(value: unknown): value is ServiceRef<unknown> {
  return typeof value === 'object' && value !== null && (value as { $$type?: unknown }).$$type === 'plugboard.serviceRef';
}

/** Which plugin, or module of a plugin, is asking for a service; see {@link withDependantView}. */
export interface DependantViewContext {
  readonly pluginId: string;
  readonly moduleId?: string;
}

const DEPENDANT_VIEW = Symbol('plugboard.dependantView');

/**
 * Internal: gives a ref a form per dependant. Anything of a plugin that injects the ref (the
 * plugin, a module, a plugin-scoped service or class) receives `view(instance, { pluginId,
 * moduleId? })`, `moduleId` set when a module asks, instead of the shared instance. The logger and
 * lifecycle use it to name the module, the root lifecycle to name the plugin or module. Returns a
 * new ref with the same id.
 */
export function withDependantView<T, TScope extends ServiceScope>(
  ref: ServiceRef<T, TScope>,
  view: (instance: T, context: DependantViewContext) => T,
): ServiceRef<T, TScope> {
  return Object.freeze({ ...ref, [DEPENDANT_VIEW]: view });
}

/** Internal: the per-dependant form of a ref, if it has one. */
export function dependantViewOf(ref: ServiceRef<unknown>): ((instance: unknown, context: DependantViewContext) => unknown) | undefined {
  return (ref as { [DEPENDANT_VIEW]?: (instance: unknown, context: DependantViewContext) => unknown })[DEPENDANT_VIEW];
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

/** The instances of a record of refs, as a factory receives them. */
export type ServiceInstances<TDeps extends Record<string, ServiceRef<unknown>>> = {
  [K in keyof TDeps]: TDeps[K] extends ServiceRef<infer U> ? U : never;
};

/**
 * A function-form implementation of a service ref: `factory(deps)` is called once per app
 * (root scope) or once per plugin (plugin scope). Created with {@link createServiceFactory}.
 */
export interface ServiceFactory<T = unknown, TScope extends ServiceScope = ServiceScope> {
  /** Brand that tells plugboard what this object is (it is checked instead of `instanceof`). */
  readonly $$type: 'plugboard.serviceFactory';
  /** The ref this factory implements. */
  readonly service: ServiceRef<T, TScope>;
  /** The refs the factory needs, by the names its `factory` receives them under. */
  readonly deps: Readonly<Record<string, ServiceRef<unknown>>>;
  /** Creates the instance from its resolved dependencies; plugboard calls it, once per scope. */
  readonly factory: (deps: Record<string, unknown>) => MaybePromise<T>;
}

/** Options of {@link createServiceFactory}. */
export interface ServiceFactoryConfig<T, TScope extends ServiceScope, TDeps extends Record<string, ServiceRef<unknown>>> {
  /** The ref this factory implements. */
  readonly service: ServiceRef<T, TScope>;
  /** The services the factory needs, by name. A root-scoped service may only depend on root-scoped ones. */
  readonly deps?: TDeps;
  /**
   * Creates the instance; may be async. Called once per app (root) or once per plugin (plugin).
   * Its result is checked against the ref's type (see {@link ServiceResult}).
   */
  factory(deps: ServiceInstances<TDeps>): ServiceResult<T>;
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
 * @throws PlugboardError `INVALID_TOKEN` when `service` is not a ref, a dep is not a ref, or `factory` is not a function.
 */
export function createServiceFactory<
  T,
  TScope extends ServiceScope,
  TDeps extends Record<string, ServiceRef<unknown>> = Record<never, never>,
>(config: ServiceFactoryConfig<T, TScope, TDeps>): ServiceFactory<T, TScope> {
  if (!isServiceRef(config?.service)) {
    throw new PlugboardError(
      'INVALID_TOKEN',
      'createServiceFactory() needs `service`: the ref created with createServiceRef() that it implements.',
    );
  }
  const refId = config.service.id;
  if (typeof config.factory !== 'function') {
    throw new PlugboardError('INVALID_TOKEN', `createServiceFactory() for '${refId}' needs a \`factory\` function.`, { refId });
  }
  const deps: Record<string, ServiceRef<unknown>> = {};
  for (const [name, dep] of Object.entries(config.deps ?? {})) {
    if (!isServiceRef(dep)) {
      throw new PlugboardError(
        'INVALID_TOKEN',
        `createServiceFactory() for '${refId}': dependency '${name}' is not a service ref. ` +
          `Factories depend on refs created with createServiceRef().`,
        { refId },
      );
    }
    deps[name] = dep;
  }
  return Object.freeze({
    $$type: 'plugboard.serviceFactory' as const,
    service: config.service,
    deps: Object.freeze(deps),
    // Called on the config object, so a factory written as a method keeps its `this`.
    // ServiceResult<T> is MaybePromise<T>; TypeScript cannot see that while T is generic.
    factory: (resolved: Record<string, unknown>): MaybePromise<T> => config.factory(resolved as never) as MaybePromise<T>,
  });
}

/** True when `value` is a {@link ServiceFactory}. */
export function isServiceFactory(value: unknown): value is ServiceFactory {
  return typeof value === 'object' && value !== null && (value as { $$type?: unknown }).$$type === 'plugboard.serviceFactory';
}
