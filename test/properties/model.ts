/**
 * A generated app, as plain data: plugins with modules, extension points that modules provide to
 * each other, services with scopes and dependencies, and the defects the generator injected.
 * `build()` turns it into decorated classes that record what happens in a journal.
 */
import fc from 'fast-check';
import {
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
  type ServiceRef,
} from 'plugboard';

export type Defect =
  | { kind: 'DUPLICATE_PLUGIN'; pluginId: string }
  | { kind: 'DUPLICATE_MODULE'; pluginId: string; moduleId: string }
  | { kind: 'MODULE_WITHOUT_PLUGIN'; pluginId: string; moduleId: string }
  | { kind: 'DEPENDENCY_CYCLE'; pluginId: string }
  | { kind: 'SCOPE_VIOLATION'; refId: string }
  | { kind: 'SERVICE_NOT_FOUND'; refId: string };

export interface ModuleSpec {
  readonly id: string;
  /** Indexes of modules of the same plugin whose extension point this module uses. */
  readonly uses: number[];
  /** Whether it provides an extension point to other modules. */
  readonly provides: boolean;
  readonly delayMs: number;
  readonly fails: boolean;
}

export interface PluginSpec {
  readonly id: string;
  readonly modules: ModuleSpec[];
  /** Indexes into AppSpec.services this plugin injects. */
  readonly services: number[];
  readonly delayMs: number;
  readonly fails: boolean;
}

export interface ServiceSpec {
  readonly id: string;
  readonly scope: 'root' | 'plugin';
  /** Indexes of earlier services it depends on (a DAG unless a defect adds a back edge). */
  readonly deps: number[];
}

export interface AppSpec {
  readonly plugins: PluginSpec[];
  readonly services: ServiceSpec[];
  readonly defects: Defect[];
  /** Extra plugin or module the defects need (duplicates, orphans). */
  readonly extraPlugins: string[];
  readonly extraModules: Array<{ pluginId: string; moduleId: string }>;
  /** Refs injected by some plugin but never installed. */
  readonly missingRefs: string[];
}

export interface GenerateOptions {
  readonly maxPlugins: number;
  readonly maxModules: number;
  readonly defects: boolean;
  readonly failures: boolean;
}

const moduleArb = (index: number, count: number, options: GenerateOptions): fc.Arbitrary<ModuleSpec> =>
  fc.record({
    id: fc.constant(`m${index}`),
    // A module uses extension points of modules after it: users init before providers, so this stays a DAG.
    uses: count - index - 1 > 0 ? fc.uniqueArray(fc.integer({ min: index + 1, max: count - 1 }), { maxLength: 2 }) : fc.constant([]),
    provides: fc.boolean(),
    delayMs: fc.integer({ min: 0, max: 2 }),
    fails: options.failures ? fc.integer({ min: 0, max: 19 }).map((n) => n === 0) : fc.constant(false),
  });

/** An arbitrary app; with `defects`, sometimes broken on purpose, with the defects listed. */
export function appArbitrary(options: GenerateOptions): fc.Arbitrary<AppSpec> {
  const services = fc
    .array(fc.constantFrom<'root' | 'plugin'>('root', 'plugin'), { maxLength: 5 })
    .chain((scopes) =>
      fc.tuple(
        ...scopes.map((scope, index) =>
          fc.record({
            id: fc.constant(`svc${index}`),
            scope: fc.constant(scope),
            // only same-or-wider scope below a root service, so sound apps stay sound
            deps: index === 0 ? fc.constant<number[]>([]) : fc.uniqueArray(fc.integer({ min: 0, max: index - 1 }), { maxLength: 2 }),
          }),
        ),
      ),
    )
    .map((list) =>
      list.map((service) => ({
        ...service,
        deps: service.scope === 'root' ? service.deps.filter((d) => list[d]!.scope === 'root') : service.deps,
      })),
    );
  const plugin = (index: number, serviceCount: number): fc.Arbitrary<PluginSpec> =>
    fc.integer({ min: 0, max: options.maxModules }).chain((count) =>
      fc.record({
        id: fc.constant(`p${index}`),
        modules: count === 0 ? fc.constant([]) : fc.tuple(...Array.from({ length: count }, (_, i) => moduleArb(i, count, options))),
        services: serviceCount === 0 ? fc.constant([]) : fc.uniqueArray(fc.integer({ min: 0, max: serviceCount - 1 }), { maxLength: 2 }),
        delayMs: fc.integer({ min: 0, max: 2 }),
        fails: options.failures ? fc.integer({ min: 0, max: 13 }).map((n) => n === 0) : fc.constant(false),
      }),
    );
  return services.chain((serviceList) =>
    fc
      .integer({ min: 0, max: options.maxPlugins })
      .chain((count) =>
        count === 0 ? fc.constant([] as PluginSpec[]) : fc.tuple(...Array.from({ length: count }, (_, i) => plugin(i, serviceList.length))),
      )
      .chain((plugins) => (options.defects ? withDefects(plugins, serviceList) : fc.constant(sound(plugins, serviceList)))),
  );
}

