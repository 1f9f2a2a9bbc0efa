import { PlugboardError } from '../errors.js';

/** Plugin and module ids: lower case words separated by `-` or `.`, as in `github-actions`. */
export const FEATURE_ID_PATTERN = /^[a-z][a-z0-9]*([-.][a-z0-9]+)*$/;

/** Throws `INVALID_DECORATOR` unless `id` is a valid plugin or module id. */
export function assertFeatureId(id: unknown, what: string): asserts id is string {
  if (typeof id !== 'string' || !FEATURE_ID_PATTERN.test(id)) {
    throw new PlugboardError(
      'INVALID_DECORATOR',
      `${what} has an invalid id ${JSON.stringify(id)}: ids are lower case words separated by '-' or '.', ` +
        `starting with a letter (for example 'catalog' or 'github-actions').`,
    );
  }
}

/** Throws `INVALID_TOKEN` unless `id` is a non-empty string (extension point and service ref ids). */
export function assertTokenId(id: unknown, what: string): asserts id is string {
  if (typeof id !== 'string' || id.trim() === '') {
    throw new PlugboardError(
      'INVALID_TOKEN',
      `${what} needs a non-empty string id, got ${JSON.stringify(id)}; by convention ids are dotted, ` + `as in 'scaffolder.actions'.`,
    );
  }
}
