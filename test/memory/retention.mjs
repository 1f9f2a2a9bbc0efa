// Starts and stops an app of 200 plugins 20 times, holding only WeakRefs to what each run created
// (plugins, modules, services, containers' instances), then reports how many are still alive.
// Run with --expose-gc; prints one JSON line.
import * as pb from '../../dist/index.js';

const refs = [];
const track = (value) => refs.push(new WeakRef(value));

async function run(round) {
  const svc = pb.createServiceRef({ id: 'memory.svc', scope: 'plugin' });
  const root = pb.createServiceRef({ id: 'memory.root', scope: 'root' });
  class Svc {
    constructor() {
      track(this);
    }
  }
  pb.Service({ provides: svc })(Svc);
  class Root {
    constructor() {
      track(this);
    }
  }
  pb.Service({ provides: root })(Root);
  const features = [Svc, Root];
  for (let i = 0; i < 200; i++) {
    const ep = pb.createExtensionPoint({ id: `memory${i}.ep` });
    class Registry {
      constructor() {
        this.items = [];
        track(this);
      }
      add(item) {
        this.items.push(item);
      }
    }
    pb.Service()(Registry);
    class P {
      constructor(registry, service, rootService) {
        this.registry = registry;
        this.services = [service, rootService];
        track(this);
      }
      stop() {}
    }
    pb.inject(Registry)(P, undefined, 0);
    pb.inject(svc)(P, undefined, 1);
    pb.inject(root)(P, undefined, 2);
    pb.onShutdown()(P.prototype, 'stop', Object.getOwnPropertyDescriptor(P.prototype, 'stop'));
    pb.Plugin({ id: `p${i}`, extensionPoints: [{ provide: ep, useClass: Registry }] })(P);
    class M {
      constructor(items) {
        items.add(round);
        track(this);
        track(items);
      }
    }
    pb.inject(ep)(M, undefined, 0);
    pb.Module({ pluginId: `p${i}`, id: 'm' })(M);
    features.push(P, M);
  }
  const app = new pb.ContainerBuilder({ logger: { level: 'silent' } }).add(features).build();
  await app.start();
  track(app);
  await app.stop();
}

for (let round = 0; round < 20; round++) await run(round);
await new Promise((resolve) => setTimeout(resolve, 20));
for (let i = 0; i < 3; i++) {
  global.gc();
  await new Promise((resolve) => setTimeout(resolve, 10));
}
const alive = refs.filter((ref) => ref.deref() !== undefined).length;
process.stdout.write(
  JSON.stringify({ tracked: refs.length, alive, heapUsedMB: Math.round(process.memoryUsage().heapUsed / 1048576) }) + '\n',
);
