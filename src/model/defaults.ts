import { types } from 'node:util';
import { wiringProblem, type WiringProblem } from '../errors/index.js';
import { readMetadata } from '../decorators/metadata.js';
import { type AnyServiceRef } from '../tokens/service-ref.js';
import { isServiceFactory } from '../tokens/service-factory.js';
import { isThenable, type Constructor } from '../tokens/types.js';
import { entry, type CatalogEntry } from './catalog-entry.js';
import type { RefRegistry } from './ref-registry.js';
import type { RefWalker } from './reachable-refs.js';

/**
 * Takes refs from the walker until none is left, giving each ref nothing implements its
 * `defaultFactory(ref)`. Stays synchronous unless a defaultFactory returns a promise (a lazy
 * `import()`); a promise that does not settle within `timeoutMs` is a problem, not a hang.
 */
export function collectDefaults(
  walker: RefWalker,
  catalog: Map<string, CatalogEntry>,
  refs: RefRegistry,
  timeoutMs: number | undefined,
  problems: WiringProblem[],
): Map<string, CatalogEntry> | Promise<Map<string, CatalogEntry>> {
  const tried = new Set<string>();
  const drain = (): Map<string, CatalogEntry> | Promise<Map<string, CatalogEntry>> => {
    while (walker.pending.length > 0) {
      const ref = walker.pending.pop()!;
      refs.check(ref);
      if (catalog.has(ref.id) || tried.has(ref.id)) continue;
      tried.add(ref.id);
      if (ref.defaultFactory === undefined) {
        // Nothing installed for a multiton ref is no problem: it is injected as [].
        if (ref.multiton) catalog.set(ref.id, entry(ref, [], [], 'default'));
        continue;
      }
      // A failed default is reported once, as such: its dependants are not also told it is missing.
      const failed = (problem: WiringProblem): void => {
        problems.push(problem);
        catalog.set(ref.id, entry(ref, [], [], 'default'));
      };
      let made: unknown;
      try {
        made = ref.defaultFactory(ref);
      } catch (error) {
        failed(wiringProblem('DEFAULT_FACTORY_FAILED', { reason: 'threw', refId: ref.id, cause: error }));
        continue;
      }
      const accept = (value: unknown): void => {
        // A default that returned something unusable was reported; it stays, empty, so it is not "missing" too.
        const accepted = defaultEntry(ref, value, problems) ?? entry(ref, [], [], 'default');
        catalog.set(ref.id, accepted);
        walker.visitEntry(accepted);
      };
      if (isThenable(made)) {
        return bounded(Promise.resolve(made), timeoutMs).then(
          (outcome) => {
            if (outcome.timedOut) failed(wiringProblem('DEFAULT_FACTORY_FAILED', { reason: 'timeout', refId: ref.id, ms: timeoutMs! }));
            else accept(outcome.value);
            return drain();
          },
          (error: unknown) => {
            failed(wiringProblem('DEFAULT_FACTORY_FAILED', { reason: 'threw', refId: ref.id, cause: error }));
            return drain();
          },
        );
      }
      accept(made);
    }
    return catalog;
  };
  return drain();
}

/** Settles like `work`, or with `{ timedOut: true }` after `ms`. The timer keeps the process alive while it waits. */
function bounded<T>(work: Promise<T>, ms: number | undefined): Promise<{ timedOut: false; value: T } | { timedOut: true }> {
  if (ms === undefined || ms === Infinity) return work.then((value) => ({ timedOut: false as const, value }));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => resolve({ timedOut: true }), ms);
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve({ timedOut: false, value });
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

function defaultEntry(ref: AnyServiceRef, value: unknown, problems: WiringProblem[]): CatalogEntry | undefined {
  // An ES module namespace from a lazy import(): use its default export.
  const implementation = moduleDefault(value) ?? value;
  if (isServiceFactory(implementation) && implementation.service.id === ref.id) {
    return entry(ref, [{ kind: 'factory', factory: implementation }], [], 'default');
  }
  if (isConstructor(implementation)) {
    const cls = implementation as Constructor;
    const service = readMetadata(cls)?.service;
    // A class declared for another ref would be installed under this one.
    if (service?.provides === undefined || service.provides.id === ref.id) {
      return entry(ref, [{ kind: 'class', cls, metadata: service }], [], 'default');
    }
  }
  const otherRefId = isServiceFactory(implementation)
    ? implementation.service.id
    : isConstructor(implementation)
      ? readMetadata(implementation)?.service?.provides?.id
      : undefined;
  problems.push(
    wiringProblem('DEFAULT_FACTORY_FAILED', {
      reason: 'returned',
      refId: ref.id,
      value: implementation,
      ...(otherRefId === undefined ? {} : { otherRefId }),
    }),
  );
  return undefined;
}

/**
 * The default export of what `import()` returned: a real module namespace, or a bundler's stand-in
 * (an object tagged 'Module'). Read by descriptor: no getter of the returned object runs.
 */
function moduleDefault(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return undefined;
  try {
    const tag = Object.getOwnPropertyDescriptor(value, Symbol.toStringTag);
    if (!types.isModuleNamespaceObject(value) && tag?.value !== 'Module') return undefined;
    return Object.getOwnPropertyDescriptor(value, 'default')?.value;
  } catch {
    return undefined; // a Proxy's trap threw: not a namespace
  }
}

/** A function `new` can call (an arrow or async function has no own `prototype`), checked by descriptor. */
function isConstructor(value: unknown): boolean {
  return typeof value === 'function' && Object.getOwnPropertyDescriptor(value, 'prototype') !== undefined;
}
