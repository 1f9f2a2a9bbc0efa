/**
 * The attacker's kit for test/security: a victim app, and the tools a hostile module or service
 * uses on whatever plugboard hands it. Public API only ('plugboard', 'plugboard/testing').
 *
 * - `crawl()` follows every route JavaScript offers from an object without calling its methods:
 *   own string and symbol keys, property descriptors, getters, the prototype chain,
 *   `constructor` / `__proto__` / `then` reads, Map and Set entries. What it reaches is what a
 *   module could reach; what it cannot reach (closures, #private fields, WeakMap entries) is
 *   what plugboard may keep state in.
 * - `vandalize()` does the worst it can to everything `crawl()` reaches: empties arrays, clears
 *   maps and sets, flips booleans, replaces functions with no-ops, prototypes and constructors
 *   included. Every change it manages is undone by `Tamper.restore()` after the test.
 * - `scenario()` builds the victim: plugin 'victim' with an extension point, a module that uses
 *   it, a plugin-scoped service, lifecycle hooks (plugin and root) and config reads. Its probes
 *   are filled by the victim's own code (closures an attacker cannot reach) and say what it saw.
 */
import 'reflect-metadata';
import { inspect } from 'node:util';
import {
  ContainerBuilder,
  coreServices,
  createExtensionPoint,
  createServiceFactory,
  createServiceRef,
  inject,
  Module,
  onInit,
  onShutdown,
  PlugboardError,
  Plugin,
  Service,
  type App,
  type ConfigService,
  type ContainerBuilderOptions,
  type ExtensionPoint,
  type ExtensionPointProvider,
  type InjectionToken,
  type Feature,
  type InstanceMetadataService,
  type LifecycleService,
  type LoggerService,
  type PluginMetadataService,
  type RootLifecycleService,
  type RootLoggerService,
  type ServiceRef,
  type WiringProblem,
} from 'plugboard';

// ---------------------------------------------------------------------------------------------
// Errors

/** A builder that logs nothing. */
export function quietBuilder(options: ContainerBuilderOptions = {}): ContainerBuilder {
  return new ContainerBuilder({ logger: { level: 'silent' }, ...options });
}

/** What `call` threw (or its promise rejected with), or undefined when it did neither. */
export async function thrownBy(call: () => unknown): Promise<unknown> {
  try {
    await call();
    return undefined;
  } catch (error) {
    return error;
  }
}

/** What `call` threw synchronously, or undefined. */
export function thrownSync(call: () => unknown): unknown {
  try {
    call();
    return undefined;
  } catch (error) {
    return error;
  }
}

/**
 * A thrown value in one line, for assertions that print well on failure: `PlugboardError
 * EXTENSION_POINT_FIELD`, `TypeError: Cannot assign…`, or `nothing thrown`.
 */
export function outcome(thrown: unknown): string {
  if (thrown === undefined) return 'nothing thrown';
  if (thrown instanceof PlugboardError) return `PlugboardError ${String(thrown.code)}`;
  if (thrown instanceof Error) return `${thrown.name}: ${thrown.message}`;
  return `thrown ${inspect(thrown)}`;
}

/** The codes of the problems validation reports. */
export async function problemCodes(app: App): Promise<string[]> {
  return (await app.validate()).map((problem) => String(problem.code));
}

/** The problems with `code` (codes compared as strings: some are new in this round). */
export function problemsWith(problems: readonly WiringProblem[], code: string): WiringProblem[] {
  return problems.filter((problem) => String(problem.code) === code);
}

// ---------------------------------------------------------------------------------------------
// Reaching: every route JavaScript offers, without calling methods

/** Objects a crawl does not enter: the realm's built-ins, shared by all code by nature. */
const INTRINSICS: ReadonlySet<unknown> = collectIntrinsics();

