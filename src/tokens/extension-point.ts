import { hasBrand } from './service-ref.js';
import { assertConfigObject, assertTokenId } from './ids.js';

/**
 * A typed injection token for a plugin's extension point. Bound only in the child container of
 * the plugin (or module) that provides it; modules of that plugin inject it with
 * `@inject(extensionPoint)` and receive a guarded view of the implementation.
 */
export interface ExtensionPoint<T> {
  /** Brand that tells plugboard what this object is (it is checked instead of `instanceof`). */
  readonly $$type: 'plugboard.extensionPoint';
  /** Unique in the app, by convention dotted: `scaffolder.actions`. Ids starting with `plugboard.` are reserved. */
  readonly id: string;
  /** The InversifyJS service identifier. Equal for every token created with this id. */
  readonly key: symbol;
  /** Names the extension point in messages. */
  toString(): string;
  /** Type carrier only: never set at run time. */
  readonly $$extension?: T;
}

/** Options of {@link createExtensionPoint}. */
export interface ExtensionPointConfig {
  /** Unique in the app, by convention dotted: `scaffolder.actions`. */
  readonly id: string;
}

/**
 * What an extension point factory (`{ provide, useFactory }`) receives, once per module that
 * injects the point (and once for the provider itself if it injects it).
 */
export interface ExtensionPointFactoryContext {
  /** The plugin the extension point belongs to. */
  readonly pluginId: string;
  /** The module the result is for; undefined when it is for the provider itself. */
  readonly moduleId: string | undefined;
  /**
   * Attributes a failure to this module: its start record becomes `failed` with `error`, and the
   * module boot-failure policy applies as if its `@onInit` had thrown. Call it before the
   * provider's `@onInit` settles; later calls throw `MODULE_FAILURE_TOO_LATE`.
   */
  // A function property, not a method: `({ reportModuleStartupFailure }) => …` is the Backstage idiom.
  readonly reportModuleStartupFailure: (options: { readonly error: unknown }) => void;
}

/**
 * Creates the token of an extension point whose interface is `T`.
 *
 * @example
 * ```ts
 * export interface ActionsExtensionPoint { addAction(action: Action): void }
 * export const actionsExtensionPoint =
 *   createExtensionPoint<ActionsExtensionPoint>({ id: 'scaffolder.actions' });
 * ```
 * @throws PlugboardError `INVALID_TOKEN` when the id is not a non-empty string.
 */
export function createExtensionPoint<T>(config: ExtensionPointConfig): ExtensionPoint<T> {
  assertConfigObject(config, 'createExtensionPoint()');
  const id: unknown = config.id;
  assertTokenId(id, 'createExtensionPoint()');
  const text = `extensionPoint{${id}}`;
  return Object.freeze({
    $$type: 'plugboard.extensionPoint' as const,
    id,
    key: Symbol.for(`plugboard.extensionPoint:${id}`),
    toString: () => text,
  });
}

/** True when `value` is an {@link ExtensionPoint}. Never throws. */
export function isExtensionPoint(value: unknown): value is ExtensionPoint<unknown> {
  return hasBrand(value, 'plugboard.extensionPoint');
}
