import { PlugboardError } from '../../errors/index.js';
import type { ConfigService } from './config-service.js';
import { isSecretPath, REDACTED } from './redact.js';

/** Where each value came from, by full dotted key: `'config option'` or a file path. */
export type SourceMap = ReadonlyMap<string, string>;

type Kind = 'string' | 'number' | 'boolean' | 'object';

/** A read-only view over frozen config data. */
export class ConfigReader implements ConfigService {
  constructor(
    private readonly data: Readonly<Record<string, unknown>>,
    private readonly sources: SourceMap = new Map(),
    private readonly prefix = '',
  ) {}

  has(key: string): boolean {
    return this.lookup(key) !== undefined;
  }

  get<T = unknown>(key: string): T {
    const value = this.lookup(key);
    if (value === undefined) throw this.missing(key);
    return value as T;
  }

  getOptional<T = unknown>(key: string): T | undefined {
    return this.lookup(key) as T | undefined;
  }

  getString(key: string): string {
    return this.read(key, 'string', true) as string;
  }
  getNumber(key: string): number {
    return this.read(key, 'number', true) as number;
  }
  getBoolean(key: string): boolean {
    return this.read(key, 'boolean', true) as boolean;
  }
  getOptionalString(key: string): string | undefined {
    return this.read(key, 'string', false) as string | undefined;
  }
  getOptionalNumber(key: string): number | undefined {
    return this.read(key, 'number', false) as number | undefined;
  }
  getOptionalBoolean(key: string): boolean | undefined {
    return this.read(key, 'boolean', false) as boolean | undefined;
  }

  getConfig(key: string): ConfigService {
    return new ConfigReader(this.read(key, 'object', true) as Record<string, unknown>, this.sources, this.full(key));
  }

  getOptionalConfig(key: string): ConfigService | undefined {
    const value = this.read(key, 'object', false) as Record<string, unknown> | undefined;
    return value === undefined ? undefined : new ConfigReader(value, this.sources, this.full(key));
  }

  keys(): string[] {
    return Object.keys(this.data);
  }

  /** @internal The data behind this view (frozen), for plugboard's own redacted logging. */
  get raw(): Readonly<Record<string, unknown>> {
    return this.data;
  }

  /** @internal The files the data came from, in order. */
  get files(): string[] {
    return [...new Set(this.sources.values())].filter((source) => source !== 'config option');
  }

  private read(key: string, kind: Kind, required: boolean): unknown {
    const value = this.lookup(key);
    if (value === undefined) {
      if (required) throw this.missing(key);
      return undefined;
    }
    const actual = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
    if (actual !== kind) {
      const full = this.full(key);
      throw new PlugboardError(
        'CONFIG_TYPE',
        `Config key '${full}'${this.from(full)} is ${actual === 'object' ? 'an object' : `a ${actual}`} (${isSecretPath(full) ? REDACTED : preview(value)}), but a ${kind} was expected. Fix the value in the config.`,
        this.errorIds(full),
      );
    }
    return value;
  }

  private lookup(key: string): unknown {
    if (typeof key !== 'string' || key === '') {
      throw new PlugboardError('CONFIG_MISSING', `Config keys are non-empty dotted strings such as 'db.url', got ${JSON.stringify(key)}.`);
    }
    let current: unknown = this.data;
    for (const part of key.split('.')) {
      if (current === null || typeof current !== 'object' || Array.isArray(current)) return undefined;
      if (!Object.prototype.hasOwnProperty.call(current, part)) return undefined;
      current = (current as Record<string, unknown>)[part];
    }
    return current === null ? undefined : current;
  }

  private missing(key: string): PlugboardError {
    const full = this.full(key);
    return new PlugboardError(
      'CONFIG_MISSING',
      `Config key '${full}' is missing. Add it to the config object passed to ContainerBuilder, or to a config file (configFiles or PLUGBOARD_CONFIG).`,
      { key: full },
    );
  }

  private full(key: string): string {
    return this.prefix === '' ? key : `${this.prefix}.${key}`;
  }

  private from(full: string): string {
    const source = this.sourceOf(full);
    return source === undefined ? '' : ` (from ${source})`;
  }

  private errorIds(full: string): { key: string; file?: string } {
    const source = this.sourceOf(full);
    return source !== undefined && source !== 'config option' ? { key: full, file: source } : { key: full };
  }

  private sourceOf(full: string): string | undefined {
    for (let key = full; key !== ''; key = key.includes('.') ? key.slice(0, key.lastIndexOf('.')) : '') {
      const source = this.sources.get(key);
      if (source !== undefined) return source;
    }
    return undefined;
  }
}

function preview(value: unknown): string {
  if (typeof value === 'object') return Array.isArray(value) ? '[...]' : '{...}';
  const text = JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}
