import { describeThrown, type WiringProblem } from '../errors.js';
import { assertFeature, featureRejection } from '../model/features.js';
import { isThenable } from '../tokens/types.js';

/** What add() was given, in order; promises settle in the background and are read at start. */
type Entry =
  { readonly kind: 'values'; readonly values: readonly unknown[] } | { readonly kind: 'pending'; readonly settled: Promise<Loaded> };
type Loaded = { readonly features: unknown[] } | { readonly problem: WiringProblem };

/** Collects what `add()` receives and turns it into a flat list of features. */
export class FeatureSource {
  private readonly entries: Entry[] = [];
  private loaded?: { features: unknown[]; problems: WiringProblem[] } | Promise<{ features: unknown[]; problems: WiringProblem[] }>;

  /** Accepts a feature, an array of features, or a promise of an ES module. Throws `INVALID_FEATURE` at once for a bad value. */
  add(feature: unknown): void {
    if (isThenable(feature)) {
      const index = this.entries.length;
      // A handler attached now: a rejected import must not become an unhandled rejection.
      const settled = Promise.resolve(feature).then(
        (module) => fromModule(module, index),
        (error: unknown): Loaded => ({
          problem: {
            code: 'FEATURE_LOAD_FAILED',
            message: `The feature module passed to add() (call #${index + 1}) failed to load: ${describeThrown(error)}. Fix the import or remove it.`,
          },
        }),
      );
      this.entries.push({ kind: 'pending', settled });
      return;
    }
    // One entry per call (an app may add thousands of features in one array), copied so a later
    // change to the caller's array does not change the app.
    const values: unknown[] = Array.isArray(feature) ? feature.slice() : [feature];
    const call = this.entries.length + 1;
    const where = (): string => `add() call #${call}`;
    for (let index = 0; index < values.length; index++) assertFeature(values[index], where);
    this.entries.push({ kind: 'values', values });
  }

  /** The features and load problems, synchronously when no promise was added. Computed once. */
  load(): { features: unknown[]; problems: WiringProblem[] } | Promise<{ features: unknown[]; problems: WiringProblem[] }> {
    if (this.loaded !== undefined) return this.loaded;
    const pending = this.entries.filter((e) => e.kind === 'pending');
    const collect = (results: readonly Loaded[]): { features: unknown[]; problems: WiringProblem[] } => {
      const features: unknown[] = [];
      const problems: WiringProblem[] = [];
      let next = 0;
      const append = (values: readonly unknown[]): void => {
        for (let index = 0; index < values.length; index++) features.push(values[index]);
      };
      for (const entry of this.entries) {
        if (entry.kind === 'values') {
          append(entry.values);
          continue;
        }
        const result = results[next++]!;
        if ('problem' in result) problems.push(result.problem);
        else append(result.features);
      }
      return { features, problems };
    };
    this.loaded =
      pending.length === 0
        ? collect([])
        : Promise.all(pending.map((e) => (e as { settled: Promise<Loaded> }).settled)).then((results) => (this.loaded = collect(results)));
    return this.loaded;
  }

  /** True when load() can answer synchronously. */
  get isSync(): boolean {
    return this.entries.every((e) => e.kind === 'values') || (this.loaded !== undefined && !isThenable(this.loaded));
  }
}

function fromModule(module: unknown, index: number): Loaded {
  const exported = (module as { default?: unknown } | null)?.default;
  const values = Array.isArray(exported) ? exported : [exported];
  for (const value of values) {
    const reason = featureRejection(value);
    if (reason !== undefined) {
      return {
        problem: {
          code: 'INVALID_FEATURE',
          message:
            `The ES module passed to add() (call #${index + 1}) must have a default export that is a feature or an ` +
            `array of features, but ${exported === undefined ? 'it has no default export' : reason}.`,
        },
      };
    }
  }
  return { features: values };
}