function collectIntrinsics(): Set<unknown> {
  const found = new Set<unknown>([globalThis]);
  const add = (value: unknown): void => {
    if ((typeof value === 'object' && value !== null) || typeof value === 'function') found.add(value);
  };
  for (const name of Reflect.ownKeys(globalThis)) {
    let value: unknown;
    try {
      value = (globalThis as Record<string | symbol, unknown>)[name];
    } catch {
      continue;
    }
    add(value);
    if (typeof value === 'function') {
      add((value as { prototype?: unknown }).prototype);
      add(Object.getPrototypeOf(value));
    }
  }
  const generator = function* (): Generator<never> {};
  const asyncGenerator = async function* (): AsyncGenerator<never> {};
  const asyncFunction = async (): Promise<void> => {};
  for (const value of [generator, asyncGenerator, asyncFunction]) {
    add(Object.getPrototypeOf(value));
    add(Object.getPrototypeOf(Object.getPrototypeOf(value)));
  }
  add(Object.getPrototypeOf(generator.prototype));
  add(Object.getPrototypeOf(asyncGenerator.prototype));
  for (const iterable of [[], new Map(), new Set(), '']) {
    const iterator = (iterable as Iterable<unknown>)[Symbol.iterator]();
    add(Object.getPrototypeOf(iterator));
    add(Object.getPrototypeOf(Object.getPrototypeOf(iterator)));
  }
  return found;
}

const isObject = (value: unknown): value is object => (typeof value === 'object' && value !== null) || typeof value === 'function';

function keyText(key: string | symbol): string {
  if (typeof key === 'symbol') return `[${String(key)}]`;
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}

/** What a crawl reached: each object with the first path that led to it. */
export interface Reach {
  readonly paths: ReadonlyMap<object, string>;
  /** True when the budget ran out before everything was visited. */
  readonly truncated: boolean;
}

/**
 * Everything reachable from `roots` (named) by property access, without calling methods:
 * own keys (strings and symbols) and their descriptors, getters (called, as a reader would),
 * the prototype chain, reads of `constructor`, `__proto__`, `then` and `prototype` (inherited
 * accessors included), Map keys and values, Set values.
 */
export function crawl(roots: Record<string, unknown>, budget = 20_000): Reach {
  const paths = new Map<object, string>();
  const queue: Array<readonly [object, string]> = [];
  const visit = (value: unknown, path: string): void => {
    if (!isObject(value) || INTRINSICS.has(value) || paths.has(value)) return;
    paths.set(value, path);
    queue.push([value, path]);
  };
  for (const [name, value] of Object.entries(roots)) visit(value, name);
  let next = 0;
  while (next < queue.length && paths.size < budget) {
    const [object, path] = queue[next++]!;
    try {
      visit(Reflect.getPrototypeOf(object), `${path}.[[Prototype]]`);
    } catch {
      /* refused: nothing reached */
    }
    let keys: Array<string | symbol> = [];
    try {
      keys = Reflect.ownKeys(object);
    } catch {
      /* refused */
    }
    for (const key of keys) {
      let descriptor: PropertyDescriptor | undefined;
      try {
        descriptor = Reflect.getOwnPropertyDescriptor(object, key);
      } catch {
        continue;
      }
      if (descriptor === undefined) continue;
      const at = `${path}${keyText(key)}`;
      if ('value' in descriptor) {
        visit(descriptor.value, at);
      } else {
        const { get, set } = descriptor as { get?: unknown; set?: unknown };
        visit(get, `${at}<getter>`);
        visit(set, `${at}<setter>`);
      }
      try {
        visit(Reflect.get(object, key), at);
      } catch {
        /* refused */
      }
    }
    for (const key of ['constructor', '__proto__', 'then', 'prototype']) {
      try {
        visit(Reflect.get(object, key), `${path}.${key}`);
      } catch {
        /* refused */
      }
    }
    try {
      Map.prototype.forEach.call(object, (value: unknown, key: unknown) => {
        visit(key, `${path}<map key>`);
        visit(value, `${path}.get(${typeof key === 'string' ? JSON.stringify(key) : '…'})`);
      });
    } catch {
      /* not a Map */
    }
    try {
      Set.prototype.forEach.call(object, (value: unknown) => visit(value, `${path}<set entry>`));
    } catch {
      /* not a Set */
    }
  }
  return { paths, truncated: next < queue.length };
}

