/**
 * Turns an {@link AppModel} into real features: plugin and module classes decorated at run time
 * (the decorators called as functions), `@Service({ provides })` classes and service factories.
 * Every feature writes what happens to it into a fresh {@link Journal}.
 */
import {
  coreServices,
  createExtensionPoint,
  createServiceFactory,
  createServiceRef,
  inject,
  Module,
  onInit,
  onShutdown,
  Plugin,
  Service,
  type ExtensionPoint,
  type Feature,
  type InjectionToken,
  type PluginMetadataService,
  type ServiceRef,
} from 'plugboard';
import { Journal } from './journal.js';
import {
  itemsPointId,
  moduleName,
  modulePointId,
  serviceName,
  type AppModel,
  type ExtraParameter,
  type ModuleModel,
  type PluginModel,
  type Scope,
  type ServiceModel,
  type Stray,
  type Timing,
} from './model.js';

/** What every service instance is: it knows its service and the plugin it was created for. */
export interface ServiceInstance {
  readonly serviceId: string;
  /** From `coreServices.pluginMetadata` for a plugin-scoped service; undefined for a root one. */
  readonly pluginId: string | undefined;
  /** Its journal name (`svc.2`, `svc.2@p3`). */
  readonly who: string;
}

/** What extension points carry: names of the features that added themselves. */
interface Items {
  add(item: string): void;
}

export interface Materialized {
  /** Everything to pass to `builder.add()`. */
  readonly features: Feature[];
  readonly journal: Journal;
}

type AnyClass = new (...args: unknown[]) => object;

/** Builds the features of `model`, recording into a new journal. */
export function materialize(model: AppModel): Materialized {
  const journal = new Journal();
  const tokens = new Tokens(model.services);
  const features: Feature[] = [];
  for (const service of model.services) features.push(serviceFeature(service, tokens, journal));
  for (const plugin of model.plugins) {
    features.push(pluginClass(plugin, tokens, journal));
    for (const module of plugin.modules) features.push(moduleClass(plugin, module, tokens, journal));
  }
  const ordered = model.addOrder === undefined ? features : shuffle(features, model.addOrder);
  // Strays come last: of two features with one id the first added counts, so the defect is the extra one.
  return { features: [...ordered, ...model.strays.map((stray) => strayFeature(stray, tokens))], journal };
}

/** A seeded Fisher-Yates shuffle (mulberry32), so a failing order replays from the model. */
function shuffle<T>(items: readonly T[], seed: number): T[] {
  const result = [...items];
  let state = seed >>> 0;
  const random = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
  for (let i = result.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [result[i], result[j]] = [result[j]!, result[i]!];
  }
  return result;
}

/** One token per id, shared by every feature of the app (ids are what plugboard matches on). */
class Tokens {
  private readonly refs = new Map<string, ServiceRef<ServiceInstance>>();
  private readonly points = new Map<string, ExtensionPoint<Items>>();

  constructor(services: readonly ServiceModel[]) {
    for (const service of services) this.ref(service.id, service.scope);
  }

  ref(id: string, scope: Scope = 'plugin'): ServiceRef<ServiceInstance> {
    let ref = this.refs.get(id);
    if (ref === undefined) this.refs.set(id, (ref = createServiceRef<ServiceInstance>({ id, scope })));
    return ref;
  }

  point(id: string): ExtensionPoint<Items> {
    let point = this.points.get(id);
    if (point === undefined) this.points.set(id, (point = createExtensionPoint<Items>({ id })));
    return point;
  }

