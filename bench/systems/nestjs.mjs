// NestJS (optional): one Nest module per plugin holding its plugin-scoped service, its registry
// (the extension point: Nest has none, so modules inject the registry class), the plugin and its
// modules as providers. Modules add their item in onModuleInit; the plugin checks in
// onApplicationBootstrap (which Nest runs after every onModuleInit); stop hooks are onModuleDestroy.
import 'reflect-metadata';
import { Global, Inject, Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';

import { checkDeps, checkItems, checkStarted, checkStopped, newCounters } from './check.mjs';

export const name = 'NestJS';

const ROOT = 'bench.root';
const PLUG = 'bench.plugin';

export async function run({ n, m, onStarted }) {
  const c = newCounters();
  const t0 = performance.now();

  // Definition: classes created at runtime and decorated with Injectable()/Inject()/Module().
  class RootSvc {}
  Injectable()(RootSvc);
  class RootModule {}
  Module({ providers: [{ provide: ROOT, useClass: RootSvc }], exports: [ROOT] })(RootModule);
  Global()(RootModule);
  const pluginModules = [];
  for (let i = 0; i < n; i++) {
    const pluginId = `p${i}`;
    const PlugSvc = class {};
    Injectable()(PlugSvc);
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
      constructor(registry) {
        this.registry = registry;
      }
      onApplicationBootstrap() {
        checkItems(pluginId, this.registry.items, m);
        c.pluginInits++;
      }
      onModuleDestroy() {
        c.stops++;
      }
    };
    Inject(Registry)(Plugin, undefined, 0);
    Injectable()(Plugin);
    const providers = [{ provide: PLUG, useClass: PlugSvc }, Registry, Plugin];
    for (let j = 0; j < m; j++) {
      const Mod = class {
        constructor(items, plug, root) {
          this.items = items;
          this.plug = plug;
          this.root = root;
        }
        onModuleInit() {
          checkDeps(`${pluginId}/m${j}`, this.plug, this.root);
          this.items.addItem(j);
          c.moduleInits++;
        }
        onModuleDestroy() {
          c.stops++;
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

  // Start: createApplicationContext scans, instantiates and runs the init and bootstrap hooks.
  const app = await NestFactory.createApplicationContext(AppModule, { logger: false, abortOnError: false });
  const t2 = performance.now();
  checkStarted(c, n, m);
  onStarted?.();

  const t3 = performance.now();
  await app.close();
  const t4 = performance.now();
  checkStopped(c, n, m);

  return { defineMs: t1 - t0, startMs: t2 - t1, stopMs: t4 - t3 };
}
