// Variant scenario on NestJS: the root service in a global module, the plugin-scoped one a
// useFactory provider per plugin module made from it; modules add in an async onModuleInit, the
// plugin checks in an async onApplicationBootstrap; only plugins have onModuleDestroy (async).
import 'reflect-metadata';
import { Global, Inject, Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';

import { checkItems, checkPluginService, checkPluginsStopped, checkStarted, newCounters } from '../check.mjs';
import { RootService } from './logger-like.mjs';

export const name = 'NestJS';

const ROOT = 'bench.root';
const PLUG = 'bench.plugin';

export async function run({ n, m, onStarted }) {
  const c = newCounters();
  let rootInstance;
  const t0 = performance.now();

  class RootModule {}
  Module({ providers: [{ provide: ROOT, useFactory: () => (rootInstance = new RootService()) }], exports: [ROOT] })(RootModule);
  Global()(RootModule);
  const pluginModules = [];
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
    Injectable()(Registry);
    const Plugin = class {
      constructor(registry, plug) {
        this.registry = registry;
        this.plug = plug;
      }
      async onApplicationBootstrap() {
        await null;
        checkPluginService(pluginId, this.plug, pluginId, rootInstance);
        checkItems(pluginId, this.registry.items, m);
        c.pluginInits++;
      }
      async onModuleDestroy() {
        await null;
        c.stops++;
      }
    };
    Inject(Registry)(Plugin, undefined, 0);
    Inject(PLUG)(Plugin, undefined, 1);
    Injectable()(Plugin);
    const providers = [{ provide: PLUG, useFactory: (root) => root.child({ plugin: pluginId }), inject: [ROOT] }, Registry, Plugin];
    for (let j = 0; j < m; j++) {
      const Mod = class {
        constructor(items, plug, root) {
          this.items = items;
          this.plug = plug;
          this.root = root;
        }
        async onModuleInit() {
          await null;
          checkPluginService(`${pluginId}/m${j}`, this.plug, pluginId, this.root);
          this.items.addItem(j);
          c.moduleInits++;
        }
      };
      Inject(Registry)(Mod, undefined, 0);
      Inject(PLUG)(Mod, undefined, 1);
      Inject(ROOT)(Mod, undefined, 2);
      Injectable()(Mod);
      providers.push(Mod);
    }
    const PluginModule = class {};
    Module({ providers })(PluginModule);
    pluginModules.push(PluginModule);
  }
  class AppModule {}
  Module({ imports: [RootModule, ...pluginModules] })(AppModule);
  const t1 = performance.now();

  const app = await NestFactory.createApplicationContext(AppModule, { logger: false, abortOnError: false });
  const t2 = performance.now();
  checkStarted(c, n, m);
  onStarted?.();

  const t3 = performance.now();
  await app.close();
  const t4 = performance.now();
  checkPluginsStopped(c, n);

  return { defineMs: t1 - t0, startMs: t2 - t1, stopMs: t4 - t3 };
}
