import { plugboardError, type FeatureRejection, type WiringProblem, wiringProblem } from '../errors/index.js';
import { readMetadata, type ClassMetadata } from '../decorators/metadata.js';
import { isFeatureLoader } from '../tokens/feature-loader.js';
import { isServiceDecorator, type ServiceDecorator } from '../tokens/service-decorator.js';
import { isServiceFactory, type ServiceFactory } from '../tokens/service-factory.js';
import { className, type Constructor } from '../tokens/types.js';

/** Where a feature came from when a feature loader (or discovery) returned it. */
export interface LoadedOrigin {
  /** The loader's name. */
  readonly loader: string;
  /** Discovery: a module whose plugin is not installed is left out instead of being a problem. */
  readonly skipOrphanModules: boolean;
}

/** An installed service implementation, with the loader that returned it (undefined: add()). */
export type InstalledService = ({ readonly cls: Constructor; readonly metadata: ClassMetadata } | { readonly factory: ServiceFactory }) & {
  readonly origin: LoadedOrigin | undefined;
};

/** A feature as `add()` accepts it once loaded, sorted by kind. */
export interface FeatureSet {
  readonly plugins: Array<{ readonly cls: Constructor; readonly metadata: ClassMetadata }>;
  readonly modules: Array<{ readonly cls: Constructor; readonly metadata: ClassMetadata; readonly origin: LoadedOrigin | undefined }>;
  /** Installed service implementations, in order of installation. */
  readonly services: InstalledService[];
  /** Service decorators, in order of installation. */
  readonly decorators: ServiceDecorator[];
}

/** Why a value is not a feature, or undefined when it is one. Never throws. */
export function featureRejection(value: unknown): FeatureRejection | undefined {
  if (typeof value === 'function') {
    const metadata = readMetadata(value);
    if (metadata?.role === 'plugin' || metadata?.role === 'module') return undefined;
    if (metadata?.role === 'service') {
      return metadata.service?.provides ? undefined : { kind: 'service-without-provides', className: className(value) };
    }
    return { kind: 'undecorated', className: className(value) };
  }
  if (isServiceFactory(value) || isServiceDecorator(value) || isFeatureLoader(value)) return undefined;
  if (value === null || value === undefined) return { kind: 'nullish', value };
  return { kind: 'value', type: Array.isArray(value) ? 'nested array' : typeof value };
}

/** Throws `INVALID_FEATURE` when `value` is not a feature; `call` is the add() call's number. */
export function assertFeature(value: unknown, call: number): void {
  const rejection = featureRejection(value);
  if (rejection !== undefined) throw plugboardError('INVALID_FEATURE', { reason: 'add', call, rejection });
}

/** Sorts loaded features by kind. Invalid values become `INVALID_FEATURE` problems. */
export function collectFeatures(
  values: readonly unknown[],
  problems: WiringProblem[],
  origins: ReadonlyMap<unknown, LoadedOrigin> = new Map(),
): FeatureSet {
  const set: FeatureSet = { plugins: [], modules: [], services: [], decorators: [] };
  for (let index = 0; index < values.length; index++) {
    const value = values[index];
    const origin = origins.get(value);
    if (typeof value === 'function') {
      const metadata = readMetadata(value);
      const cls = value as Constructor;
      if (metadata?.role === 'plugin') set.plugins.push({ cls, metadata });
      else if (metadata?.role === 'module') set.modules.push({ cls, metadata, origin });
      else if (metadata?.role === 'service' && metadata.service?.provides !== undefined) set.services.push({ cls, metadata, origin });
      else problems.push(wiringProblem('INVALID_FEATURE', { reason: 'value', rejection: featureRejection(value)! }));
    } else if (isServiceFactory(value)) set.services.push({ factory: value, origin });
    else if (isServiceDecorator(value)) set.decorators.push(value);
    else if (isFeatureLoader(value)) problems.push(wiringProblem('INVALID_FEATURE', { reason: 'nested-loader', loader: value.name }));
    else problems.push(wiringProblem('INVALID_FEATURE', { reason: 'value', rejection: featureRejection(value)! }));
  }
  return set;
}

/**
 * The features an ES module exports as its default: a feature or an array of them. A CommonJS
 * module loaded with `import()` arrives as `{ default: { default: feature } }` (its
 * `module.exports` is the default): one extra level is unwrapped, not more.
 */
export function featuresOfModule(module: unknown): { readonly features: readonly unknown[] } | { readonly rejection: FeatureRejection } {
  let exported = defaultOf(module);
  if (exported === undefined) return { rejection: { kind: 'no-default' } };
  if (!Array.isArray(exported) && featureRejection(exported) !== undefined) {
    const inner = defaultOf(exported);
    if (inner !== undefined) {
      if (!Array.isArray(inner) && featureRejection(inner) !== undefined && defaultOf(inner) !== undefined)
        return { rejection: { kind: 'too-deep' } };
      exported = inner;
    }
  }
  const features = Array.isArray(exported) ? (exported as unknown[]) : [exported];
  for (const feature of features) {
    const rejection = featureRejection(feature);
    if (rejection !== undefined) return { rejection };
  }
  return { features };
}

/** True for what a loader may yield in place of a feature: a module (or object) with a default export. */
export function isModuleLike(value: unknown): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    featureRejection(value) !== undefined &&
    defaultOf(value) !== undefined
  );
}

/** `value.default`, read without running a getter that throws; undefined when there is none. */
function defaultOf(value: unknown): unknown {
  if ((typeof value !== 'object' && typeof value !== 'function') || value === null) return undefined;
  try {
    return (value as { default?: unknown }).default;
  } catch {
    return undefined;
  }
}
