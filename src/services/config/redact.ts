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
 * `[redacted]`. plugboard passes config through this before logging any of it. Iterative (no
 * stack depth, linear time); a value that contains itself shows `[cycle]` there.
 */
export function redactConfig(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const root = emptyCopyOf(value);
  const onPath = new Set<object>([value]);
  const stack: Frame[] = [{ from: value, into: root, entries: Object.entries(value), next: 0 }];
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    const entry = frame.entries[frame.next];
    if (entry === undefined) {
      onPath.delete(frame.from);
      stack.pop();
      continue;
    }
    frame.next += 1;
    const [key, inner] = entry;
    let copy: unknown = inner;
    if (isSecretKey(key)) {
      copy = REDACTED;
    } else if (typeof inner === 'object' && inner !== null) {
      if (onPath.has(inner)) {
        copy = '[cycle]';
      } else {
        const into = emptyCopyOf(inner);
        onPath.add(inner);
        stack.push({ from: inner, into, entries: Object.entries(inner), next: 0 });
        copy = into;
      }
    }
    // defineProperty: a key named __proto__ stays an ordinary key of the copy.
    Object.defineProperty(frame.into, key, { value: copy, enumerable: true, writable: true, configurable: true });
  }
  return root;
}

interface Frame {
  readonly from: object;
  readonly into: Record<string, unknown>;
  readonly entries: readonly (readonly [string, unknown])[];
  next: number;
}

function emptyCopyOf(value: object): Record<string, unknown> {
  return (Array.isArray(value) ? [] : {}) as Record<string, unknown>;
}
