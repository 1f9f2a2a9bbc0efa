// Variant scenario on raw InversifyJS 8, the naive way: the root service bound in the root container,
// the plugin-scoped one per child container as a dynamic value made from the root one; modules
// resolved with getAll and initialised (async), then the plugin; only plugins have a @preDestroy
// hook (async), run by unbindAllAsync of each child container at stop.
import 'reflect-metadata';
import { Container, inject, injectable, preDestroy } from 'inversify';

import { checkItems, checkPluginService, checkPluginsStopped, checkStarted, newCounters } from '../check.mjs';
import { RootService } from './logger-like.mjs';

export const name = 'InversifyJS';

const ROOT = Symbol('bench.root');
const PLUG = Symbol('bench.plugin');
const MODULES = Symbol('bench.modules');

function decorateMethod(decorator, cls, key) {
  decorator(cls.prototype, key, Object.getOwnPropertyDescriptor(cls.prototype, key));
}

export async function run({ n, m, onStarted }) {
  const c = newCounters();
  let rootInstance;
  const t0 = performance.now();

  const plugins = [];
  for (let i = 0; i < n; i++) {
    const pluginId = `p${i}`;
    const ep = Symbol(`${pluginId}.items`);
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
    inject(ep)(Plugin, undefined, 0);
    inject(PLUG)(Plugin, undefined, 1);
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
        async init() {
          await null;
          checkPluginService(`${pluginId}/m${j}`, this.plug, pluginId, this.root);
          this.items.addItem(j);
          c.moduleInits++;
        }
      };
      inject(ep)(Mod, undefined, 0);
      inject(PLUG)(Mod, undefined, 1);
      inject(ROOT)(Mod, undefined, 2);
      injectable()(Mod);
      modules.push(Mod);
    }
    plugins.push({ pluginId, ep, Registry, Plugin, modules });
  }
  const t1 = performance.now();

  const root = new Container();
  root
    .bind(ROOT)
    .toDynamicValue(() => (rootInstance = new RootService()))
    .inSingletonScope();
  const children = plugins.map(({ pluginId, ep, Registry, Plugin, modules }) => {
    const child = new Container({ parent: root });
    child
      .bind(PLUG)
      .toDynamicValue((context) => context.get(ROOT).child({ plugin: pluginId }))
      .inSingletonScope();
    child.bind(ep).to(Registry).inSingletonScope();
    child.bind(Plugin).toSelf().inSingletonScope();
    for (const Mod of modules) child.bind(MODULES).to(Mod).inSingletonScope();
    return { child, Plugin };
  });
  await Promise.all(
    children.map(async ({ child, Plugin }) => {
      const mods = child.getAll(MODULES);
      for (const mod of mods) await mod.init();
      await child.get(Plugin).init();
    }),
  );
  const t2 = performance.now();
  checkStarted(c, n, m);
  onStarted?.();

  const t3 = performance.now();
  for (const { child } of children) await child.unbindAllAsync();
  await root.unbindAllAsync();
  const t4 = performance.now();
  checkPluginsStopped(c, n);

  return { defineMs: t1 - t0, startMs: t2 - t1, stopMs: t4 - t3 };
}
