// Medians, ranges and the number formats every table of the benchmark uses.

export function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export function stats(values) {
  return { median: median(values), min: Math.min(...values), max: Math.max(...values) };
}

export function fmt(v) {
  if (v >= 100) return v.toFixed(0);
  if (v >= 10) return v.toFixed(1);
  return v.toFixed(2);
}

/** `median (min–max)`, or the median alone when every run gave the same figure. */
export function cell(s, digits) {
  const f = digits === 0 ? (v) => v.toFixed(0) : fmt;
  return s.min === s.max ? f(s.median) : `${f(s.median)} (${f(s.min)}–${f(s.max)})`;
}

export function ratio(value, base) {
  if (base === undefined || !(base > 0) || value === undefined) return 'n/a';
  const r = value / base;
  return `${r >= 10 ? r.toFixed(0) : r.toFixed(2)}×`;
}

/** Rotation r of the list: r=0 -> A B C D, r=1 -> B C D A, ... */
export function rotate(list, r) {
  const k = r % list.length;
  return [...list.slice(k), ...list.slice(0, k)];
}

/** Parses `10x5,100x10:3` into sizes; a size may carry its own run count after a colon. */
export function parseSizes(text, runs) {
  return String(text)
    .split(',')
    .filter(Boolean)
    .map((s) => {
      const m = /^(\d+)x(\d+)(?::(\d+))?$/.exec(s.trim());
      if (!m || +m[1] < 1 || +m[2] < 1 || (m[3] !== undefined && +m[3] < 1)) {
        throw new Error(`bad size '${s}' (expected NxM or NxM:RUNS, e.g. 100x10 or 5000x10:1)`);
      }
      return { n: +m[1], m: +m[2], runs: m[3] === undefined ? runs : +m[3] };
    });
}
