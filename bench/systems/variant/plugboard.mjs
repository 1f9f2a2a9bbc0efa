// Variant scenario on plugboard (public API of ../../../dist): the root service and the plugin-scoped
// service are createServiceFactory factories, the plugin-scoped one made from the root one and the
// plugin's id (coreServices.pluginMetadata), as plugboard's own plugin logger is. Inits are async;
// only plugins have an @onShutdown hook.
import * as pb from '../../../dist/index.js';

import { checkItems, checkPluginService, checkPluginsStopped, checkStarted, newCounters } from '../check.mjs';
import { RootService } from './logger-like.mjs';

export const name = 'plugboard';

function decorateMethod(decorator, cls, key) {
  decorator(cls.prototype, key, Object.getOwnPropertyDescriptor(cls.prototype, key));
}

export async function run({ n, m, onStarted }) {
  const c = newCounters();
  const t0 = performance.now();

  const rootRef = pb.createServiceRef({ id: 'bench.root', scope: 'root' });
  const plugRef = pb.createServiceRef({ id: 'bench.plugin', scope: 'plugin' });
  let rootInstance;
  const features = [
    pb.createServiceFactory({ service: rootRef, factory: () => (rootInstance = new RootService()) }),
    pb.createServiceFactory({
      service: plugRef,
      deps: { root: rootRef, metadata: pb.coreServices.pluginMetadata },
      factory: ({ root, metadata }) => root.child({ plugin: metadata.getId() }),
    }),
  ];
  for (let i = 0; i < n; i++) {
    const pluginId = `p${i}`;
    const ep = pb.createExtensionPoint({ id: `${pluginId}.items` });
    const Registry = class {
      constructor() {
        this.items = [];
      }
      addItem(item) {
        this.items.push(item);
      }
    };
    pb.Service()(Registry);
    const Plugin = class {
      constructor(registry, plug) {
        this.registry = registry;
        this.plug = plug;
      }
      async init() {
        await null;
        checkPluginService(pluginId, this.plug, pluginId, rootInstance);
        checkItems(pluginId, this.registry.items, m);
        c.pluginInits++;
      }
      async stop() {
        await null;
        c.stops++;
      }
    };
    pb.inject(Registry)(Plugin, undefined, 0);
    pb.inject(plugRef)(Plugin, undefined, 1);
    decorateMethod(pb.onInit(), Plugin, 'init');
    decorateMethod(pb.onShutdown(), Plugin, 'stop');
    pb.Plugin({ id: pluginId, extensionPoints: [{ provide: ep, useClass: Registry }] })(Plugin);
    features.push(Plugin);
    for (let j = 0; j < m; j++) {
      const Mod = class {
        constructor(items, plug, root) {
          this.items = items;
          this.plug = plug;
          this.root = root;
        }
        async init() {
          await null;
          checkPluginService(`${pluginId}/m${j}`, this.plug, pluginId, this.root);
          this.items.addItem(j);
          c.moduleInits++;
        }
      };
      pb.inject(ep)(Mod, undefined, 0);
      pb.inject(plugRef)(Mod, undefined, 1);
      pb.inject(rootRef)(Mod, undefined, 2);
      decorateMethod(pb.onInit(), Mod, 'init');
      pb.Module({ pluginId, id: `m${j}` })(Mod);
      features.push(Mod);
    }
  }
  const t1 = performance.now();

  const builder = new pb.ContainerBuilder({ logger: { level: 'silent' } });
  for (const f of features) builder.add(f);
  const app = builder.build();
  await app.start();
  const t2 = performance.now();
  checkStarted(c, n, m);
  onStarted?.();

  const t3 = performance.now();
  await app.stop();
  const t4 = performance.now();
  checkPluginsStopped(c, n);

  return { defineMs: t1 - t0, startMs: t2 - t1, stopMs: t4 - t3 };
}
