import { PlugboardError, type WiringProblem } from '../errors.js';
import { readMetadata, type ClassMetadata } from '../decorators/metadata.js';
import { isFeatureLoader } from '../tokens/feature-loader.js';
import { isServiceDecorator, type ServiceDecorator } from '../tokens/service-decorator.js';
import { isServiceFactory, type ServiceFactory } from '../tokens/service-ref.js';
import { className, type Constructor } from '../tokens/types.js';

/** A feature as `add()` accepts it once loaded. */
export interface FeatureSet {
  readonly plugins: Array<{ cls: Constructor; metadata: ClassMetadata }>;
  /** `skippable`: found by discovery, so a missing plugin leaves it out instead of failing. */
  readonly modules: Array<{ cls: Constructor; metadata: ClassMetadata; skippable?: boolean }>;
  /** Installed service implementations, in order of installation. */
  readonly services: Array<{ cls: Constructor; metadata: ClassMetadata } | ServiceFactory>;
  /** Service decorators, in order of installation. */
  readonly decorators: ServiceDecorator[];
}

/** Why a value is not a feature, or undefined when it is one. */
export function featureRejection(value: unknown): string | undefined {
  // Plugin and module classes are nearly every feature of a large app: one lookup answers for them.
  if (typeof value === 'function') {
    const role = readMetadata(value)?.role;
    if (role === 'plugin' || role === 'module') return undefined;
  }
  if (isServiceFactory(value) || isServiceDecorator(value) || isFeatureLoader(value)) return undefined;
  if (typeof value !== 'function') {
    if (value === null || value === undefined) return `${String(value)} is not a feature`;
    const kind = Array.isArray(value) ? 'nested array' : typeof value;
    return `${/^[aeiou]/.test(kind) ? 'an' : 'a'} ${kind} is not a feature`;
  }
  const metadata = readMetadata(value);
  if (metadata?.role === 'plugin' || metadata?.role === 'module') return undefined;
  if (metadata?.role === 'service') {
    return metadata.service?.provides
      ? undefined
      : `${className(value)} is a @Service() without \`provides\`; it is created where it is injected, so there is nothing to add`;
  }
  return `${className(value)} has no @Plugin, @Module or @Service({ provides }) decorator`;
}

/**
 * Throws `INVALID_FEATURE` when `value` is not a feature. `where` names the source in the message
 * (a function, so the name is only built for a bad value).
 */
export function assertFeature(value: unknown, where: () => string): void {
  const reason = featureRejection(value);
  if (reason !== undefined) {
    throw new PlugboardError(
      'INVALID_FEATURE',
      `${where()}: ${reason}. add() takes @Plugin and @Module classes, @Service({ provides }) classes, ` +
        `service factories (createServiceFactory), service decorators (createServiceDecorator), feature loaders (createFeatureLoader), arrays of those, and promises of ES modules whose default export is one.`,
    );
  }
}

/** Sorts loaded features by kind. Invalid values become `INVALID_FEATURE` problems. */
export function collectFeatures(
  values: readonly unknown[],
  problems: WiringProblem[],
  skippable: ReadonlySet<unknown> = new Set(),
): FeatureSet {
  const set: FeatureSet = { plugins: [], modules: [], services: [], decorators: [] };
  for (let index = 0; index < values.length; index++) {
    const value = values[index];
    // The common case first, with one metadata lookup: a decorated plugin or module class.
    if (typeof value === 'function') {
      const metadata = readMetadata(value);
      if (metadata?.role === 'plugin') {
        set.plugins.push({ cls: value as Constructor, metadata });
        continue;
      }
      if (metadata?.role === 'module') {
        set.modules.push({ cls: value as Constructor, metadata, skippable: skippable.has(value) });
        continue;
      }
    }
    const reason = featureRejection(value);
    if (reason !== undefined) {
      problems.push({ code: 'INVALID_FEATURE', message: `${reason}; remove it from add().` });
      continue;
    }
    if (isServiceFactory(value)) {
      set.services.push(value);
      continue;
    }
    if (isServiceDecorator(value)) {
      set.decorators.push(value);
      continue;
    }
    if (isFeatureLoader(value)) {
      problems.push({
        code: 'INVALID_FEATURE',
        message: `Feature loader '${value.name}' was returned by another feature loader; loaders run once, before the wiring is known. Add it with add() instead.`,
      });
      continue;
    }
    const cls = value as Constructor;
    const metadata = readMetadata(cls) as ClassMetadata;
    if (metadata.role === 'plugin') set.plugins.push({ cls, metadata });
    else if (metadata.role === 'module') set.modules.push({ cls, metadata, skippable: skippable.has(cls) });
    else set.services.push({ cls, metadata });
  }
  return set;
}
