// Variant scenario on the Backstage backend system: the plugin-scoped service's factory depends on
// the root one and on coreServices.pluginMetadata, as Backstage's own plugin logger does. Inits are
// async; only plugins add a shutdown hook (modules do not depend on the lifecycle at all).
import { createSpecializedBackend } from '@backstage/backend-app-api';
import {
  coreServices,
  createBackendModule,
  createBackendPlugin,
  createExtensionPoint,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';

import { lifecycleFactories } from '../backstage.mjs';
import { checkItems, checkPluginService, checkPluginsStopped, checkStarted, newCounters } from '../check.mjs';
import { RootService } from './logger-like.mjs';

export const name = 'Backstage';

export async function run({ n, m, onStarted }) {
  const c = newCounters();
  const t0 = performance.now();

  const rootRef = createServiceRef({ id: 'bench.root', scope: 'root' });
  const plugRef = createServiceRef({ id: 'bench.plugin', scope: 'plugin' });
  let rootInstance;
  const features = [
    createServiceFactory({ service: rootRef, deps: {}, factory: () => (rootInstance = new RootService()) }),
    createServiceFactory({
      service: plugRef,
      deps: { root: rootRef, metadata: coreServices.pluginMetadata },
      factory: ({ root, metadata }) => root.child({ plugin: metadata.getId() }),
    }),
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
            deps: { lifecycle: coreServices.lifecycle, plug: plugRef },
            async init({ lifecycle, plug }) {
              await null;
              checkPluginService(pluginId, plug, pluginId, rootInstance);
              checkItems(pluginId, items, m);
              c.pluginInits++;
              lifecycle.addShutdownHook(async () => {
                await null;
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
              deps: { items: ep, plug: plugRef, root: rootRef },
              async init({ items, plug, root }) {
                await null;
                checkPluginService(`${pluginId}/m${j}`, plug, pluginId, root);
                items.addItem(j);
                c.moduleInits++;
              },
            });
          },
        }),
      );
    }
  }
  const t1 = performance.now();

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
  checkPluginsStopped(c, n);

  return { defineMs: t1 - t0, startMs: t2 - t1, stopMs: t4 - t3 };
}
