// Raw InversifyJS 8, the naive way: a child container per plugin, modules bound to a multi-binding
// token and resolved with getAll, then the plugin; @preDestroy hooks run by unbindAll at stop.
import 'reflect-metadata';
import { Container, inject, injectable, preDestroy } from 'inversify';

import { checkDeps, checkItems, checkStarted, checkStopped, newCounters } from './check.mjs';

export const name = 'InversifyJS';

const ROOT = Symbol('bench.root');
const PLUG = Symbol('bench.plugin');
const MODULES = Symbol('bench.modules');

function decorateMethod(decorator, cls, key) {
  decorator(cls.prototype, key, Object.getOwnPropertyDescriptor(cls.prototype, key));
}

export async function run({ n, m, onStarted }) {
  const c = newCounters();
  const t0 = performance.now();

  // Definition: classes created at runtime and decorated with injectable()/inject()/preDestroy().
  class RootSvc {}
  injectable()(RootSvc);
  const plugins = [];
  for (let i = 0; i < n; i++) {
    const pluginId = `p${i}`;
    const ep = Symbol(`${pluginId}.items`);
    const PlugSvc = class {};
    injectable()(PlugSvc);
    const Registry = class {
      constructor() {
        this.items = [];
      }
      addItem(item) {
        this.items.push(item);
      }
    };
    injectable()(Registry);
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
    inject(ep)(Plugin, undefined, 0);
    decorateMethod(preDestroy(), Plugin, 'stop');
    injectable()(Plugin);
    const modules = [];
    for (let j = 0; j < m; j++) {
      const Mod = class {
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
      };
      inject(ep)(Mod, undefined, 0);
      inject(PLUG)(Mod, undefined, 1);
      inject(ROOT)(Mod, undefined, 2);
      decorateMethod(preDestroy(), Mod, 'stop');
      injectable()(Mod);
      modules.push(Mod);
    }
    plugins.push({ ep, PlugSvc, Registry, Plugin, modules });
  }
  const t1 = performance.now();

  // Start: bind everything, then per plugin (concurrently) getAll modules, init them, then the plugin.
  const root = new Container();
  root.bind(ROOT).to(RootSvc).inSingletonScope();
  const children = plugins.map(({ ep, PlugSvc, Registry, Plugin, modules }) => {
    const child = new Container({ parent: root });
    child.bind(PLUG).to(PlugSvc).inSingletonScope();
    child.bind(ep).to(Registry).inSingletonScope();
    child.bind(Plugin).toSelf().inSingletonScope();
    for (const Mod of modules) child.bind(MODULES).to(Mod).inSingletonScope();
    return { child, Plugin };
  });
  await Promise.all(
    children.map(async ({ child, Plugin }) => {
      const mods = child.getAll(MODULES);
      for (const mod of mods) await mod.init();
      const plugin = child.get(Plugin);
      await plugin.init();
    }),
  );
  const t2 = performance.now();
  checkStarted(c, n, m);
  onStarted?.();

  // Stop: unbind every child container (runs @preDestroy of its singletons), then the root.
  const t3 = performance.now();
  for (const { child } of children) child.unbindAll();
  root.unbindAll();
  const t4 = performance.now();
  checkStopped(c, n, m);

  return { defineMs: t1 - t0, startMs: t2 - t1, stopMs: t4 - t3 };
}