  extras(extra: readonly ExtraParameter[]): { tokens: InjectionToken<unknown>[]; untokened: number } {
    const tokens: InjectionToken<unknown>[] = [];
    let untokened = 0;
    for (const parameter of extra) {
      if (parameter.kind === 'extensionPoint') tokens.push(this.point(parameter.id));
      else if (parameter.kind === 'service') tokens.push(this.ref(parameter.id, parameter.scope));
      else untokened++;
    }
    return { tokens, untokened };
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs an init (or factory) as `timing` says: `done` on success, synchronously when the delay is 0.
 * A failure throws (sync), rejects (after the delay), or never settles (`hang`).
 */
function run<T>(timing: Timing, who: string, done: () => T): T | Promise<T> {
  const finish = (): T => {
    if (timing.failure === 'throw' || timing.failure === 'reject') throw new Error(`${who} failed (${timing.failure})`);
    return done();
  };
  if (timing.failure === 'hang') return new Promise<T>(() => undefined);
  if (timing.delayMs > 0) return sleep(timing.delayMs).then(finish);
  if (timing.failure === 'reject') return Promise.reject(new Error(`${who} failed (reject)`));
  return finish();
}

/** Names a class (plugboard's messages show class names) and applies parameter and lifecycle decorators. */
function decorate(cls: AnyClass, name: string, tokens: readonly InjectionToken<unknown>[], untokened = 0): void {
  Object.defineProperty(cls, 'name', { value: name });
  tokens.forEach((token, index) => inject(token)(cls, undefined, index));
  // Parameters past the injected ones have no token: plugboard counts them through `length`.
  if (untokened > 0) Object.defineProperty(cls, 'length', { value: tokens.length + untokened });
  for (const [decorator, method] of [
    [onInit(), 'init'],
    [onShutdown(), 'shutdown'],
  ] as const) {
    if (method in cls.prototype) decorator(cls.prototype, method, Object.getOwnPropertyDescriptor(cls.prototype, method));
  }
}

/** A class injected by class that collects items: the implementation of an extension point. */
function collectorClass(name: string): new () => Items & { readonly items: string[] } {
  class Collector {
    readonly items: string[] = [];
    add(item: string): void {
      this.items.push(item);
    }
  }
  Object.defineProperty(Collector, 'name', { value: name });
  Service()(Collector);
  return Collector;
}

function receive(journal: Journal, consumer: string, consumerPlugin: string | undefined, values: readonly unknown[]): void {
  for (const value of values) journal.received.push({ consumer, consumerPlugin, instance: value as ServiceInstance });
}

function pluginClass(plugin: PluginModel, tokens: Tokens, journal: Journal): AnyClass {
  const who = plugin.id;
  const Registry = collectorClass(`Items_${plugin.id}`);
  const extras = tokens.extras(plugin.extra);
  const services = plugin.services.map((id) => tokens.ref(id));
  class P {
    private readonly registry: InstanceType<typeof Registry>;
    constructor(...args: unknown[]) {
      this.registry = args[0] as InstanceType<typeof Registry>;
      journal.record('construct', who);
      receive(journal, who, plugin.id, args.slice(1, 1 + services.length));
    }
    init(): unknown {
      journal.record('init', who);
      journal.seen.set(who, [...this.registry.items]);
      return run(plugin.timing, who, () => journal.record('ready', who));
    }
    shutdown(): void {
      journal.record('shutdown', who);
    }
  }
  journal.stoppable.add(who);
  decorate(P, `Plugin_${plugin.id}`, [Registry, ...services, ...extras.tokens], extras.untokened);
  Plugin({ id: plugin.id, extensionPoints: [{ provide: tokens.point(itemsPointId(plugin.id)), useClass: Registry }] })(P);
  return P;
}

function moduleClass(plugin: PluginModel, module: ModuleModel, tokens: Tokens, journal: Journal): AnyClass {
  const who = moduleName(plugin.id, module.id);
  const targets = [...(module.addsToPlugin ? [itemsPointId(plugin.id)] : []), ...module.uses.map((id) => modulePointId(plugin.id, id))];
  const Own = module.provides ? collectorClass(`Points_${plugin.id}_${module.id}`) : undefined;
  const services = module.services.map((id) => tokens.ref(id));
  const extras = tokens.extras(module.extra);
  class M {
    private readonly targets: Items[];
    private readonly own: { readonly items: string[] } | undefined;
    constructor(...args: unknown[]) {
      this.targets = args.slice(0, targets.length) as Items[];
      this.own = Own === undefined ? undefined : (args[targets.length] as { readonly items: string[] });
      journal.record('construct', who);
      const first = targets.length + (Own === undefined ? 0 : 1);
      receive(journal, who, plugin.id, args.slice(first, first + services.length));
    }
    init(): unknown {
      journal.record('init', who);
      if (this.own !== undefined) journal.seen.set(who, [...this.own.items]);
      return run(module.timing, who, () => {
        for (const target of this.targets) target.add(who);
        journal.record('ready', who);
      });
    }
    shutdown(): void {
      journal.record('shutdown', who);
    }
  }
  journal.stoppable.add(who);
  decorate(
    M,
    `Module_${plugin.id}_${module.id}`,
    [...targets.map((id) => tokens.point(id)), ...(Own === undefined ? [] : [Own]), ...services, ...extras.tokens],
    extras.untokened,
  );
  const provides = Own === undefined ? [] : [{ provide: tokens.point(modulePointId(plugin.id, module.id)), useClass: Own }];
  Module({ pluginId: plugin.id, id: module.id, extensionPoints: provides })(M);
  return M;
}

function serviceFeature(service: ServiceModel, tokens: Tokens, journal: Journal): Feature {
  const ref = tokens.ref(service.id, service.scope);
  const deps = service.deps.map((id) => tokens.ref(id));
  // A plugin-scoped service learns which plugin it was created for: the scope property checks it.
  const metadata = service.scope === 'plugin' ? [coreServices.pluginMetadata] : [];
  const created = (args: readonly unknown[]): ServiceInstance => {
    const pluginId = service.scope === 'plugin' ? (args[deps.length] as PluginMetadataService).getId() : undefined;
    const who = serviceName(service.id, pluginId);
    journal.record('construct', who);
    receive(journal, who, pluginId, args.slice(0, deps.length));
    return { serviceId: service.id, pluginId, who };
  };
  if (service.form === 'factory') {
    const named: Record<string, ServiceRef<unknown>> = {};
    [...deps, ...metadata].forEach((dep, index) => (named[`d${index}`] = dep));
    return createServiceFactory<ServiceInstance, Scope, Record<string, ServiceRef<unknown>>>({
      service: ref,
      deps: named,
      factory: (values) => {
        const instance = created(Object.keys(named).map((key) => values[key]));
        return run(service.timing, instance.who, () => {
          journal.record('ready', instance.who);
          return instance;
        });
      },
    });
  }
  class S implements ServiceInstance {
    readonly serviceId = service.id;
    readonly pluginId: string | undefined;
    readonly who: string;
    constructor(...args: unknown[]) {
      const identity = created(args);
      this.pluginId = identity.pluginId;
      this.who = identity.who;
      journal.stoppable.add(this.who);
    }
    init(): unknown {
      journal.record('init', this.who);
      return run(service.timing, this.who, () => journal.record('ready', this.who));
    }
    shutdown(): void {
      journal.record('shutdown', this.who);
    }
  }
  decorate(S, `Service_${service.id.replace('.', '_')}`, [...deps, ...metadata]);
  Service({ provides: ref })(S);
  return S;
}

/** Features that break the app; they carry no behaviour (validation stops the app before they could run). */
function strayFeature(stray: Stray, tokens: Tokens): Feature {
  if (stray.kind === 'implementation') {
    return createServiceFactory({
      service: tokens.ref(stray.serviceId),
      factory: () => ({ serviceId: stray.serviceId, pluginId: undefined, who: '' }),
    });
  }
  class StrayFeature {}
  if (stray.kind === 'plugin') {
    Object.defineProperty(StrayFeature, 'name', { value: `StrayPlugin_${stray.id}` });
    Plugin({ id: stray.id })(StrayFeature);
  } else {
    Object.defineProperty(StrayFeature, 'name', { value: `StrayModule_${stray.pluginId}_${stray.id}` });
    const provides =
      stray.provides === undefined ? [] : [{ provide: tokens.point(stray.provides), useClass: collectorClass(`Stray_${stray.id}`) }];
    Module({ pluginId: stray.pluginId, id: stray.id, extensionPoints: provides })(StrayFeature);
  }
  return StrayFeature;
}
