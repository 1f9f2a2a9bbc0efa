/**
 * How many cases each property runs. CI runs a few dozen per property; `PLUGBOARD_SOAK_RUNS=N`
 * runs N (the soak mode, `npm run test:soak`), with no jest timeout. A failure prints the seed
 * and path; `PLUGBOARD_SEED=<seed> PLUGBOARD_PATH=<path>` replays exactly that case.
 */
import type fc from 'fast-check';

export interface PropertySettings {
  /** Parameters for `fc.assert`. */
  readonly params: fc.Parameters<unknown>;
  /** The jest timeout for the test. */
  readonly timeoutMs: number;
  /** The seed in use, to name it where fast-check cannot (see the hygiene property). */
  readonly seed: number;
}

const integer = (name: string): number | undefined => {
  const value = process.env[name];
  if (value === undefined || value === '') return undefined;
  const parsed = Number(value);
  if (!Number.isInteger(parsed)) throw new Error(`${name} must be an integer, got ${JSON.stringify(value)}`);
  return parsed;
};

/** Settings for a property that runs `normalRuns` cases outside soak mode. */
export function propertySettings(normalRuns: number): PropertySettings {
  const soak = integer('PLUGBOARD_SOAK_RUNS');
  const seed = integer('PLUGBOARD_SEED') ?? (Math.random() * 2 ** 31) | 0;
  const path = process.env['PLUGBOARD_PATH'];
  if (soak !== undefined && soak > 0) {
    // Soak runs take as long as they take; jest's timeout is a 32-bit number of ms.
    return { params: { numRuns: soak, seed, ...(path ? { path } : {}) }, timeoutMs: 2 ** 31 - 1, seed };
  }
  return {
    // A failure found late (or a slow shrink of hangs) is still reported, with its seed, before jest's timeout.
    params: { numRuns: normalRuns, seed, ...(path ? { path } : {}), interruptAfterTimeLimit: 45_000, markInterruptAsFailure: true },
    timeoutMs: 60_000,
    seed,
  };
}
