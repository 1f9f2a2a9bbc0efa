/**
 * A message builder: turns the data of one error code (ids, paths, numbers) into its message.
 * `example` is the data docs/errors.md shows an example message for; the catalogue test renders
 * it and compares.
 */
export interface MessageSpec<D> {
  readonly message: (data: D) => string;
  readonly example: D;
}

/** Declares a builder with its data type inferred from `message`. */
export function spec<D>(definition: { readonly message: (data: D) => string; readonly example: NoInfer<D> }): MessageSpec<D> {
  return definition;
}
