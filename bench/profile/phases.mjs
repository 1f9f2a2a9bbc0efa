// The fixed cost of a small plugboard app, phase by phase: `node phases.mjs [N M]` (default 10 5)
// builds the current scenario's app (as ../systems/plugboard.mjs does) and prints one JSON line of
// marks, each the monotonic clock in µs (process.hrtime, the clock V8's CPU profiles use):
//   entry            this file starts running (node's own bootstrap before it)
//   imported         dist/index.js and all it imports are loaded
//   defined          refs, extension points and decorated classes exist
//   built            new ContainerBuilder, add() of every feature, build()
//   firstModuleInit  start() reached the first module's @onInit (validation, root services and the
//                    first plugin's container and constructions happened before it)
//   lastPluginInit   the last plugin's @onInit ran
//   started          app.start() resolved
//   stopped          app.stop() resolved
// PLUGBOARD_ENTRY=<path> imports that file instead of dist/index.js.
// With `node --cpu-prof` the marks cut the profile into these phases (summarise.mjs).
const us = () => Number(process.hrtime.bigint() / 1000n);
const marks = {
  timeOrigin: Math.round(performance.timeOrigin * 1000),
  processStart: us() - Math.round(performance.now() * 1000),
  entry: us(),
};

const [n = 10, m = 5] = process.argv.slice(2).map(Number);
// PLUGBOARD_ENTRY: another build of the same code, e.g. tsc's one file per source file in .tsc/
// (fixed-cost.mjs --per-file), so a profile can say which source file the time was in.
const pb = await import(process.env.PLUGBOARD_ENTRY ?? '../../dist/index.js');
marks.imported = us();

function decorateMethod(decorator, cls, key) {
  decorator(cls.prototype, key, Object.getOwnPropertyDescriptor(cls.prototype, key));
}

let moduleInits = 0;
let pluginInits = 0;
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
      if (this.registry.items.length !== m) throw new Error(`${pluginId} saw ${this.registry.items.length} items`);
      if (++pluginInits === 1) marks.firstPluginInit = us();
      if (pluginInits === n) marks.lastPluginInit = us();
    }
    stop() {}
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
        if (++moduleInits === 1) marks.firstModuleInit = us();
        this.items.addItem(j);
      }
      stop() {}
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
marks.defined = us();

const builder = new pb.ContainerBuilder({ logger: { level: 'silent' } });
for (const f of features) builder.add(f);
const app = builder.build();
marks.built = us();
await app.start();
marks.started = us();
if (moduleInits !== n * m || pluginInits !== n) throw new Error('not every init ran');
await app.stop();
marks.stopped = us();
process.stdout.write(JSON.stringify(marks) + '\n');
