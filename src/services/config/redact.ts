/** What a redacted value is replaced with. */
export const REDACTED = '[redacted]';

const SECRET_WORDS = /(password|passwd|pwd|secret|token|credential|apikey|privatekey|accesskey)/i;
// `key` as its own word: `key`, `api_key`, `signing-key`, `apiKey`, `privateKey` — not `keys` or `monkey`.
const KEY_WORD = /(^|[_\-.])key$|[a-z0-9]Key$/;

/** True when a config key's name looks like it holds a secret (`password`, `apiKey`, `token`...). */
export function isSecretKey(name: string): boolean {
  return SECRET_WORDS.test(name) || KEY_WORD.test(name) || name.toLowerCase() === 'key';
}

/** True when any segment of a dotted key looks like a secret (`db.password`, `auth.token.value`). */
export function isSecretPath(dotted: string): boolean {
  return dotted.split('.').some(isSecretKey);
}

/**
 * A deep copy of config data with every value under a secret-looking key replaced by
 * `[redacted]`. plugboard passes config through this before logging any of it.
 */
export function redactConfig(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactConfig);
  if (typeof value !== 'object' || value === null) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) copy[key] = isSecretKey(key) ? REDACTED : redactConfig(inner);
  return copy;
}
