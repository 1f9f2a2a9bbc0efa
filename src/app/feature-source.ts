import { wiringProblem, type WiringProblem } from '../errors/index.js';
import { assertFeature, featuresOfModule } from '../model/features.js';
import { isThenable } from '../tokens/types.js';

/** What add() was given, in order; promises settle in the background and are read at start. */
type Entry =
  | { readonly kind: 'values'; readonly features: unknown[] }
  | { readonly kind: 'pending'; readonly call: number; readonly settled: Promise<Loaded> };
type Loaded = { readonly features: readonly unknown[] } | { readonly problem: WiringProblem };

/** The features add() received, flattened, and the problems loading them. */
export interface SourceFeatures {
  readonly features: unknown[];
  readonly problems: WiringProblem[];
}

/** Collects what `add()` receives and turns it into a flat list of features. */
export class FeatureSource {
  readonly #entries: Entry[] = [];
  #calls = 0;
  #loaded?: SourceFeatures | Promise<SourceFeatures>;

  /** Accepts a feature, an array of features, or a promise of an ES module. Throws `INVALID_FEATURE` at once for a bad value. */
  add(feature: unknown): void {
    const call = ++this.#calls;
    if (isThenable(feature)) {
      // A handler attached now: a rejected import must not become an unhandled rejection.
      const settled = Promise.resolve(feature).then(
        (module) => fromModule(module, call),
        (error: unknown): Loaded => ({ problem: wiringProblem('FEATURE_LOAD_FAILED', { reason: 'import', call, cause: error }) }),
      );
      this.#entries.push({ kind: 'pending', call, settled });
      return;
    }
    if (!Array.isArray(feature)) {
      assertFeature(feature, call);
      this.#append(feature);
      return;
    }
    // Copied (and every value checked before any is kept) so a later change to the caller's
    // array does not change the app.
    const values: unknown[] = feature.slice();
    for (const value of values) assertFeature(value, call);
    for (const value of values) this.#append(value);
  }

  // Consecutive calls share one entry: an app may add() ten thousand features one by one.
  #append(value: unknown): void {
    const last = this.#entries.at(-1);
    if (last?.kind === 'values') last.features.push(value);
    else this.#entries.push({ kind: 'values', features: [value] });
  }

  /**
   * The features and load problems, synchronously when no promise was added. A promise that does
   * not settle within `timeoutMs` is a `FEATURE_LOAD_FAILED` problem, never a hang. Computed once.
   */
  load(timeoutMs: number | undefined): SourceFeatures | Promise<SourceFeatures> {
    if (this.#loaded !== undefined) return this.#loaded;
    const pending = this.#entries.filter((entry): entry is Extract<Entry, { kind: 'pending' }> => entry.kind === 'pending');
    if (pending.length === 0) return (this.#loaded = this.collect([]));
    const bounded = pending.map((entry) => withDeadline(entry, timeoutMs));
    this.#loaded = Promise.all(bounded).then((results) => (this.#loaded = this.collect(results)));
    return this.#loaded;
  }

  /** True when load() can answer synchronously. */
  get isSync(): boolean {
    return this.#entries.every((entry) => entry.kind === 'values') || (this.#loaded !== undefined && !isThenable(this.#loaded));
  }

  private collect(results: readonly Loaded[]): SourceFeatures {
    const features: unknown[] = [];
    const problems: WiringProblem[] = [];
    let next = 0;
    // Indexed loops: an app may add() ten thousand features one by one, and this runs once.
    for (let index = 0; index < this.#entries.length; index++) {
      const entry = this.#entries[index]!;
      const loaded: Loaded = entry.kind === 'values' ? entry : results[next++]!;
      if ('problem' in loaded) problems.push(loaded.problem);
      else for (let f = 0; f < loaded.features.length; f++) features.push(loaded.features[f]);
    }
    return { features, problems };
  }
}

/** The entry's result, or a problem once `ms` passed. The timer keeps the process alive while it waits. */
function withDeadline(entry: Extract<Entry, { kind: 'pending' }>, ms: number | undefined): Promise<Loaded> {
  if (ms === undefined || ms === Infinity) return entry.settled;
  return new Promise((resolve) => {
    const timer = setTimeout(
      () => resolve({ problem: wiringProblem('FEATURE_LOAD_FAILED', { reason: 'import-timeout', call: entry.call, ms }) }),
      ms,
    );
    void entry.settled.then((loaded) => {
      clearTimeout(timer);
      resolve(loaded);
    });
  });
}

/** The features of a module passed to add() as a promise, or the problem with it. */
function fromModule(module: unknown, call: number): Loaded {
  const found = featuresOfModule(module);
  return 'features' in found
    ? found
    : { problem: wiringProblem('INVALID_FEATURE', { reason: 'module', call, rejection: found.rejection }) };
}
