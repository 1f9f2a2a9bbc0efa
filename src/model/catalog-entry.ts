import type { ServiceMetadata } from '../decorators/metadata.js';
import type { ImplementationSubject } from '../errors/index.js';
import type { AnyServiceRef, ServiceInitialization } from '../tokens/service-ref.js';
import type { ServiceFactory } from '../tokens/service-factory.js';
import { className, type Constructor } from '../tokens/types.js';

/** One implementation chosen for a ref, before the graph is built. */
export type CatalogImplementation =
  | { readonly kind: 'class'; readonly cls: Constructor; readonly metadata: ServiceMetadata | undefined }
  | { readonly kind: 'factory'; readonly factory: ServiceFactory };

/** The implementations chosen for one ref id. */
export interface CatalogEntry {
  readonly ref: AnyServiceRef;
  readonly source: 'installed' | 'default' | 'builtin';
  /** One for a singleton (none for a builtin); every one for a multiton, in registration order. */
  readonly implementations: readonly CatalogImplementation[];
  readonly initialization: ServiceInitialization;
  /** Loader-provided implementations that one passed to add() replaced. */
  readonly replaced: ReadonlyArray<ReplacedImplementation>;
}

/** A loader-provided implementation that one passed to add() replaced. */
export interface ReplacedImplementation {
  readonly implementation: ImplementationSubject;
  readonly loader: string;
}

/** An installed entry; its initialization is the first one an implementation declares, else the scope's default. */
export function entry(
  ref: AnyServiceRef,
  implementations: readonly CatalogImplementation[],
  replaced: CatalogEntry['replaced'],
  source: CatalogEntry['source'] = 'installed',
): CatalogEntry {
  let initialization: ServiceInitialization | undefined;
  for (const implementation of implementations) {
    initialization ??= implementation.kind === 'class' ? implementation.metadata?.initialization : implementation.factory.initialization;
  }
  return { ref, source, implementations, initialization: initialization ?? (ref.scope === 'root' ? 'always' : 'lazy'), replaced };
}

/** Which implementation this is, for messages (which name it: errors/labels.ts). */
export function implementationSubject(implementation: CatalogImplementation): ImplementationSubject {
  return implementation.kind === 'class' ? { className: className(implementation.cls) } : { factoryOf: implementation.factory.service.id };
}
