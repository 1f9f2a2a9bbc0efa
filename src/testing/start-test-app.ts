import type { App } from '../app/app.js';
import { ContainerBuilder, type Feature, type FeatureModule } from '../app/container-builder.js';
import { Plugin } from '../decorators/feature-decorators.js';
import { readMetadata } from '../decorators/metadata.js';
import { plugboardError } from '../errors/index.js';
import type { ExtensionPoint } from '../tokens/extension-point.js';
import { stopAfterTests } from './cleanup.js';
import { toFeature, type ServiceOverride } from './overrides.js';

/** An extension point and the implementation a test gives it: `[extensionPoint, implementation]`. */
export type ExtensionPointOverride = readonly [ExtensionPoint<unknown>, object];

/** Options of {@link startTestApp}. */
export interface StartTestAppOptions {
  /** Plugins, modules, services and feature-module promises, as for `builder.add()`. */
  readonly features: ReadonlyArray<Feature | Promise<FeatureModule>>;
  /** Replacements for services (defaults included): factories, classes, or `[ref, value]` pairs. */
  readonly services?: readonly ServiceOverride[];
  /** Root config data. */
  readonly config?: Record<string, unknown>;
  /**
   * Test a module without its plugin: a placeholder plugin provides these implementations, so
   * the test can read what the module added to them.
   */
  readonly extensionPoints?: readonly ExtensionPointOverride[];
  /** The placeholder plugin's id; by default the `pluginId` of the modules in `features`. */
  readonly pluginId?: string;
  /**
   * Registers the app's stop yourself, instead of the file-level hook plugboard/testing finds
   * (a global `afterAll`, jest, vitest, node:test): called once with a function that stops the
   * app, e.g. `(stop) => t.after(stop)` in node:test or vitest's `onTestFinished`.
   */
  readonly stopWith?: (stop: () => Promise<void>) => unknown;
}

/**
 * Builds and starts an app for a test, quiet unless a root logger is given in `services` (which
 * is then used as given). Apps started this way are stopped after the test file, through the
 * runner's hook: jest's or vitest's `afterAll` (with or without globals), node:test's `after`
 * (under `node --test`), or `stopWith`. Calling `app.stop()` yourself is fine too. An app that
 * cannot be stopped for you is reported at once (a Node warning, code
 * `PLUGBOARD_TEST_APP_NOT_STOPPED`), never silently left running.
 *
 * @example
 * ```ts
 * const actions: Action[] = [];
 * await startTestApp({
 *   features: [GithubActionsModule],
 *   extensionPoints: [[actionsExtensionPoint, { addAction: (a: Action) => actions.push(a) }]],
 * });
 * expect(actions.map((a) => a.id)).toEqual(['github:publish']);
 * ```
 */
export async function startTestApp(options: StartTestAppOptions): Promise<App> {
  const stopWith: unknown = options.stopWith;
  if (stopWith !== undefined && typeof stopWith !== 'function') {
    throw plugboardError('INVALID_OPTIONS', {
      reason: 'type',
      what: 'startTestApp()',
      name: 'stopWith',
      expected: 'a function that registers cleanup, e.g. (stop) => t.after(stop)',
      value: stopWith,
    });
  }
  const builder = new ContainerBuilder({
    logger: { level: 'silent' },
    ...(options.config === undefined ? {} : { config: options.config }),
  });
  for (const feature of options.features) builder.add(feature);
  for (const service of options.services ?? []) builder.add(toFeature(service));
  if (options.extensionPoints !== undefined && options.extensionPoints.length > 0) {
    builder.add(placeholderPlugin(options.extensionPoints, options.pluginId ?? modulePluginId(options.features)));
  }
  const app = builder.build();
  stopAfterTests(app, `the app of startTestApp({ features: [${featureNames(options.features)}] })`, options.stopWith);
  await app.start();
  return app;
}

/** The features by name, for a warning that must say which app it is about. */
function featureNames(features: ReadonlyArray<unknown>): string {
  return features
    .map((feature) => {
      if (typeof feature === 'function') return feature.name || 'anonymous class';
      if (feature instanceof Promise) return 'import(...)';
      const service = (feature as { service?: { id?: unknown } } | null)?.service?.id;
      return typeof service === 'string' ? `factory of ${service}` : 'feature';
    })
    .join(', ');
}

/** The plugin id every module in `features` extends, for the placeholder plugin. */
function modulePluginId(features: ReadonlyArray<unknown>): string {
  const ids = new Set<string>();
  for (const feature of features) {
    const pluginId = readMetadata(feature)?.module?.pluginId;
    if (pluginId !== undefined) ids.add(pluginId);
  }
  if (ids.size !== 1) {
    throw plugboardError('INVALID_FEATURE', { reason: 'test-plugin-id', pluginIds: [...ids] });
  }
  return [...ids][0]!;
}

function placeholderPlugin(overrides: readonly ExtensionPointOverride[], pluginId: string): Feature {
  class PlaceholderPlugin {}
  Object.defineProperty(PlaceholderPlugin, 'name', { value: `PlaceholderPlugin(${pluginId})` });
  Plugin({ id: pluginId, extensionPoints: overrides.map(([provide, useValue]) => ({ provide, useValue })) })(PlaceholderPlugin);
  return PlaceholderPlugin;
}
