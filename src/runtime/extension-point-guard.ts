import { PlugboardError } from '../errors.js';

/** Open until the provider's `@onInit` starts; shared by every view of one extension point. */
export interface GateState {
  closed: boolean;
  readonly extensionPointId: string;
  readonly pluginId: string;
  /** The provider, for messages: `plugin 'scaffolder'` or `module 'x' of plugin 'scaffolder'`. */
  readonly provider: string;
}

/**
 * Who holds a view, for messages: a module of the gate's plugin (its id), or any other holder
 * described in words (`plugin 'x'`, `a class of plugin 'x'`).
 */
type ViewUser = { readonly moduleId: string } | { readonly who: string };

const TARGET = Symbol('plugboard.extensionPoint.target');
const GATE = Symbol('plugboard.extensionPoint.gate');
const USER = Symbol('plugboard.extensionPoint.user');

// One view prototype per implementation prototype, holding one shared forwarder per method name:
// a view is then one small object, and a call costs one flag check on top of the real method.
// Views are built by a constructor of that prototype, so their three fields are in-object.
type ViewConstructor = new (target: object, gate: GateState, user: string) => Record<string | symbol, unknown>;
const viewConstructors = new WeakMap<object, ViewConstructor>();

function viewConstructor(viewPrototype: object): ViewConstructor {
  function View(this: Record<symbol, unknown>, target: object, gate: GateState, user: string): void {
    this[TARGET] = target;
    this[GATE] = gate;
    this[USER] = user;
  }
  View.prototype = viewPrototype;
  return View as unknown as ViewConstructor;
}
const forwarders = new Map<string | symbol, (this: Record<symbol, unknown>, ...args: unknown[]) => unknown>();

/**
 * A guarded view of an extension point implementation for one user. Every method forwards to
 * the implementation until the gate closes; after that it throws `EXTENSION_POINT_CLOSED`.
 * Only methods are exposed: an extension point's interface is its methods.
 */
export function guardedView(target: object, gate: GateState, moduleId?: string, who?: string): object {
  const prototype = Object.getPrototypeOf(target) as object | null;
  // One string per view: a module id, or a description prefixed with a marker no id can contain.
  const user = moduleId ?? `\0${who ?? `plugin '${gate.pluginId}'`}`;
  if (prototype === null || prototype === Object.prototype) return plainObjectView(target, gate, user);
  let View = viewConstructors.get(prototype);
  if (View === undefined) {
    View = viewConstructor(buildViewPrototype(prototype));
    viewConstructors.set(prototype, View);
  }
  const view = new View(target, gate, user);
  // Methods assigned in the constructor (arrow-function fields) live on the instance.
  const names = ownMethods(target);
  for (let index = 0; index < names.length; index++) Object.defineProperty(view, names[index]!, { value: forwarder(names[index]!) });
  return view;
}

// An implementation is viewed once per user: find its own function properties once.
const ownMethodNames = new WeakMap<object, readonly string[]>();

function ownMethods(target: object): readonly string[] {
  let names = ownMethodNames.get(target);
  if (names === undefined) {
    names = Object.keys(target).filter((name) => typeof (target as Record<string, unknown>)[name] === 'function');
    ownMethodNames.set(target, names);
  }
  return names;
}

/** The methods of an implementation's prototype chain (below Object.prototype), as forwarders. */
function buildViewPrototype(prototype: object): object {
  const viewPrototype: Record<string | symbol, unknown> = {};
  const seen = new Set<string | symbol>(['constructor']);
  for (
    let level: object | null = prototype;
    level !== null && level !== Object.prototype;
    level = Object.getPrototypeOf(level) as object | null
  ) {
    for (const name of Reflect.ownKeys(level)) {
      if (seen.has(name)) continue;
      seen.add(name);
      const descriptor = Object.getOwnPropertyDescriptor(level, name);
      if (descriptor && typeof descriptor.value === 'function') {
        Object.defineProperty(viewPrototype, name, { value: forwarder(name), writable: false });
      }
    }
  }
  return viewPrototype;
}

function forwarder(name: string | symbol): (this: Record<symbol, unknown>, ...args: unknown[]) => unknown {
  let forward = forwarders.get(name);
  if (forward === undefined) {
    forward = function (this: Record<symbol, unknown>, ...args: unknown[]): unknown {
      const gate = this[GATE] as GateState;
      if (gate.closed) throw closedError(gate, this[USER] as string, name);
      const target = this[TARGET] as Record<string | symbol, (...a: unknown[]) => unknown>;
      return target[name]!(...args);
    };
    forwarders.set(name, forward);
  }
  return forward;
}

function plainObjectView(target: object, gate: GateState, user: string): object {
  const view: Record<string | symbol, unknown> = {};
  Object.defineProperty(view, TARGET, { value: target });
  Object.defineProperty(view, GATE, { value: gate });
  Object.defineProperty(view, USER, { value: user });
  for (const name of Reflect.ownKeys(target)) {
    if (typeof (target as Record<string | symbol, unknown>)[name] === 'function') view[name] = forwarder(name);
  }
  return view;
}

function closedError(gate: GateState, holder: string, method: string | symbol): PlugboardError {
  const user: ViewUser = holder.startsWith('\0') ? { who: holder.slice(1) } : { moduleId: holder };
  const who = 'who' in user ? user.who : `module '${user.moduleId}' of plugin '${gate.pluginId}'`;
  return new PlugboardError(
    'EXTENSION_POINT_CLOSED',
    `${capitalize(who)} called ${String(method)}() on extension point '${gate.extensionPointId}' after it ` +
      `closed. An extension point accepts calls until its provider (${gate.provider}) starts its @onInit; call ` +
      `it from the constructor or @onInit of a module, not later (not from a timer, a request handler or a stored reference).`,
    { extensionPointId: gate.extensionPointId, pluginId: gate.pluginId, ...('moduleId' in user ? { moduleId: user.moduleId } : {}) },
  );
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
