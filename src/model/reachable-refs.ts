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
  /** Every token looked at, of any kind: thousands of modules inject the same few. */
  private readonly seen = new Set<unknown>();
  private readonly visited = new Set<unknown>();
  private readonly classes: Array<ClassMetadata | undefined> = [];

  /** Queues a class's injections (and, for a plugin or module, its extension point providers). */
  visitClass(cls: unknown): void {
    if (this.visited.has(cls)) return;
    this.visited.add(cls);
    this.classes.push(readMetadata(cls));
    this.drainClasses();
  }

  /**
   * A plugin or module: distinct features whose metadata is at hand, so they skip the visited
   * set (thousands of entries nothing else looks up) and are read in place.
   */
  visitFeature(metadata: ClassMetadata): void {
    this.visitMetadata(metadata);
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
    if (token === undefined || this.seen.has(token)) return;
    this.seen.add(token);
    if (isServiceRef(token)) this.pending.push(token);
    else if (typeof token === 'function' && !this.visited.has(token)) {
      this.visited.add(token);
      this.classes.push(readMetadata(token));
    }
  }

  private drainClasses(): void {
    while (this.classes.length > 0) {
      const metadata = this.classes.pop();
      if (metadata !== undefined) this.visitMetadata(metadata);
    }
  }

  private visitMetadata(metadata: ClassMetadata): void {
    const parameters = metadata.parameters;
    for (let index = 0; index < parameters.length; index++) this.visitToken(parameters[index]?.token);
    this.visitProviders(metadata.plugin?.extensionPoints);
    this.visitProviders(metadata.module?.extensionPoints);
  }

  private visitProviders(providers: readonly ExtensionPointProvider[] | undefined): void {
    if (providers === undefined) return;
    // Indexed: most modules provide nothing, and an empty for…of still makes an iterator.
    for (let index = 0; index < providers.length; index++) {
      const provider = providers[index]!;
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
  // Indexed loops: see graph/needs.ts.
  for (let index = 0; index < features.plugins.length; index++) walker.visitFeature(features.plugins[index]!.metadata);
  for (let index = 0; index < features.modules.length; index++) walker.visitFeature(features.modules[index]!.metadata);
  for (const decorator of features.decorators) walker.visitTokens([decorator.service, ...Object.values(decorator.deps)]);
  for (const entry of catalog.values()) walker.visitEntry(entry);
  return walker;
}
