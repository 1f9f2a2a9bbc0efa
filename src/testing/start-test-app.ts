import type { App } from '../app/app.js';
import { ContainerBuilder, type Feature, type FeatureModule } from '../app/container-builder.js';
import type { ServiceFactory } from '../tokens/service-ref.js';
import type { Class } from '../tokens/types.js';

/** Options of {@link startTestApp}. */
export interface StartTestAppOptions {
  /** Plugins, modules, services and feature-module promises, as for `builder.add()`. */
  readonly features: ReadonlyArray<Feature | Promise<FeatureModule>>;
  /** Implementations that replace the defaults (for example `mockServices.rootLogger()`). */
  readonly services?: ReadonlyArray<ServiceFactory | Class<unknown>>;
  /** Root config data. */
  readonly config?: Record<string, unknown>;
}

const running = new Set<App>();

/**
 * Builds and starts an app for a test, logging nothing unless a root logger is given in
 * `services`. Apps started this way are stopped after the test file when jest's `afterAll` is
 * available; calling `app.stop()` yourself is fine too.
 */
export async function startTestApp(options: StartTestAppOptions): Promise<App> {
  const services = options.services ?? [];
  // Quiet by default; a root logger given in `services` replaces this one and is used as given.
  const builder = new ContainerBuilder({
    logger: { level: 'silent' },
    ...(options.config === undefined ? {} : { config: options.config }),
  });
  for (const feature of options.features) builder.add(feature);
  for (const service of services) builder.add(service as Feature);
  const app = builder.build();
  registerForCleanup(app);
  await app.start();
  return app;
}

function registerForCleanup(app: App): void {
  running.add(app);
}

// Registered when a test file imports plugboard/testing (hooks cannot be added inside a test):
// every app startTestApp() started in that file is stopped after its last test.
const afterAllHook = (globalThis as { afterAll?: (fn: () => Promise<void>) => void }).afterAll;
if (typeof afterAllHook === 'function') {
  try {
    afterAllHook(async () => {
      const apps = [...running];
      running.clear();
      await Promise.allSettled(apps.map((a) => a.stop()));
    });
  } catch {
    // Imported somewhere hooks cannot be registered: stopping is up to the caller.
  }
}
