import { plugboardError } from '../errors/index.js';
import {
  hasBrand,
  isServiceRef,
  type AnyServiceRef,
  type ServiceInstances,
  type ServiceMultiplicity,
  type ServiceRef,
} from './service-ref.js';

/** What a loader may return: features as an array, a promise, or a (sync or async) generator. */
export type LoadedFeatures = readonly unknown[] | Promise<readonly unknown[]> | Iterable<unknown> | AsyncIterable<unknown>;

/**
 * Installs features decided at start: `loader(deps)` runs once root services it depends on
 * exist (config, for instance), before validation. Made with {@link createFeatureLoader}.
 */
export interface FeatureLoader {
  /** Brand that tells plugboard what this object is (it is checked instead of `instanceof`). */
  readonly $$type: 'plugboard.featureLoader';
  /** Names the loader in messages. */
  readonly name: string;
  /** The root-scoped refs the loader needs, by the names `loader` receives them under. */
  readonly deps: Readonly<Record<string, AnyServiceRef>>;
  /** Returns the features to install; plugboard calls it once, before validating the wiring. */
  readonly loader: (deps: Record<string, unknown>) => LoadedFeatures;
  /** @internal Modules it returns whose plugin is not installed are left out (with a log line) instead of being an error. */
  readonly skipOrphanModules: boolean;
}

/** Options of {@link createFeatureLoader}. */
export interface FeatureLoaderConfig<TDeps extends Record<string, ServiceRef<unknown, 'root', ServiceMultiplicity>>> {
  /** Names the loader in messages; defaults to the loader function's name. */
  readonly name?: string;
  /** Root-scoped services the loader needs (for example `coreServices.rootConfig`). */
  readonly deps?: TDeps;
  /** Returns the features to install: an array, a promise of one, or a (async) generator. */
  loader(deps: ServiceInstances<TDeps>): LoadedFeatures;
}

/**
 * Creates a feature loader, so an app can install features depending on config.
 *
 * @example
 * ```ts
 * builder.add(createFeatureLoader({
 *   deps: { config: coreServices.rootConfig },
 *   async *loader({ config }) {
 *     if (config.getOptionalBoolean('search.enabled')) yield (await import('./search.js')).SearchPlugin;
 *   },
 * }));
 * ```
 * @throws PlugboardError `INVALID_TOKEN` when `loader` is not a function or a dep is not a ref.
 */
export function createFeatureLoader<TDeps extends Record<string, ServiceRef<unknown, 'root', ServiceMultiplicity>> = Record<never, never>>(
  config: FeatureLoaderConfig<TDeps>,
): FeatureLoader {
  return makeFeatureLoader(config, false);
}

/** @internal createFeatureLoader with control over orphan modules (used by discovery). */
export function makeFeatureLoader<TDeps extends Record<string, ServiceRef<unknown, 'root', ServiceMultiplicity>>>(
  config: FeatureLoaderConfig<TDeps>,
  skipOrphanModules: boolean,
): FeatureLoader {
  if (typeof config !== 'object' || config === null || typeof config.loader !== 'function') {
    throw plugboardError('INVALID_TOKEN', { reason: 'loader-function' });
  }
  const loader: unknown = Object.getOwnPropertyDescriptor(config, 'loader')?.value ?? undefined;
  const functionName: unknown = typeof loader === 'function' ? Object.getOwnPropertyDescriptor(loader, 'name')?.value : undefined;
  const given: unknown = config.name;
  if (given !== undefined && (typeof given !== 'string' || given === '')) {
    throw plugboardError('INVALID_TOKEN', { reason: 'loader-name', value: given });
  }
  const name =
    given !== undefined
      ? given
      : typeof functionName === 'string' && functionName !== '' && functionName !== 'loader'
        ? functionName
        : 'feature loader';
  const deps: unknown = config.deps ?? {};
  if (typeof deps !== 'object' || deps === null)
    throw plugboardError('INVALID_TOKEN', { reason: 'loader-dep', loader: name, name: '(deps)' });
  for (const key of Object.keys(deps)) {
    if (!isServiceRef((deps as Record<string, unknown>)[key]))
      throw plugboardError('INVALID_TOKEN', { reason: 'loader-dep', loader: name, name: key });
  }
  return Object.freeze({
    $$type: 'plugboard.featureLoader' as const,
    name,
    deps: Object.freeze({ ...(deps as Record<string, AnyServiceRef>) }),
    // Called on the config object, so a loader written as a method keeps its `this`.
    loader: (deps: Record<string, unknown>): LoadedFeatures => config.loader(deps as never),
    skipOrphanModules,
  });
}

/** True when `value` is a {@link FeatureLoader}. */
export function isFeatureLoader(value: unknown): value is FeatureLoader {
  return hasBrand(value, 'plugboard.featureLoader');
}