/** The path by which `reach` found `target`, or undefined when it did not. */
export function pathTo(reach: Reach, target: unknown): string | undefined {
  return isObject(target) ? reach.paths.get(target) : undefined;
}

/** Every one of `targets` (named) that `reach` found, with its path: `implementation at view[Symbol(...)]`. */
export function leaks(reach: Reach, targets: Record<string, unknown>): string[] {
  const found: string[] = [];
  for (const [name, target] of Object.entries(targets)) {
    const path = pathTo(reach, target);
    if (path !== undefined) found.push(`${name} at ${path}`);
  }
  return found;
}

/**
 * Objects the crawl reached that hold state someone could change: non-frozen objects (functions
 * aside: methods are code, not state) and Maps, Sets and WeakMaps (freezing does not stop them).
 */
export function mutableState(reach: Reach, except: readonly unknown[] = []): string[] {
  const skip = new Set(except);
  const found: string[] = [];
  for (const [object, path] of reach.paths) {
    if (skip.has(object) || typeof object === 'function' || isDefaultFunctionPrototype(object)) continue;
    const collection = object instanceof Map || object instanceof Set || object instanceof WeakMap || isCollection(object);
    let frozen = true;
    try {
      frozen = Object.isFrozen(object);
    } catch {
      /* a refusing proxy: nothing to change through it */
    }
    if (collection || !frozen) found.push(path);
  }
  return found;
}

/** The `prototype` object every plain function gets (`{ constructor }`): code plumbing, no state. */
function isDefaultFunctionPrototype(object: object): boolean {
  try {
    const keys = Reflect.ownKeys(object);
    const constructor = (object as { constructor?: unknown }).constructor;
    return keys.length === 1 && keys[0] === 'constructor' && typeof constructor === 'function' && constructor.prototype === object;
  } catch {
    return false;
  }
}

