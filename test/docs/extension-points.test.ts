// The samples of docs/extension-points.md, run (test/docs/samples.test.ts keeps them verbatim).
import { createExtensionPoint, inject, Module, onInit, Plugin, Service } from 'plugboard';
import { quietBuilder } from '../support.js';

interface Processor {
  readonly name: string;
}
interface Storage {
  readonly kind: string;
}

export interface ProcessorsExtensionPoint {
  addProcessor(processor: Processor): void;
}
export const processorsExtensionPoint = createExtensionPoint<ProcessorsExtensionPoint>({ id: 'catalog.processors' });

@Service()
export class Processors implements ProcessorsExtensionPoint {
  private readonly processors: Processor[] = [];
  addProcessor(processor: Processor): void {
    this.processors.push(processor);
  }
  /** Only the plugin sees this: it injects the class, modules get the interface. */
  list(): readonly Processor[] {
    return this.processors;
  }
}

export interface StorageExtensionPoint {
  setStorage(storage: Storage): void;
}
export const storageExtensionPoint = createExtensionPoint<StorageExtensionPoint>({ id: 'todo.storage' });

@Service()
export class StorageSlot implements StorageExtensionPoint {
  private storage?: Storage;
  setStorage(storage: Storage): void {
    if (this.storage !== undefined) {
      throw new Error('todo.storage is already set: install exactly one storage module');
    }
    this.storage = storage;
  }
  get(): Storage {
    if (this.storage === undefined) throw new Error('todo.storage: no storage module is installed');
    return this.storage;
  }
}

/** @deprecated Use processorsV2ExtensionPoint: processors now receive a context. */
export const legacyProcessorsExtensionPoint = createExtensionPoint<ProcessorsExtensionPoint>({ id: 'catalog.processors.v1' });

export interface ProcessorsV2ExtensionPoint {
  addProcessor(processor: Processor, options: { priority: number }): void;
}
export const processorsV2ExtensionPoint = createExtensionPoint<ProcessorsV2ExtensionPoint>({ id: 'catalog.processors.v2' });

describe('docs/extension-points.md', () => {
  it('lets the plugin read what modules added, while modules only see the interface', async () => {
    let seen: readonly Processor[] = [];
    @Plugin({ id: 'catalog', extensionPoints: [{ provide: processorsExtensionPoint, useClass: Processors }] })
    class Catalog {
      constructor(@inject(Processors) private readonly processors: Processors) {}
      @onInit() init(): void {
        seen = this.processors.list();
      }
    }
    @Module({ pluginId: 'catalog', id: 'github' })
    class Github {
      constructor(@inject(processorsExtensionPoint) private readonly processors: ProcessorsExtensionPoint) {}
      @onInit() init(): void {
        this.processors.addProcessor({ name: 'github' });
        expect('list' in this.processors).toBe(true); // forwarded, but not part of the type modules see
      }
    }
    const app = quietBuilder().add([Catalog, Github]).build();
    await app.start();
    expect(seen).toEqual([{ name: 'github' }]);
    await app.stop();
  });

  it('fails start with INIT_FAILED when two modules set a set-once extension point', async () => {
    @Plugin({ id: 'todo', extensionPoints: [{ provide: storageExtensionPoint, useClass: StorageSlot }] })
    class Todo {}
    const storageModule = (id: string) => {
      @Module({ pluginId: 'todo', id })
      class StorageModule {
        constructor(@inject(storageExtensionPoint) private readonly slot: StorageExtensionPoint) {}
        @onInit() init(): void {
          this.slot.setStorage({ kind: id });
        }
      }
      return StorageModule;
    };
    const app = quietBuilder()
      .add([Todo, storageModule('memory'), storageModule('postgres')])
      .build();
    await expect(app.start()).rejects.toMatchObject({
      code: 'INIT_FAILED',
      message: expect.stringContaining('todo.storage is already set'),
    });
  });

  it('versions by adding a token next to the old one', () => {
    expect([legacyProcessorsExtensionPoint.id, processorsV2ExtensionPoint.id]).toEqual(['catalog.processors.v1', 'catalog.processors.v2']);
  });
});