function sound(plugins: PluginSpec[], services: ServiceSpec[]): AppSpec {
  return { plugins, services, defects: [], extraPlugins: [], extraModules: [], missingRefs: [] };
}

function withDefects(plugins: PluginSpec[], services: ServiceSpec[]): fc.Arbitrary<AppSpec> {
  const kinds = [
    'DUPLICATE_PLUGIN',
    'DUPLICATE_MODULE',
    'MODULE_WITHOUT_PLUGIN',
    'DEPENDENCY_CYCLE',
    'SCOPE_VIOLATION',
    'SERVICE_NOT_FOUND',
  ] as const;
  return fc.subarray([...kinds], { maxLength: 3 }).map((chosen) => {
    const app: AppSpec = { ...sound(structuredClone(plugins), structuredClone(services)), defects: [] };
    for (const kind of chosen) {
      switch (kind) {
        case 'DUPLICATE_PLUGIN':
          if (app.plugins[0]) {
            app.extraPlugins.push(app.plugins[0].id);
            app.defects.push({ kind, pluginId: app.plugins[0].id });
          }
          break;
        case 'DUPLICATE_MODULE': {
          const target = app.plugins.find((p) => p.modules.length > 0);
          if (target) {
            app.extraModules.push({ pluginId: target.id, moduleId: target.modules[0]!.id });
            app.defects.push({ kind, pluginId: target.id, moduleId: target.modules[0]!.id });
          }
          break;
        }
        case 'MODULE_WITHOUT_PLUGIN':
          app.extraModules.push({ pluginId: 'ghost', moduleId: 'orphan' });
          app.defects.push({ kind, pluginId: 'ghost', moduleId: 'orphan' });
          break;
        case 'DEPENDENCY_CYCLE': {
          // a provider that also uses an extension point of one of its users closes a loop
          const target = app.plugins.find((p) => p.modules.some((m) => m.uses.length > 0));
          if (target) {
            const userIndex = target.modules.findIndex((m) => m.uses.length > 0);
            const user = target.modules[userIndex]!;
            const provider = target.modules[user.uses[0]!]!;
            (provider.uses as number[]).push(userIndex);
            (user as { provides: boolean }).provides = true;
            (provider as { provides: boolean }).provides = true;
            app.defects.push({ kind, pluginId: target.id });
          }
          break;
        }
        case 'SCOPE_VIOLATION':
          app.services.push({ id: 'svc.leaky', scope: 'root', deps: [] });
          app.services.push({ id: 'svc.per-plugin', scope: 'plugin', deps: [] });
          (app.services.at(-2)!.deps as number[]).push(app.services.length - 1);
          app.defects.push({ kind, refId: 'svc.leaky' });
          break;
        case 'SERVICE_NOT_FOUND':
          if (app.plugins[0]) {
            app.missingRefs.push('svc.missing');
            app.defects.push({ kind, refId: 'svc.missing' });
          }
          break;
      }
    }
    return app;
  });
}

/** What the built app records while it runs. */
export interface Journal {
  readonly events: string[];
  /** Items each plugin saw through its registry at its init. */
  readonly seen: Map<string, string[]>;
  /** Service instances each plugin and module received, by service id. */
  readonly instances: Map<string, Map<string, object>>;
}

const delay = (ms: number): Promise<void> | void => (ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : undefined);

