// The sample of docs/security.md, run (test/docs/samples.test.ts keeps it verbatim).
import { createExtensionPoint, inject, Module, onInit, Plugin, Service } from 'plugboard';
import { quietBuilder } from '../support.js';

interface Processor {
  name: string;
}
interface ProcessorsExtensionPoint {
  addProcessor(processor: Processor): ProcessorsExtensionPoint;
}
const processorsExtensionPoint = createExtensionPoint<ProcessorsExtensionPoint>({ id: 'catalog.processors' });

@Service()
export class Processors implements ProcessorsExtensionPoint {
  readonly #processors: Processor[] = [];
  addProcessor(processor: Processor): this {
    this.#processors.push(Object.freeze({ ...processor })); // a module's later changes do not reach us
    return this; // modules get their view back, never this instance
  }
  list(): readonly Processor[] {
    return [...this.#processors];
  }
}

describe('docs/security.md', () => {
  it('an implementation that copies what it receives and keeps its state in #private fields', async () => {
    let seen: readonly Processor[] = [];
    let returned: unknown;
    let view: unknown;
    const mine: Processor = { name: 'github' };
    @Plugin({ id: 'catalog', extensionPoints: [{ provide: processorsExtensionPoint, useClass: Processors }] })
    class Catalog {
      constructor(@inject(Processors) private readonly processors: Processors) {}
      @onInit() init(): void {
        mine.name = 'changed later'; // the module's object, changed after the point closed
        seen = this.processors.list();
      }
    }
    @Module({ pluginId: 'catalog', id: 'github' })
    class Github {
      constructor(@inject(processorsExtensionPoint) processors: ProcessorsExtensionPoint) {
        view = processors;
        returned = processors.addProcessor(mine);
      }
    }
    const app = quietBuilder().add([Catalog, Github]).build();
    await app.start();
    expect(seen).toEqual([{ name: 'github' }]);
    expect(returned).toBe(view);
    expect(returned).not.toBeInstanceOf(Processors);
    expect(Object.getOwnPropertySymbols(returned as object)).toEqual([]);
    await app.stop();
  });
});
