// The Backstage backend system: createSpecializedBackend from @backstage/backend-app-api with the
// minimal service factories it needs (core.rootLifecycle and core.lifecycle; with no rootLogger or
// rootConfig installed it logs nothing and uses its boot-failure defaults), plus the scenario's own
// root- and plugin-scoped services. Plugins and modules are createBackendPlugin/createBackendModule
// features; stop hooks are lifecycle shutdown hooks.
import { createSpecializedBackend } from '@backstage/backend-app-api';
import {
  coreServices,
  createBackendModule,
  createBackendPlugin,
  createExtensionPoint,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';

import { checkDeps, checkItems, checkStarted, checkStopped, newCounters } from './check.mjs';

export const name = 'Backstage';

/** Runs hooks the way Backstage's default lifecycle services do: concurrently, errors collected. */
class Hooks {
  #startup = [];
  #shutdown = [];
  #beforeShutdown = [];
  addStartupHook(hook) {
    this.#startup.push(hook);
  }
  addShutdownHook(hook) {
    this.#shutdown.push(hook);
  }
  addBeforeShutdownHook(hook) {
    this.#beforeShutdown.push(hook);
  }
  async startup() {
    await Hooks.#all(this.#startup);
  }
  async beforeShutdown() {
    await Hooks.#all(this.#beforeShutdown);
  }
  async shutdown() {
    await Hooks.#all(this.#shutdown);
  }
  static async #all(hooks) {
    const results = await Promise.allSettled(hooks.map(async (hook) => hook()));
    const failed = results.find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
  }
}

export const lifecycleFactories = [
  createServiceFactory({ service: coreServices.rootLifecycle, deps: {}, factory: () => new Hooks() }),
  createServiceFactory({ service: coreServices.lifecycle, deps: {}, factory: () => new Hooks() }),
];

export async function run({ n, m, onStarted }) {
  const c = newCounters();
  const t0 = performance.now();

  // Definition: service refs and factories, one extension point, plugin and M modules per plugin.
  class RootSvc {}
  class PlugSvc {}
  const rootRef = createServiceRef({ id: 'bench.root', scope: 'root' });
  const plugRef = createServiceRef({ id: 'bench.plugin', scope: 'plugin' });
  const features = [
    createServiceFactory({ service: rootRef, deps: {}, factory: () => new RootSvc() }),
    createServiceFactory({ service: plugRef, deps: {}, factory: () => new PlugSvc() }),
  ];
  for (let i = 0; i < n; i++) {
    const pluginId = `p${i}`;
    const ep = createExtensionPoint({ id: `${pluginId}.items` });
    features.push(
      createBackendPlugin({
        pluginId,
        register(env) {
          const items = [];
          env.registerExtensionPoint(ep, {
            addItem: (item) => {
              items.push(item);
            },
          });
          env.registerInit({
            deps: { lifecycle: coreServices.lifecycle },
            init({ lifecycle }) {
              checkItems(pluginId, items, m);
              c.pluginInits++;
              lifecycle.addShutdownHook(() => {
                c.stops++;
              });
            },
          });
        },
      }),
    );
    for (let j = 0; j < m; j++) {
      features.push(
        createBackendModule({
          pluginId,
          moduleId: `m${j}`,
          register(env) {
            env.registerInit({
              deps: { items: ep, plug: plugRef, root: rootRef, lifecycle: coreServices.lifecycle },
              init({ items, plug, root, lifecycle }) {
                checkDeps(`${pluginId}/m${j}`, plug, root);
                items.addItem(j);
                c.moduleInits++;
                lifecycle.addShutdownHook(() => {
                  c.stops++;
                });
              },
            });
          },
        }),
      );
    }
  }
  const t1 = performance.now();

  // Start: create the backend, add every feature, start it.
  const backend = createSpecializedBackend({ defaultServiceFactories: lifecycleFactories });
  for (const f of features) backend.add(f);
  const { result } = await backend.start();
  const t2 = performance.now();
  if (result.outcome !== 'success') throw new Error(`backend start: ${result.outcome}`);
  checkStarted(c, n, m);
  onStarted?.();

  const t3 = performance.now();
  await backend.stop();
  const t4 = performance.now();
  checkStopped(c, n, m);

  return { defineMs: t1 - t0, startMs: t2 - t1, stopMs: t4 - t3 };
}