function isCollection(object: object): boolean {
  try {
    Map.prototype.has.call(object, undefined);
    return true;
  } catch {
    try {
      Set.prototype.has.call(object, undefined);
      return true;
    } catch {
      return false;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Tampering: attempts that are undone after the test

/**
 * Changes an attacker makes, recorded so they can be undone: plugboard's prototypes are shared
 * by every app of a test file, and a patch that works today must not leak into the next test.
 */
export class Tamper {
  private readonly undo: Array<() => void> = [];
  /** How many attempts were refused (threw). */
  refused = 0;
  /** How many attempts went through. */
  succeeded = 0;

  /** `object[key] = value`, as an attacker writes it (strict mode: a refusal throws). */
  set(object: object, key: string | symbol, value: unknown): unknown {
    return this.attempt(object, key, () => {
      (object as Record<string | symbol, unknown>)[key] = value;
    });
  }

  /** `Object.defineProperty(object, key, descriptor)`. */
  define(object: object, key: string | symbol, descriptor: PropertyDescriptor): unknown {
    return this.attempt(object, key, () => {
      Object.defineProperty(object, key, descriptor);
    });
  }

  /** `delete object[key]`. */
  remove(object: object, key: string | symbol): unknown {
    return this.attempt(object, key, () => {
      if (!delete (object as Record<string | symbol, unknown>)[key]) throw new TypeError(`delete ${String(key)} refused`);
    });
  }

  /** `Object.setPrototypeOf(object, prototype)`. */
  setPrototype(object: object, prototype: object | null): unknown {
    let before: object | null = null;
    try {
      before = Reflect.getPrototypeOf(object);
    } catch {
      /* refused */
    }
    const thrown = thrownSync(() => void Object.setPrototypeOf(object, prototype));
    if (thrown === undefined) {
      this.succeeded++;
      this.undo.push(() => void Object.setPrototypeOf(object, before));
    } else this.refused++;
    return thrown;
  }

  /** Empties an array (undone by putting the elements back). */
  emptyArray(array: unknown[]): void {
    const copy = [...array];
    if (thrownSync(() => (array.length = 0)) === undefined && array.length === 0 && copy.length > 0) {
      this.succeeded++;
      this.undo.push(() => array.push(...copy));
    }
  }

  /** Clears a Map or Set (undone by putting the entries back). */
  clear(collection: Map<unknown, unknown> | Set<unknown>): void {
    const entries = [...collection.entries()];
    if (thrownSync(() => collection.clear()) === undefined && entries.length > 0) {
      this.succeeded++;
      this.undo.push(() => {
        for (const [key, value] of entries) {
          if (collection instanceof Map) collection.set(key, value);
          else collection.add(value);
        }
      });
    }
  }

  /** Undoes every change that went through, newest first. */
  restore(): void {
    for (const step of this.undo.reverse()) thrownSync(step);
    this.undo.length = 0;
  }

  private attempt(object: object, key: string | symbol, change: () => void): unknown {
    let before: PropertyDescriptor | undefined;
    try {
      before = Reflect.getOwnPropertyDescriptor(object, key);
    } catch {
      /* refused */
    }
    const thrown = thrownSync(change);
    if (thrown === undefined) {
      this.succeeded++;
      this.undo.push(() => {
        if (before === undefined) Reflect.deleteProperty(object, key);
        else Reflect.defineProperty(object, key, before);
      });
    } else this.refused++;
    return thrown;
  }
}

/** A function an attacker puts where a real one was. */
export function noop(): undefined {
  return undefined;
}

/**
 * Does the worst it can to everything reachable from `roots`: empties arrays, clears Maps and
 * Sets, flips booleans (a `closed` gate reopens, a `sealed` stack seals early), replaces every
 * function-valued property with a no-op (hooks, methods, prototypes' methods, constructors).
 * Streams and loggers are left alone (they lead into the test runner's own output).
 */
export function vandalize(roots: Record<string, unknown>, tamper: Tamper): void {
  const reach = crawl(roots);
  for (const object of reach.paths.keys()) {
    if (isStreamOrLogger(object)) continue;
    if (Array.isArray(object)) {
      tamper.emptyArray(object as unknown[]);
      continue;
    }
    if (object instanceof Map || object instanceof Set) {
      tamper.clear(object);
      continue;
    }
    let keys: Array<string | symbol>;
    try {
      keys = Reflect.ownKeys(object);
    } catch {
      continue;
    }
    for (const key of keys) {
      if (typeof object === 'function' && (key === 'prototype' || key === 'length' || key === 'name')) continue;
      let descriptor: PropertyDescriptor | undefined;
      try {
        descriptor = Reflect.getOwnPropertyDescriptor(object, key);
      } catch {
        continue;
      }
      if (descriptor === undefined || !('value' in descriptor)) continue;
      if (typeof descriptor.value === 'boolean') tamper.set(object, key, !descriptor.value);
      else if (typeof descriptor.value === 'function' && descriptor.value !== noop) tamper.set(object, key, noop);
    }
  }
}

function isStreamOrLogger(object: object): boolean {
  const candidate = object as { on?: unknown; emit?: unknown; child?: unknown; write?: unknown };
  return (
    (typeof candidate.on === 'function' && typeof candidate.emit === 'function') ||
    (typeof candidate.child === 'function' && 'level' in candidate) ||
    typeof candidate.write === 'function'
  );
}

// ---------------------------------------------------------------------------------------------
// The victim

/** The victim's extension point interface: methods, a getter, an accessor pair, a fluent API. */
export interface Things {
  /** Fluent: returns the registry. */
  add(item: string): Things;
  /** Async fluent: resolves to the registry. */
  addLater(item: string): Promise<Things>;
  list(): readonly string[];
  /** A getter. */
  readonly count: number;
  /** A getter/setter pair. */
  label: string;
  /** A getter that returns the registry itself. */
  readonly self: Things;
}

/** The value of the victim implementation's data field `secret`: it must never reach a module. */
export const SECRET = 'victim-secret-5d1c';

/**
 * A registry class from a shared library: the victim plugin and the hostile plugin both use it,
 * so their implementations share one prototype.
 */
@Service()
export class ListRegistry implements Things {
  /** An own data field (state): reading it through a view is refused. */
  secret = SECRET;
  private readonly items: string[] = [];
  #label = 'unset';

  add(item: string): this {
    this.items.push(item);
    return this;
  }

  async addLater(item: string): Promise<this> {
    await Promise.resolve();
    this.items.push(item);
    return this;
  }

  list(): readonly string[] {
    return [...this.items];
  }

  get count(): number {
    return this.items.length;
  }

  get label(): string {
    return this.#label;
  }

  set label(value: string) {
    this.#label = value;
  }

  get self(): this {
    return this;
  }
}
// An inherited data property: reading it through a view is refused like an own field.
Object.defineProperty(ListRegistry.prototype, 'kind', { value: 'list-registry', writable: false, enumerable: false });

/** How the victim provides its extension point. */
export type ImplementationKind = 'useClass' | 'useValue (plain object)' | 'useValue (class instance)' | 'useFactory';
export const IMPLEMENTATION_KINDS: readonly ImplementationKind[] = [
  'useClass',
  'useValue (plain object)',
  'useValue (class instance)',
  'useFactory',
];

/** The victim's extension point. */
export const victimThings: ExtensionPoint<Things> = createExtensionPoint<Things>({ id: 'victim.things' });
/** The hostile plugin's own extension point, implemented by the same library class. */
export const hostileThings: ExtensionPoint<Things> = createExtensionPoint<Things>({ id: 'hostile.things' });

/** A plugin-scoped service both plugins use: each must get its own instance. */
export interface Cache {
  readonly owner: string;
  readonly entries: Map<string, string>;
}
export const cacheRef: ServiceRef<Cache, 'plugin'> = createServiceRef<Cache>({ id: 'shared.cache', scope: 'plugin' });

/**
 * An extension point provider with `useFactory` (SPEC.md, new this round; the public type does
 * not have it yet, hence the cast).
 */
export function factoryProvider<T>(
  provide: ExtensionPoint<T>,
  useFactory: (context: { pluginId: string; moduleId?: string }, deps: Record<string, unknown>) => T,
  deps?: Record<string, unknown>,
): ExtensionPointProvider {
  return { provide, useFactory, ...(deps === undefined ? {} : { deps }) } as unknown as ExtensionPointProvider;
}

/** What the victim saw, recorded by its own code (closures no attacker reaches). */
export interface VictimProbes {
  /** Every implementation object behind the victim's views (one, or one per factory call). */
  readonly implementations: object[];
  /** The provider's own view of its extension point (it injects its own token). */
  pluginView?: Things;
  /** The view the victim's 'friend' module got. */
  friendView?: Things;
  /** The victim's instances: plugin, module, its plugin-scoped services. */
  plugin?: object;
  friend?: object;
  cache?: Cache;
  logger?: LoggerService;
  lifecycle?: LifecycleService;
  pluginMetadata?: PluginMetadataService;
  /** Every hook function the victim registered. */
  readonly hooks: Array<() => void>;
  /** What ran, in order: hooks, @onShutdown methods. */
  readonly journal: string[];
  /** `db.url` as the victim read it: at init, in its startup hook, at shutdown. */
  readonly dbUrl: string[];
  /** What the registry held when the provider's @onInit ran. */
  listAtInit?: readonly string[];
  /** Errors the victim's own code met (a refused hook registration, a failed read). */
  readonly errors: unknown[];
}

/** Every entry the victim's journal has after start and stop, sorted. */
export const FULL_VICTIM_JOURNAL: readonly string[] = [
  'friend @onShutdown',
  'friend shutdown hook',
  'victim @onShutdown',
  'victim before-shutdown hook',
  'victim root shutdown hook',
  'victim root startup hook',
  'victim shutdown hook',
  'victim startup hook',
].sort();

export const REAL_DB_URL = 'postgres://real-db/victim';

/** Options of {@link scenario}. */
export interface ScenarioOptions {
  readonly implementation?: ImplementationKind;
  /** Plugins the victim starts after (put the hostile plugin here to let it strike first). */
  readonly victimDependsOn?: readonly string[];
  /** The attacker's features. */
  readonly attackers?: readonly Feature[];
  /** Add the attackers before the victim (the order of add() decides some orders of discovery). */
  readonly attackersFirst?: boolean;
  readonly builder?: ContainerBuilderOptions;
}

/** A victim app, built and not started, with the probes its code fills. */
export interface Scenario {
  readonly app: App;
  readonly victim: VictimProbes;
}

/**
 * The victim: plugin 'victim' provides 'victim.things' (implemented as `implementation` says),
 * injects its own token and (for useClass) its implementation class, the plugin-scoped
 * `shared.cache`, its logger, lifecycle, root lifecycle and config; registers startup and
 * shutdown hooks (plugin and root) and a before-shutdown hook; reads `db.url` at init, in a
 * startup hook and at shutdown. Its module 'friend' adds to the point and registers a hook.
 */
export function scenario(options: ScenarioOptions = {}): Scenario {
  const kind = options.implementation ?? 'useClass';
  const victim: VictimProbes = { implementations: [], hooks: [], journal: [], dbUrl: [], errors: [] };
  const hook = (name: string, also?: () => void): (() => void) => {
    const fn = (): void => {
      victim.journal.push(name);
      also?.();
    };
    Object.defineProperty(fn, 'name', { value: name });
    victim.hooks.push(fn);
    return fn;
  };
  const safely = (work: () => void): void => {
    try {
      work();
    } catch (error) {
      victim.errors.push(error);
    }
  };

  let provider: ExtensionPointProvider;
  let readImplementation: () => Things;
  switch (kind) {
    case 'useClass':
      provider = { provide: victimThings, useClass: ListRegistry };
      readImplementation = () => victim.implementations[0] as Things;
      break;
    case 'useValue (plain object)': {
      const items: string[] = [];
      const state = { label: 'unset' };
      const value: Things & { secret: string } = {
        secret: SECRET,
        add(item: string) {
          items.push(item);
          return this;
        },
        async addLater(item: string) {
          await Promise.resolve();
          items.push(item);
          return this;
        },
        list: () => [...items],
        get count() {
          return items.length;
        },
        get label() {
          return state.label;
        },
        set label(next: string) {
          state.label = next;
        },
        get self() {
          return this;
        },
      };
      victim.implementations.push(value);
      provider = { provide: victimThings, useValue: value };
      readImplementation = () => value;
      break;
    }
    case 'useValue (class instance)': {
      const value = new ListRegistry();
      victim.implementations.push(value);
      provider = { provide: victimThings, useValue: value };
      readImplementation = () => value;
      break;
    }
    case 'useFactory': {
      // One registry per caller, as SPEC.md describes; the provider reads all of them.
      provider = factoryProvider(victimThings, () => {
        const made = new ListRegistry();
        victim.implementations.push(made);
        return made;
      });
      readImplementation = () => ({ list: () => victim.implementations.flatMap((made) => (made as Things).list()) }) as unknown as Things;
      break;
    }
  }

  const readsClass = kind === 'useClass';
  @Plugin({ id: 'victim', extensionPoints: [provider], dependsOn: [...(options.victimDependsOn ?? [])] })
  class VictimPlugin {
    constructor(
      @inject(victimThings) pluginView: Things,
      @inject<object>(readsClass ? ListRegistry : coreServices.pluginMetadata) implementation: object,
      @inject(cacheRef) cache: Cache,
      @inject(coreServices.logger) logger: LoggerService,
      @inject(coreServices.lifecycle) private readonly lifecycle: LifecycleService,
      @inject(coreServices.rootLifecycle) private readonly rootLifecycle: RootLifecycleService,
      @inject(coreServices.rootConfig) private readonly config: ConfigService,
      @inject(coreServices.pluginMetadata) pluginMetadata: PluginMetadataService,
    ) {
      victim.plugin = this;
      victim.pluginView = pluginView;
      if (readsClass) victim.implementations.push(implementation);
      victim.cache = cache;
      victim.logger = logger;
      victim.lifecycle = lifecycle;
      victim.pluginMetadata = pluginMetadata;
      cache.entries.set('victim-key', SECRET);
    }

    @onInit()
    init(): void {
      victim.listAtInit = readImplementation().list();
      safely(() => victim.dbUrl.push(this.config.getString('db.url')));
      safely(() => this.lifecycle.addStartupHook(hook('victim startup hook', () => victim.dbUrl.push(this.config.getString('db.url')))));
      safely(() => this.lifecycle.addShutdownHook(hook('victim shutdown hook')));
      safely(() => this.rootLifecycle.addStartupHook(hook('victim root startup hook')));
      safely(() => this.rootLifecycle.addShutdownHook(hook('victim root shutdown hook')));
      safely(() => this.rootLifecycle.addBeforeShutdownHook(hook('victim before-shutdown hook')));
    }

    @onShutdown()
    close(): void {
      victim.journal.push('victim @onShutdown');
      safely(() => victim.dbUrl.push(this.config.getString('db.url')));
    }
  }

  @Module({ pluginId: 'victim', id: 'friend' })
  class FriendModule {
    constructor(
      @inject(victimThings) view: Things,
      @inject(coreServices.lifecycle) private readonly lifecycle: LifecycleService,
    ) {
      victim.friend = this;
      victim.friendView = view;
      view.add('from friend');
    }

    @onInit()
    init(): void {
      safely(() => this.lifecycle.addShutdownHook(hook('friend shutdown hook')));
    }

    @onShutdown()
    close(): void {
      victim.journal.push('friend @onShutdown');
    }
  }

  const builder = quietBuilder({ config: { db: { url: REAL_DB_URL } }, ...options.builder });
  if (options.attackersFirst === true) for (const attacker of options.attackers ?? []) builder.add(attacker);
  builder.add(VictimPlugin).add(FriendModule).add(cacheFactory());
  if (options.attackersFirst !== true) for (const attacker of options.attackers ?? []) builder.add(attacker);
  return { app: builder.build(), victim };
}

/** `shared.cache`: one per plugin, knowing its plugin. */
export function cacheFactory(): Feature {
  return createServiceFactory({
    service: cacheRef,
    deps: { metadata: coreServices.pluginMetadata },
    factory: ({ metadata }) => ({ owner: metadata.getId(), entries: new Map<string, string>() }),
  });
}

/**
 * Everything the victim has that nothing outside it may reach, named for messages. With
 * `sharedClass`, the library class and its prototype are left out: an attacker that uses the
 * same library imports them itself.
 */
export function victimSecrets(victim: VictimProbes, options: { sharedClass?: boolean } = {}): Record<string, unknown> {
  const secrets: Record<string, unknown> = {
    "the victim's plugin instance": victim.plugin,
    "the victim's module instance": victim.friend,
    "the victim's view (plugin)": victim.pluginView,
    "the victim's view (module 'friend')": victim.friendView,
    "the victim's shared.cache instance": victim.cache,
    "the victim's cache entries": victim.cache?.entries,
    "the victim's logger": victim.logger,
    "the victim's lifecycle": victim.lifecycle,
    "the victim's pluginMetadata": victim.pluginMetadata,
  };
  if (options.sharedClass !== true) {
    secrets['the implementation class ListRegistry'] = ListRegistry;
    secrets['ListRegistry.prototype'] = ListRegistry.prototype;
  }
  victim.implementations.forEach((implementation, index) => (secrets[`the victim's implementation #${index}`] = implementation));
  for (const fn of victim.hooks) secrets[`the victim's hook '${fn.name}'`] = fn;
  return secrets;
}

// ---------------------------------------------------------------------------------------------
// The attackers

/** Everything a module can inject, as the hostile module holds it. */
export interface Holdings {
  readonly view?: Things;
  readonly logger: LoggerService;
  readonly rootLogger: RootLoggerService;
  readonly lifecycle: LifecycleService;
  readonly rootLifecycle: RootLifecycleService;
  readonly config: ConfigService;
  readonly instanceMetadata: InstanceMetadataService;
  readonly pluginMetadata: PluginMetadataService;
  readonly cache: Cache;
}

/** What an attacker does at each moment it gets. */
export interface Attack {
  /** In its constructor (before the provider's @onInit: the gate is open). */
  readonly construct?: (holdings: Holdings) => void;
  /** In its @onInit. */
  readonly init?: (holdings: Holdings) => void;
}

/**
 * A hostile module of `pluginId` that injects every core service, `shared.cache`, and (when
 * `point` is given) that plugin's extension point, then runs `attack`.
 */
export function hostileModule(pluginId: string, moduleId: string, point: ExtensionPoint<Things> | undefined, attack: Attack): Feature {
  const viewToken: InjectionToken<unknown> = point ?? coreServices.pluginMetadata;
  @Module({ pluginId, id: moduleId })
  class HostileModule {
    private readonly holdings: Holdings;
    constructor(
      @inject(viewToken) view: Things,
      @inject(coreServices.logger) logger: LoggerService,
      @inject(coreServices.rootLogger) rootLogger: RootLoggerService,
      @inject(coreServices.lifecycle) lifecycle: LifecycleService,
      @inject(coreServices.rootLifecycle) rootLifecycle: RootLifecycleService,
      @inject(coreServices.rootConfig) config: ConfigService,
      @inject(coreServices.instanceMetadata) instanceMetadata: InstanceMetadataService,
      @inject(coreServices.pluginMetadata) pluginMetadata: PluginMetadataService,
      @inject(cacheRef) cache: Cache,
    ) {
      this.holdings = {
        ...(point === undefined ? {} : { view }),
        logger,
        rootLogger,
        lifecycle,
        rootLifecycle,
        config,
        instanceMetadata,
        pluginMetadata,
        cache,
      };
      attack.construct?.(this.holdings);
    }

    @onInit()
    init(): void {
      attack.init?.(this.holdings);
    }
  }
  return HostileModule;
}

/** The hostile plugin: provides 'hostile.things' with the same library class as the victim. */
export function hostilePlugin(options: { dependsOn?: readonly string[]; init?: () => void } = {}): Feature {
  @Plugin({
    id: 'hostile',
    extensionPoints: [{ provide: hostileThings, useClass: ListRegistry }],
    dependsOn: [...(options.dependsOn ?? [])],
  })
  class HostilePlugin {
    @onInit()
    init(): void {
      options.init?.();
    }
  }
  return HostilePlugin;
}

/** What a hostile root service holds: every root core service. */
export interface RootHoldings {
  readonly rootLogger: RootLoggerService;
  readonly rootLifecycle: RootLifecycleService;
  readonly config: ConfigService;
  readonly instanceMetadata: InstanceMetadataService;
}

const hostileRootRef = createServiceRef<object>({ id: 'hostile.root-service', scope: 'root' });

/** A hostile root service: created at start, before any plugin, with every root core service. */
export function hostileRootService(attack: (holdings: RootHoldings) => void): Feature {
  return createServiceFactory({
    service: hostileRootRef,
    deps: {
      rootLogger: coreServices.rootLogger,
      rootLifecycle: coreServices.rootLifecycle,
      config: coreServices.rootConfig,
      instanceMetadata: coreServices.instanceMetadata,
    },
    factory: (holdings) => {
      attack(holdings);
      return {};
    },
  });
}

/** Starts `app`, runs `body`, and always stops it (a failed start needs no stop). */
export async function withStarted(app: App, body: () => Promise<void> | void): Promise<void> {
  await app.start();
  try {
    await body();
  } finally {
    await app.stop();
  }
}

/**
 * Starts `app`, runs `body`, stops it, and says how start and stop went (`nothing thrown`, or
 * the error): for tests where an attack may break plugboard itself, so the assertion can show
 * that next to what the victim saw.
 */
export async function runAndStop(app: App, body: () => Promise<void> | void = () => undefined): Promise<{ start: string; stop: string }> {
  const start = outcome(await thrownBy(() => app.start()));
  if (start === 'nothing thrown') await body();
  const stop = outcome(await thrownBy(() => app.stop()));
  return { start, stop };
}
