// Starts and stops an app of PLUGINS plugins ROUNDS times, holding only WeakRefs to what each
// round created — plugin, module and service instances (root, plugin-scoped class and factory),
// extension point implementations and the views modules got of them, the feature classes, and the
// app — and after every round forces garbage collection and counts what is still alive.
// Every third round, one plugin's init fails, so a failed start() must release everything too.
//
// Run with --expose-gc on the built package (dist/). Options:
//   --keep-apps     keep every stopped App referenced (a host that keeps its `app` variable): a
//                   stopped app may keep its feature classes, but nothing that ran in it.
//   --no-failures   no failing rounds.
// Prints one JSON line: { rounds, plugins, keptApps, tracked, aliveAfterRound, earlierAliveAfterRound,
// byKind, heapUsedMB }: after round k, aliveAfterRound[k] tracked objects of rounds 0..k are alive,
// earlierAliveAfterRound[k] of them from rounds before k; byKind counts what is alive at the end.
import * as pb from '../../dist/index.js';

const ROUNDS = 20;
const PLUGINS = 200;
const keepApps = process.argv.includes('--keep-apps');
const failures = !process.argv.includes('--no-failures');

if (typeof globalThis.gc !== 'function') {
  process.stderr.write('retention.mjs needs node --expose-gc\n');
  process.exit(2);
}

/** @type {Array<{ kind: string, round: number, ref: WeakRef<object> }>} */
const tracked = [];
let currentRound = 0;
const track = (kind, value) => {
  tracked.push({ kind, round: currentRound, ref: new WeakRef(value) });
  return value;
};

/** Decorates a class programmatically: parameter tokens, then @onInit/@onShutdown when present. */
function decorate(cls, tokens) {
  tokens.forEach((token, index) => pb.inject(token)(cls, undefined, index));
  for (const [decorator, name] of [
    [pb.onInit(), 'init'],
    [pb.onShutdown(), 'stop'],
  ]) {
    const descriptor = Object.getOwnPropertyDescriptor(cls.prototype, name);
    if (descriptor) decorator(cls.prototype, name, descriptor);
  }
  return cls;
}

/** The features of one round: fresh classes, refs and factories, as a host that reloads would make. */
function features(round, failing) {
  const rootRef = pb.createServiceRef({ id: 'memory.root', scope: 'root' });
  const perPluginRef = pb.createServiceRef({ id: 'memory.per-plugin', scope: 'plugin' });
  const factoryRef = pb.createServiceRef({ id: 'memory.factory', scope: 'plugin' });
  const Root = decorate(
    class Root {
      constructor() {
        track('root service', this);
      }
      stop() {}
    },
    [],
  );
  pb.Service({ provides: rootRef })(Root);
  const PerPlugin = decorate(
    class PerPlugin {
      constructor(root, lifecycle) {
        this.root = root;
        track('plugin service', this);
        // A shutdown hook closes over this instance: the hook list must be released too.
        lifecycle.addShutdownHook(() => void this.root);
      }
      init() {}
      stop() {}
    },
    [rootRef, pb.coreServices.lifecycle],
  );
  pb.Service({ provides: perPluginRef })(PerPlugin);
  const factory = pb.createServiceFactory({
    service: factoryRef,
    deps: { root: rootRef },
    factory: async ({ root }) => track('factory service', { root }),
  });
  const list = [Root, PerPlugin, factory];
  for (let i = 0; i < PLUGINS; i++) {
    const point = pb.createExtensionPoint({ id: `memory${i}.items` });
    const Registry = class Registry {
      constructor() {
        this.items = [];
        track('extension point implementation', this);
      }
      add(item) {
        this.items.push(item);
      }
    };
    pb.Service()(Registry);
    const Plugin = decorate(
      class Plugin {
        constructor(registry, perPlugin, made) {
          this.registry = registry;
          this.services = [perPlugin, made];
          track('plugin', this);
        }
        init() {
          if (failing && i === PLUGINS - 1) throw new Error('planted failure');
        }
        stop() {}
      },
      [Registry, perPluginRef, factoryRef],
    );
    pb.Plugin({ id: `p${i}`, extensionPoints: [{ provide: point, useClass: Registry }] })(Plugin);
    const Module = decorate(
      class Module {
        constructor(items, perPlugin) {
          this.items = track('extension point view', items);
          this.perPlugin = perPlugin;
          track('module', this);
        }
        init() {
          this.items.add(round);
        }
        stop() {}
      },
      [point, perPluginRef],
    );
    pb.Module({ pluginId: `p${i}`, id: 'm' })(Module);
    track('feature class', Plugin);
    list.push(Plugin, Module);
  }
  return list;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/** Collects garbage until the count of live tracked objects stops falling; returns the live ones. */
async function aliveAfterGc() {
  let alive = tracked;
  for (let attempt = 0; attempt < 10; attempt++) {
    await settle(); // WeakRefs are only cleared once the current job is done
    globalThis.gc();
    await settle();
    const now = tracked.filter(({ ref }) => ref.deref() !== undefined);
    if (now.length >= alive.length) break;
    alive = now;
  }
  return alive;
}

/** One start and stop; returns the app (so nothing of the round stays on the stack while measuring). */
async function round(index) {
  const failing = failures && index % 3 === 2;
  const app = new pb.ContainerBuilder({ logger: { level: 'silent' } }).add(features(index, failing)).build();
  track('app', app);
  const started = await app.start().then(
    () => true,
    (error) => {
      if (!failing || error?.code !== 'INIT_FAILED') throw error;
      return false;
    },
  );
  if (started === failing) throw new Error(`round ${index}: start() ${started ? 'resolved' : 'rejected'} unexpectedly`);
  await app.stop();
  return app;
}

const kept = [];
const aliveAfterRound = [];
const earlierAliveAfterRound = [];
for (let index = 0; index < ROUNDS; index++) {
  currentRound = index;
  if (keepApps) kept.push(await round(index));
  else await round(index);
  const alive = await aliveAfterGc();
  aliveAfterRound.push(alive.length);
  earlierAliveAfterRound.push(alive.filter((entry) => entry.round < index).length);
}

const byKind = {};
for (const { kind } of await aliveAfterGc()) byKind[kind] = (byKind[kind] ?? 0) + 1;
process.stdout.write(
  JSON.stringify({
    rounds: ROUNDS,
    plugins: PLUGINS,
    keptApps: kept.length,
    tracked: tracked.length,
    aliveAfterRound,
    earlierAliveAfterRound,
    byKind,
    heapUsedMB: Math.round(process.memoryUsage().heapUsed / 1048576),
  }) + '\n',
);
