// The per-test-file benchmark in TypeScript (ts-jest, jest.ts.config.mjs): the same test as
// one-plugin.test.mjs, with decorators written as users write them. `benchMark` calls are the
// benchmark's (marks-setup.mjs).
import { Module, Plugin, createExtensionPoint, inject, onInit } from 'plugboard';
import { startTestApp } from 'plugboard/testing';

declare global {
  var benchMark: (label: string) => void;
}

globalThis.benchMark('imports');

interface Items {
  addItem(item: string): void;
}
const itemsPoint = createExtensionPoint<Items>({ id: 'items.registry' });
let seenByPlugin: string[] = [];

class ItemsRegistry implements Items {
  readonly items: string[] = [];
  addItem(item: string): void {
    this.items.push(item);
  }
}

@Plugin({ id: 'items', extensionPoints: [{ provide: itemsPoint, useClass: ItemsRegistry }] })
class ItemsPlugin {
  constructor(@inject(ItemsRegistry) private readonly registry: ItemsRegistry) {}
  @onInit()
  init(): void {
    seenByPlugin = [...this.registry.items];
  }
}

@Module({ pluginId: 'items', id: 'greeting' })
class GreetingItemsModule {
  constructor(@inject(itemsPoint) private readonly items: Items) {}
  @onInit()
  init(): void {
    this.items.addItem('hello');
  }
}

test('the plugin sees what its module added', async () => {
  globalThis.benchMark('test');
  const app = await startTestApp({ features: [ItemsPlugin, GreetingItemsModule] });
  globalThis.benchMark('started');
  expect(seenByPlugin).toEqual(['hello']);
  await app.stop();
  globalThis.benchMark('stopped');
  expect(app.state).toBe('stopped');
});
