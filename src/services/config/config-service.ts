/**
 * Read access to the app's configuration. Keys are dotted paths: `'db.pool.max'`. Reads are
 * strictly typed, except that a string made by `${VAR}` substitution is also read as the number
 * (exactly a finite decimal) or boolean (exactly `true`/`false`) it spells. Readers and the data
 * they return are frozen.
 */
export interface ConfigService {
  /** True when the key has a value. */
  has(key: string): boolean;
  /** The value at the key (deep-frozen). @throws `CONFIG_MISSING` when it has none. */
  get<T = unknown>(key: string): T;
  /** The value at the key, or undefined. */
  getOptional<T = unknown>(key: string): T | undefined;
  /** @throws `CONFIG_MISSING` when missing, `CONFIG_TYPE` when not a string. */
  getString(key: string): string;
  /** @throws `CONFIG_MISSING` when missing, `CONFIG_TYPE` when not a number (nor a substituted `${VAR}` spelling one). */
  getNumber(key: string): number;
  /** @throws `CONFIG_MISSING` when missing, `CONFIG_TYPE` when not a boolean (nor a substituted `true`/`false`). */
  getBoolean(key: string): boolean;
  /** undefined when missing. @throws `CONFIG_TYPE` when present and not a string. */
  getOptionalString(key: string): string | undefined;
  /** undefined when missing. @throws `CONFIG_TYPE` when present and not a number (as for getNumber). */
  getOptionalNumber(key: string): number | undefined;
  /** undefined when missing. @throws `CONFIG_TYPE` when present and not a boolean (as for getBoolean). */
  getOptionalBoolean(key: string): boolean | undefined;
  /** A view of the object at the key; its keys are relative. @throws `CONFIG_MISSING`, `CONFIG_TYPE`. */
  getConfig(key: string): ConfigService;
  /** Like getConfig, or undefined when missing. */
  getOptionalConfig(key: string): ConfigService | undefined;
  /** The keys at the top of this view. */
  keys(): string[];
}
