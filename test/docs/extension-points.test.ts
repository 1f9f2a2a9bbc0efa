// The samples of docs/extension-points.md, run (test/docs/samples.test.ts keeps them verbatim).
import { createExtensionPoint, inject, Module, onInit, Plugin, Service } from 'plugboard';
import { quietBuilder } from '../support.js';
import * as versioning from './extension-points-versioning.js';

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

  it('versions by adding a V2 next to the deprecated original: modules on either version add to one list', async () => {
    @Module({ pluginId: 'catalog', id: 'legacy' })
    class LegacyModule {
      constructor(@inject(versioning.processorsExtensionPoint) private readonly processors: versioning.ProcessorsExtensionPoint) {}
      @onInit() init(): void {
        this.processors.addProcessor({ name: 'legacy' });
      }
    }
    @Module({ pluginId: 'catalog', id: 'modern' })
    class ModernModule {
      constructor(@inject(versioning.processorsExtensionPointV2) private readonly processors: versioning.ProcessorsExtensionPointV2) {}
      @onInit() init(): void {
        this.processors.addProcessor({ name: 'modern' }, { priority: 10 });
      }
    }
    const app = quietBuilder().add([versioning.CatalogPlugin, LegacyModule, ModernModule]).build();
    await app.start();
    expect(versioning.processed).toEqual([[{ name: 'modern' }, { name: 'legacy' }]]);
    const users = Object.fromEntries(app.describe().extensionPoints.map((point) => [point.id, point.users]));
    expect(users).toEqual({
      'catalog.processors': [{ pluginId: 'catalog', moduleId: 'legacy' }],
      'catalog.processors.v2': [{ pluginId: 'catalog', moduleId: 'modern' }],
    });
    await app.stop();
  });
});
