/**
 * An async creation that failed, as InversifyJS caches it. InversifyJS derives promises from a
 * pending singleton that nobody observes; a rejected one would surface as an unhandled
 * rejection. So async creations resolve to this box, and every read unwraps it and throws.
 */
export class CreationFailure {
  constructor(readonly error: unknown) {}
}

/** A creation promise that never rejects: failures resolve to a {@link CreationFailure}. */
export function settle(work: PromiseLike<unknown>): Promise<unknown> {
  return Promise.resolve(work).then(undefined, (error: unknown) => new CreationFailure(error));
}

/** The value read from a container, or the error its creation failed with, thrown. */
export function unwrapCreation(value: unknown): unknown {
  if (value instanceof CreationFailure) throw value.error;
  return value;
}
