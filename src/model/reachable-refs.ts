import { readMetadata, type ClassMetadata, type ExtensionPointProvider } from '../decorators/metadata.js';
import { isServiceRef, type AnyServiceRef } from '../tokens/service-ref.js';
import type { CatalogEntry } from './catalog-entry.js';
import type { FeatureSet } from './features.js';

/**
 * Walks what features inject, without recursion (a chain of 10 000 classes is one loop): every
 * ref found is queued once in `pending`; classes (injected by class, extension point
 * implementations, service classes) are visited once each.
 */
export class RefWalker {
  /** Refs found and not taken yet. */
  readonly pending: AnyServiceRef[] = [];
  private readonly queued = new Set<unknown>();
  private readonly visited = new Set<unknown>();
  private readonly classes: Array<{ cls: unknown; metadata: ClassMetadata | undefined }> = [];

  /** Queues a class's injections (and, for a plugin or module, its extension point providers). */
  visitClass(cls: unknown, metadata?: ClassMetadata): void {
    if (this.visited.has(cls)) return;
    this.visited.add(cls);
    this.classes.push({ cls, metadata: metadata ?? readMetadata(cls) });
    this.drainClasses();
  }

  visitEntry(entry: CatalogEntry): void {
    for (const implementation of entry.implementations) {
      if (implementation.kind === 'class') this.visitClass(implementation.cls);
      else this.visitTokens(Object.values(implementation.factory.deps));
    }
  }

  visitTokens(tokens: readonly unknown[]): void {
    for (const token of tokens) this.visitToken(token);
    this.drainClasses();
  }

  private visitToken(token: unknown): void {
    if (token === undefined || this.queued.has(token)) return;
    if (isServiceRef(token)) {
      this.queued.add(token);
      this.pending.push(token);
    } else if (typeof token === 'function' && !this.visited.has(token)) {
      this.visited.add(token);
      this.classes.push({ cls: token, metadata: readMetadata(token) });
    }
  }

  private drainClasses(): void {
    while (this.classes.length > 0) {
      const { metadata } = this.classes.pop()!;
      if (metadata === undefined) continue;
      const parameters = metadata.parameters;
      for (let index = 0; index < parameters.length; index++) this.visitToken(parameters[index]?.token);
      this.visitProviders(metadata.plugin?.extensionPoints);
      this.visitProviders(metadata.module?.extensionPoints);
    }
  }

  private visitProviders(providers: readonly ExtensionPointProvider[] | undefined): void {
    if (providers === undefined) return;
    for (const provider of providers) {
      if ('useClass' in provider) this.visitToken(provider.useClass);
      else if ('useFactory' in provider) for (const token of Object.values(provider.deps ?? {})) this.visitToken(token);
    }
  }
}

/** A walker that has visited the features, the seeds and the installed implementations. */
export function reachableRefs(
  features: FeatureSet,
  catalog: ReadonlyMap<string, CatalogEntry>,
  seeds: readonly AnyServiceRef[],
): RefWalker {
  const walker = new RefWalker();
  walker.visitTokens(seeds);
  // Plugin and module classes are distinct features: their metadata is at hand, no lookup needed.
  for (const { cls, metadata } of features.plugins) walker.visitClass(cls, metadata);
  for (const { cls, metadata } of features.modules) walker.visitClass(cls, metadata);
  for (const decorator of features.decorators) walker.visitTokens([decorator.service, ...Object.values(decorator.deps)]);
  for (const entry of catalog.values()) walker.visitEntry(entry);
  return walker;
}