/** Decorated classes and factories for a spec, recording into a fresh journal. */
export function build(spec: AppSpec): { features: unknown[]; journal: Journal } {
  const journal: Journal = { events: [], seen: new Map(), instances: new Map() };
  const refs = new Map<string, ServiceRef<object>>();
  const features: unknown[] = [];
  for (const service of spec.services)
    refs.set(service.id, createServiceRef<object>({ id: service.id, scope: service.scope }) as ServiceRef<object>);
  for (const service of spec.services) {
    const deps: Record<string, ServiceRef<unknown>> = {};
    for (const d of service.deps) deps[`d${d}`] = refs.get(spec.services[d]!.id)!;
    features.push(
      createServiceFactory<object, 'root' | 'plugin', Record<string, ServiceRef<unknown>>>({
        service: refs.get(service.id)!,
        deps,
        factory: () => ({ service: service.id }),
      }),
    );
  }
  const record = (who: string, serviceIds: readonly string[], values: unknown[]): void => {
    const map = new Map<string, object>();
    serviceIds.forEach((id, i) => map.set(id, values[i] as object));
    journal.instances.set(who, map);
  };

  const pluginClass = (plugin: PluginSpec): { cls: unknown; moduleClasses: unknown[] } => {
    const items = createExtensionPoint<{ add(item: string): void }>({ id: `${plugin.id}.items` });
    class Registry {
      readonly items: string[] = [];
      add(item: string): void {
        this.items.push(item);
      }
    }
    Service()(Registry);
    const serviceIds = [...plugin.services.map((i) => spec.services[i]!.id), ...spec.missingRefs];
    const moduleEps: Array<ExtensionPoint<{ add(item: string): void }> | undefined> = plugin.modules.map((m) =>
      m.provides ? createExtensionPoint<{ add(item: string): void }>({ id: `${plugin.id}.${m.id}.ep` }) : undefined,
    );
    class P {
      constructor(registry: Registry, ...values: unknown[]) {
        this.registry = registry;
        record(plugin.id, serviceIds, values);
      }
      private readonly registry: Registry;
      async init(): Promise<void> {
        journal.events.push(`init:${plugin.id}`);
        journal.seen.set(plugin.id, [...this.registry.items]);
        await delay(plugin.delayMs);
        if (plugin.fails) throw new Error(`${plugin.id} fails`);
        journal.events.push(`up:${plugin.id}`);
      }
      stop(): void {
        journal.events.push(`stop:${plugin.id}`);
      }
    }
    inject(Registry)(P, undefined, 0);
    serviceIds.forEach((id, i) => inject(refs.get(id) ?? createServiceRef<object>({ id }))(P, undefined, i + 1));
    onInit()(P.prototype, 'init', Object.getOwnPropertyDescriptor(P.prototype, 'init'));
    onShutdown()(P.prototype, 'stop', Object.getOwnPropertyDescriptor(P.prototype, 'stop'));
    Plugin({ id: plugin.id, extensionPoints: [{ provide: items, useClass: Registry }] })(P);

    const moduleClasses = plugin.modules.map((module, index) => {
      const used = module.uses.map((u) => moduleEps[u]).filter((ep): ep is NonNullable<typeof ep> => ep !== undefined);
      class Collector {
        readonly items: string[] = [];
        add(item: string): void {
          this.items.push(item);
        }
      }
      Service()(Collector);
      class M {
        private readonly targets: Array<{ add(item: string): void }>;
        private readonly collector: Collector | undefined;
        constructor(pluginItems: { add(item: string): void }, ...rest: unknown[]) {
          this.targets = [pluginItems, ...(rest.slice(0, used.length) as Array<{ add(item: string): void }>)];
          this.collector = module.provides ? (rest[used.length] as Collector) : undefined;
          record(
            `${plugin.id}/${module.id}`,
            plugin.services.map((i) => spec.services[i]!.id),
            rest.slice(used.length + (module.provides ? 1 : 0)),
          );
        }
        async init(): Promise<void> {
          journal.events.push(
            `init:${plugin.id}/${module.id}${this.collector ? ` saw ${[...this.collector.items].sort().join(',')}` : ''}`,
          );
          await delay(module.delayMs);
          if (module.fails) throw new Error(`${plugin.id}/${module.id} fails`);
          for (const target of this.targets) target.add(`${plugin.id}/${module.id}`);
          journal.events.push(`up:${plugin.id}/${module.id}`);
        }
        stop(): void {
          journal.events.push(`stop:${plugin.id}/${module.id}`);
        }
      }
      inject(items)(M, undefined, 0);
      used.forEach((ep, i) => inject(ep)(M, undefined, i + 1));
      if (module.provides) inject(Collector)(M, undefined, used.length + 1);
      plugin.services.forEach((s, i) => inject(refs.get(spec.services[s]!.id)!)(M, undefined, used.length + (module.provides ? 2 : 1) + i));
      onInit()(M.prototype, 'init', Object.getOwnPropertyDescriptor(M.prototype, 'init'));
      onShutdown()(M.prototype, 'stop', Object.getOwnPropertyDescriptor(M.prototype, 'stop'));
      const provider = moduleEps[index];
      Module({ pluginId: plugin.id, id: module.id, extensionPoints: provider ? [{ provide: provider, useClass: Collector }] : [] })(M);
      return M;
    });
    return { cls: P, moduleClasses };
  };

  for (const plugin of spec.plugins) {
    const { cls, moduleClasses } = pluginClass(plugin);
    features.push(cls, ...moduleClasses);
  }
  for (const id of spec.extraPlugins) {
    class Duplicate {}
    Plugin({ id })(Duplicate);
    features.push(Duplicate);
  }
  for (const { pluginId, moduleId } of spec.extraModules) {
    class Extra {}
    Module({ pluginId, id: moduleId })(Extra);
    features.push(Extra);
  }
  return { features, journal };
}

/** Runs for the property tests: many more with PLUGBOARD_SOAK_RUNS (the seed is printed on failure). */
export function runs(normal: number): { numRuns: number } {
  const soak = Number(process.env['PLUGBOARD_SOAK_RUNS']);
  return { numRuns: Number.isInteger(soak) && soak > 0 ? soak : normal };
}
