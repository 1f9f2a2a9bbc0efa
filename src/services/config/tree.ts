/**
 * A config object. Null prototype: `constructor` and `prototype` are ordinary keys (they are
 * valid plugin ids), and no key can reach `Object.prototype`. Frozen once loaded.
 */
export type ConfigObject = Record<string, unknown>;

/** Where the value of one key came from. */
export interface Origin {
  /** The file path, or `'config option'` for the builder's `config` object. */
  readonly source: string;
  /** For a string value that used `${VAR}`: the variables substituted into it (else empty). */
  readonly variables: readonly string[];
}

/** The loaded config: frozen data, and where each key's value came from. */
export interface ConfigTree {
  readonly root: ConfigObject;
  /** For each object of the data, the origin of each of its keys. */
  readonly origins: WeakMap<object, Map<string, Origin>>;
  /** The files read, in order. */
  readonly files: readonly string[];
}

/** An empty config object. */
export function newConfigObject(): ConfigObject {
  return Object.create(null) as ConfigObject;
}

/**
 * True for plain data objects: `{}` literals, parsed JSON/YAML, null-prototype objects (also
 * from another realm). Not arrays, class instances, Dates, Maps.
 */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value) as object | null;
  return prototype === null || Object.getPrototypeOf(prototype) === null;
}

/** Freezes the tree's objects and lists (iteratively: depth costs no stack). */
export function freezeTree(root: ConfigObject): void {
  const pending: object[] = [root];
  while (pending.length > 0) {
    const value = pending.pop()!;
    Object.freeze(value);
    for (const inner of Object.values(value as Record<string, unknown>)) {
      if (typeof inner === 'object' && inner !== null && !Object.isFrozen(inner)) pending.push(inner);
    }
  }
}
