/**
 * Long chains of one kind of feature, each link depending on the next (issue 13.13): link `i`
 * needs link `i + 1`, so the last link starts first and stops last. Every link records its init
 * and its shutdown, so a test checks the order of both, and nothing is started or stopped twice.
 */
import {
  createExtensionPoint,
  createServiceRef,
  inject,
  Module,
  onInit,
  onShutdown,
  Plugin,
  Service,
  type ExtensionPoint,
  type Feature,
} from 'plugboard';

export const CHAIN_KINDS = ['plugin-services', 'root-services', 'classes', 'modules', 'plugins'] as const;
export type ChainKind = (typeof CHAIN_KINDS)[number];

export interface Chain {
  readonly features: Feature[];
  /** Link numbers in the order their `@onInit` ran. */
  readonly inits: number[];
  /** Link numbers in the order their `@onShutdown` ran. */
  readonly shutdowns: number[];
  /** For `modules`: what each provider module saw added to its point when it initialised. */
  readonly seen: Map<number, readonly string[]>;
}

/** The order a chain of `length` links must start in: last link first. */
export function initOrder(length: number): number[] {
  return Array.from({ length }, (_, index) => length - 1 - index);
}

/** The order it must stop in: the reverse, first link first. */
export function shutdownOrder(length: number): number[] {
  return Array.from({ length }, (_, index) => index);
}

interface Recorder {
  readonly inits: number[];
  readonly shutdowns: number[];
}

/** A class for link `index`, recording its init and shutdown. */
function linkClass(index: number, recorder: Recorder, dependency: unknown): new (...args: never[]) => unknown {
  // Rest parameters: the constructor's arity is 0, so the last link needs no token.
  class Link {
    readonly next: unknown;
    constructor(...deps: unknown[]) {
      this.next = deps[0];
    }
    init(): void {
      recorder.inits.push(index);
    }
    stop(): void {
      recorder.shutdowns.push(index);
    }
  }
  Object.defineProperty(Link, 'name', { value: `Link${index}` });
  if (dependency !== undefined) inject(dependency as never)(Link, undefined, 0);
  onInit()(Link.prototype, 'init', Object.getOwnPropertyDescriptor(Link.prototype, 'init'));
  onShutdown()(Link.prototype, 'stop', Object.getOwnPropertyDescriptor(Link.prototype, 'stop'));
  return Link;
}

/** Plugin `id`, injecting `token` (the head of a chain of services or classes). */
function headPlugin(id: string, token: unknown): Feature {
  class Head {
    readonly head: unknown;
    constructor(...deps: unknown[]) {
      this.head = deps[0];
    }
  }
  inject(token as never)(Head, undefined, 0);
  Plugin({ id })(Head);
  return Head;
}

/**
 * A chain of `length` links of `kind`. `tag` (lower case letters and digits) keeps ids apart when
 * one app has several chains. Ids: plugins `p-<tag>-<i>`, modules `m<i>` of plugin
 * `modules-<tag>`, refs `chain-<tag>.<scope>.<i>`, head plugins `head-<tag>`.
 */
export function buildChain(kind: ChainKind, length: number, tag = 'x'): Chain {
  const chain: Chain = { features: [], inits: [], shutdowns: [], seen: new Map() };
  switch (kind) {
    case 'plugin-services':
    case 'root-services': {
      const scope = kind === 'root-services' ? 'root' : 'plugin';
      const refs = Array.from({ length }, (_, index) => createServiceRef<unknown>({ id: `chain-${tag}.${scope}.${index}`, scope }));
      for (let index = 0; index < length; index++) {
        const link = linkClass(index, chain, refs[index + 1]);
        Service({ provides: refs[index]! })(link);
        chain.features.push(link);
      }
      chain.features.push(headPlugin(`head-${tag}`, refs[0]));
      return chain;
    }
    case 'classes': {
      const classes: Array<new (...args: never[]) => unknown> = new Array(length);
      for (let index = length - 1; index >= 0; index--) {
        const link = linkClass(index, chain, classes[index + 1]);
        Service()(link);
        classes[index] = link;
      }
      chain.features.push(headPlugin(`head-${tag}`, classes[0]));
      return chain;
    }
    case 'modules': {
      // Module i provides point i, which module i + 1 uses: module i + 1 starts first.
      const points: ExtensionPoint<{ add(item: string): void }>[] = Array.from({ length }, (_, index) =>
        createExtensionPoint({ id: `chain-${tag}.point.${index}` }),
      );
      const pluginId = `modules-${tag}`;
      for (let index = 0; index < length; index++) {
        const items: string[] = [];
        const user = index > 0;
        class Link {
          readonly point: { add(item: string): void } | undefined;
          constructor(...deps: Array<{ add(item: string): void }>) {
            this.point = deps[0];
          }
          init(): void {
            chain.inits.push(index);
            chain.seen.set(index, [...items]);
            this.point?.add(`module ${index}`);
          }
          stop(): void {
            chain.shutdowns.push(index);
          }
        }
        if (user) inject(points[index - 1]!)(Link, undefined, 0);
        onInit()(Link.prototype, 'init', Object.getOwnPropertyDescriptor(Link.prototype, 'init'));
        onShutdown()(Link.prototype, 'stop', Object.getOwnPropertyDescriptor(Link.prototype, 'stop'));
        Module({
          pluginId,
          id: `m${index}`,
          extensionPoints: [{ provide: points[index]!, useValue: { add: (item: string) => void items.push(item) } }],
        })(Link);
        chain.features.push(Link);
      }
      class Host {}
      Plugin({ id: pluginId })(Host);
      chain.features.push(Host);
      return chain;
    }
    case 'plugins': {
      for (let index = 0; index < length; index++) {
        const link = linkClass(index, chain, undefined);
        Plugin({ id: `p-${tag}-${index}`, dependsOn: index + 1 < length ? [`p-${tag}-${index + 1}`] : [] })(link);
        chain.features.push(link);
      }
      return chain;
    }
  }
}

/** The id of a chain's last link as describe() and the renderers name it (classes are not described). */
export function lastLinkId(kind: ChainKind, length: number, tag = 'x'): string | undefined {
  const last = length - 1;
  switch (kind) {
    case 'plugin-services':
      return `chain-${tag}.plugin.${last}`;
    case 'root-services':
      return `chain-${tag}.root.${last}`;
    case 'classes':
      return undefined;
    case 'modules':
      return `m${last}`;
    case 'plugins':
      return `p-${tag}-${last}`;
  }
}

/** Where `actual` first differs from `expected` (for a readable failure on 10 000 entries), or undefined. */
export function firstDifference(actual: readonly unknown[], expected: readonly unknown[]): string | undefined {
  const length = Math.max(actual.length, expected.length);
  for (let index = 0; index < length; index++) {
    if (actual[index] !== expected[index]) {
      return `at ${index}: ${String(actual[index])} instead of ${String(expected[index])} (${actual.length} entries, ${expected.length} expected)`;
    }
  }
  return undefined;
}
