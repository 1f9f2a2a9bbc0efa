// Hand-wired: plain classes and `new`, no container. The floor every framework is measured against.
import { checkDeps, checkItems, checkStarted, checkStopped, newCounters } from './check.mjs';

export const name = 'hand-wired';

export async function run({ n, m, onStarted }) {
  const c = newCounters();
  const t0 = performance.now();

  // Definition: N*M+N+... distinct classes, created at runtime as a real app would have distinct classes.
  class RootSvc {}
  const plugins = [];
  for (let i = 0; i < n; i++) {
    const pluginId = `p${i}`;
    const PlugSvc = class {};
    const Registry = class {
      constructor() {
        this.items = [];
      }
      addItem(item) {
        this.items.push(item);
      }
    };
    const Plugin = class {
      constructor(registry) {
        this.registry = registry;
      }
      init() {
        checkItems(pluginId, this.registry.items, m);
        c.pluginInits++;
      }
      stop() {
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
          init() {
            checkDeps(`${pluginId}/m${j}`, this.plug, this.root);
            this.items.addItem(j);
            c.moduleInits++;
          }
          stop() {
            c.stops++;
          }
        },
      );
    }
    plugins.push({ PlugSvc, Registry, Plugin, modules });
  }
  const t1 = performance.now();

  // Start: wire by hand, modules before their plugin. The inits are synchronous, so a hand-wired
  // host simply calls them in order; stop hooks are kept in init order and run in reverse.
  const root = new RootSvc();
  const stoppables = [];
  for (const { PlugSvc, Registry, Plugin, modules } of plugins) {
    const plug = new PlugSvc();
    const registry = new Registry();
    for (const Mod of modules) {
      const mod = new Mod(registry, plug, root);
      mod.init();
      stoppables.push(mod);
    }
    const plugin = new Plugin(registry);
    plugin.init();
    stoppables.push(plugin);
  }
  const t2 = performance.now();
  checkStarted(c, n, m);
  onStarted?.();

  // Stop: reverse order of init (each plugin before its modules).
  const t3 = performance.now();
  for (let k = stoppables.length - 1; k >= 0; k--) stoppables[k].stop();
  const t4 = performance.now();
  checkStopped(c, n, m);

  return { defineMs: t1 - t0, startMs: t2 - t1, stopMs: t4 - t3 };
}
