import { plugboardError } from '../../errors/index.js';

/** The environment variables `${VAR}` reads. */
export type ConfigEnv = Readonly<Record<string, string | undefined>>;

/** A string value after substitution, and the variables it used (empty when it used none). */
export interface Substituted {
  readonly value: string;
  readonly variables: readonly string[];
}

/** Where a string value is, for the error about an unset variable. */
export interface ValueLocation {
  readonly key: string;
  /** A file path, or `'config option'`. */
  readonly origin: string;
}

const DOLLAR = 0x24;
const OPEN = 0x7b;

/**
 * Replaces `${VAR}` and `${VAR:-default}` in a string value; `$${...}` stays a literal `${...}`.
 * A scan in linear time (a regular expression with a `[^}]*` default backtracks quadratically on
 * a long value full of unclosed `${A:-`).
 *
 * @throws PlugboardError `CONFIG_MISSING` naming the variable, key and file, for an unset
 * variable without default.
 */
export function substituteEnv(text: string, env: ConfigEnv, location: ValueLocation): Substituted {
  let start = text.indexOf('$');
  if (start === -1) return { value: text, variables: [] };
  const closing = closingBraceFinder(text);
  const variables: string[] = [];
  let result = '';
  let copied = 0;
  while (start !== -1) {
    const escaped = text.charCodeAt(start + 1) === DOLLAR;
    const reference = readReference(text, escaped ? start + 2 : start + 1, closing);
    if (reference === undefined) {
      start = text.indexOf('$', start + 1);
      continue;
    }
    result += text.slice(copied, start);
    if (escaped) {
      result += text.slice(start + 1, reference.end);
    } else {
      result += valueOf(reference, env, location);
      variables.push(reference.name);
    }
    copied = reference.end;
    start = text.indexOf('$', copied);
  }
  return { value: result + text.slice(copied), variables };
}

interface Reference {
  readonly name: string;
  readonly fallback: string | undefined;
  /** Index just after the closing brace. */
  readonly end: number;
}

/** `{NAME}` or `{NAME:-fallback}` at `open`, or undefined when the text there is not one. */
function readReference(text: string, open: number, closing: (from: number) => number): Reference | undefined {
  if (text.charCodeAt(open) !== OPEN || !isNameStart(text.charCodeAt(open + 1))) return undefined;
  let end = open + 2;
  while (isNameChar(text.charCodeAt(end))) end += 1;
  const name = text.slice(open + 1, end);
  if (text.charCodeAt(end) === 0x7d) return { name, fallback: undefined, end: end + 1 };
  if (!text.startsWith(':-', end)) return undefined;
  const close = closing(end + 2);
  return close === -1 ? undefined : { name, fallback: text.slice(end + 2, close), end: close + 1 };
}

/**
 * `text.indexOf('}', from)` for increasing `from`, reusing the last answer while it still holds,
 * so that all calls together scan the text once.
 */
function closingBraceFinder(text: string): (from: number) => number {
  let searchedFrom = -1;
  let found = -1;
  return (from) => {
    if (searchedFrom === -1 || from < searchedFrom || (found !== -1 && found < from)) {
      searchedFrom = from;
      found = text.indexOf('}', from);
    }
    return found;
  };
}

function valueOf(reference: Reference, env: ConfigEnv, location: ValueLocation): string {
  // Own properties only: `${constructor}` must not read Object.prototype.constructor.
  const value = Object.hasOwn(env, reference.name) ? env[reference.name] : undefined;
  if (typeof value === 'string') return value;
  if (reference.fallback !== undefined) return reference.fallback;
  const { key, origin } = location;
  throw plugboardError('CONFIG_MISSING', {
    reason: 'env',
    name: reference.name,
    key,
    origin,
    ...(origin === 'config option' ? {} : { file: origin }),
  });
}

function isNameStart(code: number): boolean {
  return (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a) || code === 0x5f;
}

function isNameChar(code: number): boolean {
  return isNameStart(code) || (code >= 0x30 && code <= 0x39);
}
