// The per-test-file benchmark: a test file that starts and stops a one-plugin app with
// startTestApp, written as a user would in plain ESM JavaScript (decorators applied as TypeScript
// would apply them). `benchMark` calls are the benchmark's (marks-setup.mjs).
/* global test, expect */ // jest globals
import { Module, Plugin, createExtensionPoint, inject, onInit } from 'plugboard';
import { startTestApp } from 'plugboard/testing';

globalThis.benchMark('imports');

const itemsPoint = createExtensionPoint({ id: 'items.registry' });
let seenByPlugin;

class ItemsRegistry {
  items = [];
  addItem(item) {
    this.items.push(item);
  }
}

class ItemsPlugin {
  constructor(registry) {
    this.registry = registry;
  }
  init() {
    seenByPlugin = [...this.registry.items];
  }
}
inject(ItemsRegistry)(ItemsPlugin, undefined, 0);
onInit()(ItemsPlugin.prototype, 'init', Object.getOwnPropertyDescriptor(ItemsPlugin.prototype, 'init'));
Plugin({ id: 'items', extensionPoints: [{ provide: itemsPoint, useClass: ItemsRegistry }] })(ItemsPlugin);

class GreetingItemsModule {
  constructor(items) {
    this.items = items;
  }
  init() {
    this.items.addItem('hello');
  }
}
inject(itemsPoint)(GreetingItemsModule, undefined, 0);
onInit()(GreetingItemsModule.prototype, 'init', Object.getOwnPropertyDescriptor(GreetingItemsModule.prototype, 'init'));
Module({ pluginId: 'items', id: 'greeting' })(GreetingItemsModule);

test('the plugin sees what its module added', async () => {
  globalThis.benchMark('test');
  const app = await startTestApp({ features: [ItemsPlugin, GreetingItemsModule] });
  globalThis.benchMark('started');
  expect(seenByPlugin).toEqual(['hello']);
  await app.stop();
  globalThis.benchMark('stopped');
  expect(app.state).toBe('stopped');
});
