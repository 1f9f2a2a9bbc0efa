import { PlugboardError } from '../../errors/index.js';
import { kindOf, previewValue } from './describe-value.js';
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
  const from = source === undefined ? '' : ` (from ${source})`;
  const wanted = kind === 'object' ? 'an object' : `a ${kind}`;
  const shown = secret ? REDACTED : previewValue(value);
  const ids = source === undefined || source === 'config option' ? { key } : { key, file: source };
  let problem: string;
  let fix: string;
  if (origin !== undefined && origin.variables.length > 0) {
    const variables = origin.variables.map((name) => `\${${name}}`).join(', ');
    problem = `is the string ${shown}, substituted from ${variables}`;
    fix =
      kind === 'number' || kind === 'boolean'
        ? `Set ${origin.variables.join(', ')} to ${kind === 'number' ? 'a decimal number such as 7007' : 'true or false'}.`
        : `Write ${wanted} there in ${source}.`;
  } else if (quoted) {
    problem = `is the string ${shown}`;
    fix =
      source === 'config option'
        ? `Pass ${wanted} in the builder's config object, not a string.`
        : `Write it without quotes in ${source ?? 'the config'}${secret ? '' : ` (${String(value)}, not ${shown})`}: a quoted value is a string.`;
  } else {
    problem = `is ${kindOf(value)} (${shown})`;
    const where = source === 'config option' ? "the builder's config object" : (source ?? 'the config');
    fix =
      kind === 'string' && (typeof value === 'number' || typeof value === 'boolean')
        ? `Quote it in ${where} if it is meant as text, or read it with the getter of its type.`
        : `Fix the value in ${where}.`;
  }
  return new PlugboardError('CONFIG_TYPE', `Config key '${key}'${from} ${problem}, but ${wanted} was expected. ${fix}`, ids);
}
