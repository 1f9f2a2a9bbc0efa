import type { App } from '../app/app.js';
import { ContainerBuilder } from '../app/container-builder.js';
import { Plugin } from '../decorators/feature-decorators.js';
import { inject } from '../tokens/inject.js';
import type { ServiceRef, ServiceScope } from '../tokens/service-ref.js';
import type { ServiceFactory } from '../tokens/service-factory.js';
import { stopAfterTests } from './cleanup.js';
import { toFeature, type ServiceOverride } from './overrides.js';

/** Options of {@link createServiceTester}. */
export interface ServiceTesterOptions {
  /** Replacements for what the factory depends on: factories, classes or `[ref, value]` pairs. */
  readonly dependencies?: readonly ServiceOverride[];
  /** Root config data for the app the service is created in. */
  readonly config?: Record<string, unknown>;
}

/** Builds a service as a plugin would get it; see {@link createServiceTester}. */
export interface ServiceTester<T> {
  /**
   * The instance `pluginId` gets (default `'test-plugin'`): one per plugin id for a
   * plugin-scoped service, one in all for a root-scoped one. Created by the real runtime.
   */
  get(pluginId?: string): Promise<T>;
  /** Stops what get() started (done after the test file anyway). */
  stop(): Promise<void>;
}

/**
 * Unit-tests a service factory alone: `get()` starts a minimal app (the factory, the given
 * dependencies, and a plugin that injects the ref) and returns the instance that plugin received.
 *
 * @example
 * ```ts
 * const tester = createServiceTester(todoStoreFactory, { dependencies: [[clockRef, fakeClock]] });
 * const store = await tester.get('todo');
 * ```
 */
export function createServiceTester<T, TScope extends ServiceScope>(
  factory: ServiceFactory<T, TScope>,
  options: ServiceTesterOptions = {},
): ServiceTester<T> {
  const ref = factory.service as ServiceRef<T>;
  const apps = new Map<string, { app: App; instance: Promise<T> }>();
  const tester: ServiceTester<T> = {
    get(pluginId = 'test-plugin') {
      // A root-scoped service is the same for every plugin: one app serves every get().
      const key = ref.scope === 'root' ? '' : pluginId;
      let entry = apps.get(key);
      if (entry === undefined) {
        let received: T | undefined;
        class Probe {
          constructor(instance: T) {
            received = instance;
          }
        }
        inject(ref)(Probe, undefined, 0);
        Plugin({ id: pluginId })(Probe);
        const builder = new ContainerBuilder({
          logger: { level: 'silent' },
          ...(options.config === undefined ? {} : { config: options.config }),
        });
        builder.add(factory).add(Probe);
        for (const dependency of options.dependencies ?? []) builder.add(toFeature(dependency));
        const app = builder.build();
        entry = { app, instance: app.start().then(() => received as T) };
        apps.set(key, entry);
      }
      return entry.instance;
    },
    async stop() {
      await Promise.allSettled([...apps.values()].map(({ app }) => app.stop()));
      apps.clear();
    },
  };
  stopAfterTests(tester);
  return tester;
}
