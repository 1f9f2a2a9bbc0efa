import { plugboardError, type PlugboardError } from '../../errors/index.js';
import type { ConfigService } from './config-service.js';
import type { ConfigObject, ConfigTree, Origin } from './tree.js';
import { readAs, type ValueKind } from './typed-value.js';

interface Found {
  readonly value: unknown;
  readonly origin: Origin | undefined;
}

/**
 * A read-only view over loaded config data.
 *
 * Immutable in fact, not only in its types: one reader is shared by every plugin, so a module
 * must not be able to change what another plugin reads. Its state is in `#private` fields (no
 * property, symbol or prototype leads to it), its methods are own frozen properties (they also
 * work detached: `const { getString } = config`), every instance, the prototype and the class are
 * frozen, and the data is frozen.
 */
export class ConfigReader implements ConfigService {
  readonly #tree: ConfigTree;
  readonly #node: ConfigObject;
  readonly #prefix: string;

  /** @internal Readers are made by `loadConfig`, `createConfigView` and `getConfig`. */
  constructor(tree: ConfigTree, prefix = '', node: ConfigObject = tree.root) {
    this.#tree = tree;
    this.#prefix = prefix;
    this.#node = node;
    Object.freeze(this);
  }

  readonly has = (key: string): boolean => this.#find(key) !== undefined;

  readonly get = <T = unknown>(key: string): T => {
    const found = this.#find(key);
    if (found === undefined) throw this.#missing(key);
    return found.value as T;
  };

  readonly getOptional = <T = unknown>(key: string): T | undefined => this.#find(key)?.value as T | undefined;

  readonly getString = (key: string): string => this.#read(key, 'string', true) as string;
  readonly getNumber = (key: string): number => this.#read(key, 'number', true) as number;
  readonly getBoolean = (key: string): boolean => this.#read(key, 'boolean', true) as boolean;
  readonly getOptionalString = (key: string): string | undefined => this.#read(key, 'string', false) as string | undefined;
  readonly getOptionalNumber = (key: string): number | undefined => this.#read(key, 'number', false) as number | undefined;
  readonly getOptionalBoolean = (key: string): boolean | undefined => this.#read(key, 'boolean', false) as boolean | undefined;

  readonly getConfig = (key: string): ConfigService => {
    const node = this.#read(key, 'object', true) as ConfigObject;
    return new ConfigReader(this.#tree, this.#full(key), node);
  };

  readonly getOptionalConfig = (key: string): ConfigService | undefined => {
    const node = this.#read(key, 'object', false) as ConfigObject | undefined;
    return node === undefined ? undefined : new ConfigReader(this.#tree, this.#full(key), node);
  };

  readonly keys = (): string[] => Object.keys(this.#node);

  /** @internal The data behind this view (frozen), for plugboard's own redacted logging. */
  get raw(): Readonly<Record<string, unknown>> {
    return this.#node;
  }

  /** @internal The files the config was read from, in order. */
  get files(): string[] {
    return [...this.#tree.files];
  }

  #read(key: string, kind: ValueKind, required: boolean): unknown {
    const found = this.#find(key);
    if (found === undefined) {
      if (required) throw this.#missing(key);
      return undefined;
    }
    return readAs(found.value, kind, this.#full(key), found.origin);
  }

  /** The value at a dotted key, undefined when there is none (a null value counts as none). */
  #find(key: string): Found | undefined {
    if (typeof key !== 'string' || key === '') {
      throw plugboardError('CONFIG_MISSING', { reason: 'bad-key', value: key, view: this.#prefix });
    }
    let container: ConfigObject = this.#node;
    let value: unknown = container;
    let name = '';
    for (const part of key.split('.')) {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
      container = value as ConfigObject;
      // The data's objects have no prototype: an own-property test is the whole test.
      if (!Object.hasOwn(container, part)) return undefined;
      name = part;
      value = container[part];
    }
    if (value === null || value === undefined) return undefined;
    return { value, origin: this.#tree.origins.get(container)?.get(name) };
  }

  #missing(key: string): PlugboardError {
    const full = this.#full(key);
    return plugboardError('CONFIG_MISSING', { reason: 'key', key: full });
  }

  #full(key: string): string {
    return this.#prefix === '' ? key : `${this.#prefix}.${key}`;
  }
}

// Nothing shared by every reader can be changed either.
Object.freeze(ConfigReader.prototype);
Object.freeze(ConfigReader);
