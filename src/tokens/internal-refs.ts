import type { AnyServiceRef } from './service-ref.js';

/**
 * plugboard's own refs (ids under `plugboard.`). A user ref with such an id is refused by
 * validation (`RESERVED_ID`); only the objects registered here are plugboard's.
 */
const internal = new WeakSet<object>();

/** Marks a ref created by plugboard itself. */
export function markInternal<R extends AnyServiceRef>(ref: R): R {
  internal.add(ref);
  return ref;
}

/** True for a ref plugboard created itself. */
export function isInternalRef(ref: AnyServiceRef): boolean {
  return internal.has(ref);
}
