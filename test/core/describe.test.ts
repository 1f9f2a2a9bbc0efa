import { coreServices, createExtensionPoint, createServiceRef, inject, Module, Plugin, Service, type LoggerService } from 'plugboard';
import { quietBuilder } from '../support.js';

describe('describe()', () => {
  it('returns the wiring as plain JSON-able data, before and after start', async () => {
    const ep = createExtensionPoint<{ add(x: string): void }>({ id: 'catalog.processors' });
    const store = createServiceRef<object>({ id: 'catalog.store' });
    @Service({ provides: store })
    class Store {
      constructor(@inject(coreServices.logger) readonly logger: LoggerService) {}
    }
    @Plugin({ id: 'catalog', extensionPoints: [{ provide: ep, useValue: { add() {} } }] })
    class Catalog {
      constructor(@inject(store) readonly s: object) {}
    }
    @Module({ pluginId: 'catalog', id: 'github' })
    class Github {
      constructor(@inject(ep) readonly e: unknown) {}
    }
    @Plugin({ id: 'search', dependsOn: ['catalog'] })
    class Search {}
    const app = quietBuilder().add([Catalog, Github, Search, Store]).build();

    const before = app.describe();
    expect(JSON.parse(JSON.stringify(before))).toEqual(before);
    expect(before.state).toBe('built');
    expect(before.plugins.map((p) => [p.id, p.status])).toEqual([
      ['catalog', 'pending'],
      ['search', 'pending'],
    ]);
    expect(before.initOrder).toEqual([['catalog'], ['search']]);
    expect(before.extensionPoints).toEqual([
      {
        id: 'catalog.processors',
        pluginId: 'catalog',
        provider: { pluginId: 'catalog' },
        users: [{ pluginId: 'catalog', moduleId: 'github' }],
      },
    ]);
    const storeDescription = before.services.find((s) => s.id === 'catalog.store')!;
    expect(storeDescription).toEqual({
      id: 'catalog.store',
      scope: 'plugin',
      source: 'installed',
      implementation: 'Store',
      implementations: ['Store'],
      multiton: false,
      initialization: 'lazy',
      dependencies: ['core.logger'],
      dependants: [{ kind: 'plugin', pluginId: 'catalog' }],
    });
    expect(before.services.find((s) => s.id === 'core.logger')).toMatchObject({ scope: 'plugin', source: 'default' });

    await app.start();
    const after = app.describe();
    expect(after.state).toBe('started');
    const catalog = after.plugins.find((p) => p.id === 'catalog')!;
    expect(catalog.status).toBe('started');
    expect(typeof catalog.initMs).toBe('number');
    expect(catalog.modules[0]).toMatchObject({ id: 'github', status: 'started', uses: ['catalog.processors'] });
    await app.stop();
    expect(app.describe().plugins.every((p) => p.status === 'stopped')).toBe(true);
  });

  it('asks for validate() first when features are still loading', async () => {
    @Plugin({ id: 'later' })
    class Later {}
    const app = quietBuilder()
      .add(Promise.resolve({ default: Later }))
      .build();
    expect(() => app.describe()).toThrow(expect.objectContaining({ code: 'INVALID_STATE' }));
    await app.validate();
    expect(app.describe().plugins.map((p) => p.id)).toEqual(['later']);
  });
});
