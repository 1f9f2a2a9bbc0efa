import { plugboardError, type PlugboardError } from '../../errors/index.js';
import { kindOf, previewValue } from './value-preview.js';
import { isSecretPath, REDACTED } from './redact.js';
import type { Origin } from './tree.js';

/** What a typed getter asks for. */
export type ValueKind = 'string' | 'number' | 'boolean' | 'object';

// A finite decimal number, nothing else: no spaces, hex, `Infinity` or empty string.
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * The value as the requested kind. Types are strict, with one exception: a string made by
 * `${VAR}` substitution is read as a number when it is exactly a finite decimal number, and as a
 * boolean when it is exactly `true` or `false` (environment variables are always strings).
 *
 * @throws PlugboardError `CONFIG_TYPE` naming the key and the file, saying how to fix the value.
 */
export function readAs(value: unknown, kind: ValueKind, key: string, origin: Origin | undefined): unknown {
  const actual = value === null ? 'null' : Array.isArray(value) ? 'list' : typeof value;
  if (actual === kind) return value;
  const fromEnv = origin !== undefined && origin.variables.length > 0;
  if (typeof value === 'string') {
    const parsed = parse(value, kind);
    if (parsed !== undefined && fromEnv) return parsed;
    throw typeError(value, kind, key, origin, parsed !== undefined);
  }
  throw typeError(value, kind, key, origin, false);
}

function parse(text: string, kind: ValueKind): number | boolean | undefined {
  if (kind === 'number') {
    if (!DECIMAL.test(text)) return undefined;
    const number = Number(text);
    return Number.isFinite(number) ? number : undefined;
  }
  if (kind === 'boolean') return text === 'true' ? true : text === 'false' ? false : undefined;
  return undefined;
}

function typeError(value: unknown, kind: ValueKind, key: string, origin: Origin | undefined, quoted: boolean): PlugboardError {
  const secret = isSecretPath(key);
  const source = origin?.source;
  const preview = secret ? REDACTED : previewValue(value);
  return plugboardError('CONFIG_TYPE', {
    reason: 'type',
    key,
    ...(source === undefined ? {} : { source }),
    ...(source === undefined || source === 'config option' ? {} : { file: source }),
    actual: kindOf(value),
    expected: kind,
    preview,
    quoted,
    ...(quoted && !secret ? { unquoted: String(value) } : {}),
    scalarAsString: kind === 'string' && (typeof value === 'number' || typeof value === 'boolean'),
    variables: origin?.variables ?? [],
  });
}
