// The versioning samples of docs/extension-points.md: a plugin's extension points after a `…V2`
// was added next to the original (test/docs/samples.test.ts keeps them verbatim). A module of its
// own, since it declares the same names as the first samples, as a new release of a library would.
import { createExtensionPoint, inject, onInit, Plugin, Service } from 'plugboard';

export interface Processor {
  readonly name: string;
}

/** The original extension point, unchanged. */
export interface ProcessorsExtensionPoint {
  addProcessor(processor: Processor): void;
}

/** What the plugin processed with, in order, for the tests to read. */
export const processed: Processor[][] = [];
const startProcessing = (processors: Processor[]): void => void processed.push(processors);

/** @deprecated Since 1.4: use {@link processorsExtensionPointV2}, which takes a priority. Removed in 2.0. */
export const processorsExtensionPoint = createExtensionPoint<ProcessorsExtensionPoint>({ id: 'catalog.processors' });

export interface ProcessorsExtensionPointV2 {
  addProcessor(processor: Processor, options: { priority: number }): void;
}
export const processorsExtensionPointV2 = createExtensionPoint<ProcessorsExtensionPointV2>({ id: 'catalog.processors.v2' });

@Service()
export class Processors implements ProcessorsExtensionPoint, ProcessorsExtensionPointV2 {
  private readonly entries: Array<{ processor: Processor; priority: number }> = [];
  addProcessor(processor: Processor, options: { priority: number } = { priority: 0 }): void {
    this.entries.push({ processor, priority: options.priority });
  }
  list(): Processor[] {
    return [...this.entries].sort((a, b) => b.priority - a.priority).map((entry) => entry.processor);
  }
}

@Plugin({
  id: 'catalog',
  extensionPoints: [
    { provide: processorsExtensionPoint, useClass: Processors },
    { provide: processorsExtensionPointV2, useClass: Processors },
  ],
})
export class CatalogPlugin {
  constructor(@inject(Processors) private readonly processors: Processors) {}

  @onInit()
  init(): void {
    startProcessing(this.processors.list());
  }
}
