import { assertTokenId } from './ids.js';

/**
 * A typed injection token for a plugin's extension point. Bound only in the child container of
 * the plugin (or module) that provides it; modules of that plugin inject it with
 * `@inject(extensionPoint)`.
 */
export interface ExtensionPoint<T> {
  /** Brand that tells plugboard what this object is (it is checked instead of `instanceof`). */
  readonly $$type: 'plugboard.extensionPoint';
  /** Unique in the app, by convention dotted: `scaffolder.actions`. */
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
  const id: unknown = config?.id;
  assertTokenId(id, 'createExtensionPoint()');
  const text = `extensionPoint{${id}}`;
  return Object.freeze({
    $$type: 'plugboard.extensionPoint' as const,
    id,
    key: Symbol.for(`plugboard.extensionPoint:${id}`),
    toString: () => text,
  });
}

/** True when `value` is an {@link ExtensionPoint}. */
export function isExtensionPoint(value: unknown): value is ExtensionPoint<unknown> {
  return typeof value === 'object' && value !== null && (value as { $$type?: unknown }).$$type === 'plugboard.extensionPoint';
}
