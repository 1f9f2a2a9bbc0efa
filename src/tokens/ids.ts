import { plugboardError } from '../errors/index.js';

/** Plugin and module ids: lower case words separated by `-` or `.`, as in `github-actions`. */
export const FEATURE_ID_PATTERN = /^[a-z][a-z0-9]*([-.][a-z0-9]+)*$/;

/** Ids under this prefix belong to plugboard's own refs and extension points. */
export const RESERVED_ID_PREFIX = 'plugboard.';

/** Throws `INVALID_DECORATOR` unless `id` is a valid plugin or module id. */
export function assertFeatureId(id: unknown, what: string): asserts id is string {
  if (typeof id !== 'string' || !FEATURE_ID_PATTERN.test(id)) {
    throw plugboardError('INVALID_DECORATOR', { reason: 'feature-id', what, value: id });
  }
}

/** Throws `INVALID_TOKEN` unless `id` is a non-empty string (extension point and service ref ids). */
export function assertTokenId(id: unknown, what: string): asserts id is string {
  if (typeof id !== 'string' || id.trim() === '') throw plugboardError('INVALID_TOKEN', { reason: 'id', what, value: id });
}

/** Throws `INVALID_TOKEN` unless `config` is an object (so reading its options cannot throw a TypeError). */
export function assertConfigObject(config: unknown, what: string): asserts config is object {
  if (typeof config !== 'object' || config === null) throw plugboardError('INVALID_TOKEN', { reason: 'config', what, value: config });
}
