/** Keys that could reach a prototype if copied: never copied. */
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** True for plain objects (not arrays, not null). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Copies `source` over `target` (objects merge, everything else replaces), recording each leaf's
 * origin in `sources`. Unsafe keys are dropped. Returns null-prototype objects.
 */
export function mergeInto(
  target: Record<string, unknown>,
  source: Record<string, unknown>,
  origin: string,
  sources: Map<string, string>,
  prefix = '',
): Record<string, unknown> {
  for (const key of Object.keys(source)) {
    if (UNSAFE_KEYS.has(key)) continue;
    const full = prefix === '' ? key : `${prefix}.${key}`;
    const value = source[key];
    if (isPlainObject(value)) {
      const existing = target[key];
      const base = isPlainObject(existing) ? existing : (Object.create(null) as Record<string, unknown>);
      target[key] = mergeInto(base, value, origin, sources, full);
    } else {
      target[key] = Array.isArray(value)
        ? (value as unknown[]).map((item) =>
            isPlainObject(item) ? mergeInto(Object.create(null) as Record<string, unknown>, item, origin, sources, full) : item,
          )
        : value;
    }
    sources.set(full, origin);
  }
  return target;
}

/** Freezes a value and everything inside it. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}
