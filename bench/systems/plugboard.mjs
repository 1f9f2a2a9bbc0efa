// plugboard, through its public API only (the built package at ../../dist), with its decorators
// applied programmatically exactly as TypeScript would apply them: parameter decorators first,
// then method decorators, then the class decorator.
import * as pb from '../../dist/index.js';

import { checkDeps, checkItems, checkStarted, checkStopped, newCounters } from './check.mjs';

export const name = 'plugboard';

function decorateMethod(decorator, cls, key) {
  decorator(cls.prototype, key, Object.getOwnPropertyDescriptor(cls.prototype, key));
}

// `measure(phase, work, app)` wraps a phase for bench/profile/allocation.mjs; the bench leaves it out.
export async function run({ n, m, onStarted, measure = (_phase, work) => work() }) {
  const c = newCounters();
  const t0 = performance.now();

  // Definition: refs, extension points and decorated classes.
  const rootRef = pb.createServiceRef({ id: 'bench.root', scope: 'root' });
  const plugRef = pb.createServiceRef({ id: 'bench.plugin', scope: 'plugin' });
  class RootSvc {}
  pb.Service({ provides: rootRef })(RootSvc);
  class PlugSvc {}
  pb.Service({ provides: plugRef })(PlugSvc);
  const features = [RootSvc, PlugSvc];
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
    pb.inject(Registry)(Plugin, undefined, 0);
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
        init() {
          checkDeps(`${pluginId}/m${j}`, this.plug, this.root);
          this.items.addItem(j);
          c.moduleInits++;
        }
        stop() {
          c.stops++;
        }
      };
      pb.inject(ep)(Mod, undefined, 0);
      pb.inject(plugRef)(Mod, undefined, 1);
      pb.inject(rootRef)(Mod, undefined, 2);
      decorateMethod(pb.onInit(), Mod, 'init');
      decorateMethod(pb.onShutdown(), Mod, 'stop');
      pb.Module({ pluginId, id: `m${j}` })(Mod);
      features.push(Mod);
    }
  }
  const t1 = performance.now();

  // Start: add and build (cheap), then start (validation, containers, inits).
  const builder = new pb.ContainerBuilder({ logger: { level: 'silent' } });
  for (const f of features) builder.add(f);
  const app = builder.build();
  await measure('start', () => app.start(), app);
  const t2 = performance.now();
  checkStarted(c, n, m);
  onStarted?.();

  const t3 = performance.now();
  await app.stop();
  const t4 = performance.now();
  checkStopped(c, n, m);

  return { defineMs: t1 - t0, startMs: t2 - t1, stopMs: t4 - t3 };
}
