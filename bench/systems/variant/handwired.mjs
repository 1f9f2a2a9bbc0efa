// Variant scenario hand-wired: the root service made once, each plugin's service made from it;
// async inits awaited in order (modules, then their plugin); plugin stop hooks awaited in reverse.
// The floor.
import { checkItems, checkPluginService, checkPluginsStopped, checkStarted, newCounters } from '../check.mjs';
import { RootService } from './logger-like.mjs';

export const name = 'hand-wired';

export async function run({ n, m, onStarted }) {
  const c = newCounters();
  let root;
  const t0 = performance.now();

  const plugins = [];
  for (let i = 0; i < n; i++) {
    const pluginId = `p${i}`;
    const Registry = class {
      constructor() {
        this.items = [];
      }
      addItem(item) {
        this.items.push(item);
      }
    };
    const Plugin = class {
      constructor(registry, plug) {
        this.registry = registry;
        this.plug = plug;
      }
      async init() {
        await null;
        checkPluginService(pluginId, this.plug, pluginId, root);
        checkItems(pluginId, this.registry.items, m);
        c.pluginInits++;
      }
      async stop() {
        await null;
        c.stops++;
      }
    };
    const modules = [];
    for (let j = 0; j < m; j++) {
      modules.push(
        class {
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
        },
      );
    }
    plugins.push({ pluginId, Registry, Plugin, modules });
  }
  const t1 = performance.now();

  root = new RootService();
  const started = [];
  for (const { pluginId, Registry, Plugin, modules } of plugins) {
    const plug = root.child({ plugin: pluginId });
    const registry = new Registry();
    for (const Mod of modules) await new Mod(registry, plug, root).init();
    const plugin = new Plugin(registry, plug);
    await plugin.init();
    started.push(plugin);
  }
  const t2 = performance.now();
  checkStarted(c, n, m);
  onStarted?.();

  const t3 = performance.now();
  for (let k = started.length - 1; k >= 0; k--) await started[k].stop();
  const t4 = performance.now();
  checkPluginsStopped(c, n);

  return { defineMs: t1 - t0, startMs: t2 - t1, stopMs: t4 - t3 };
}
