import {
  coreServices,
  createFeatureLoader,
  createServiceFactory,
  createServiceRef,
  onInit,
  onShutdown,
  Plugin,
  Service,
  type RootConfigService,
} from 'plugboard';
import { Journal, quietBuilder } from '../support.js';

function plugin(id: string, journal?: Journal) {
  @Plugin({ id })
  class P {
    @onInit() init(): void {
      journal?.add(`${id} init`);
    }
  }
  return P;
}

describe('createFeatureLoader', () => {
  it('installs features decided from config, from an array, a generator or an async generator', async () => {
    const journal = new Journal();
    const app = quietBuilder({ config: { features: { search: true, billing: false } } })
      .add(
        createFeatureLoader({
          name: 'optional-plugins',
          deps: { config: coreServices.rootConfig },
          *loader({ config }) {
            if (config.getBoolean('features.search')) yield plugin('search', journal);
            if (config.getBoolean('features.billing')) yield plugin('billing', journal);
          },
        }),
      )
      .add(
        createFeatureLoader({
          async *loader() {
            yield plugin('from-async', journal);
          },
        }),
      )
      .add(createFeatureLoader({ loader: () => [plugin('from-array', journal)] }))
      .build();
    await app.start();
    expect(journal.events.sort()).toEqual(['from-array init', 'from-async init', 'search init']);
    expect(
      app
        .describe()
        .plugins.map((p) => p.id)
        .sort(),
    ).toEqual(['from-array', 'from-async', 'search']);
    await app.stop();
  });

  it('gives loaders the same root service instances the app then uses', async () => {
    let seenByLoader: RootConfigService | undefined;
    const app = quietBuilder({ config: { a: 1 } })
      .add(
        createFeatureLoader({
          deps: { config: coreServices.rootConfig },
          loader: ({ config }) => {
            seenByLoader = config;
            return [];
          },
        }),
      )
      .build();
    await app.start();
    expect(app.get(coreServices.rootConfig)).toBe(seenByLoader);
    await app.stop();
  });

  it('names a failing loader, and a loader that returns a non-feature', async () => {
    const app = quietBuilder()
      .add(createFeatureLoader({ name: 'flaky-loader', loader: () => Promise.reject(new Error('registry down')) }))
      .add(createFeatureLoader({ name: 'sloppy-loader', loader: () => [{ not: 'a feature' }] }))
      .build();
    const problems = await app.validate();
    expect(problems).toEqual([
      expect.objectContaining({
        code: 'FEATURE_LOAD_FAILED',
        message: expect.stringContaining("Feature loader 'flaky-loader' failed: Error: registry down"),
      }),
      expect.objectContaining({
        code: 'INVALID_FEATURE',
        message: expect.stringContaining("Feature loader 'sloppy-loader' returned something that is not a feature"),
      }),
    ]);
    await expect(app.start()).rejects.toMatchObject({ code: 'INVALID_WIRING' });
  });

  it('refuses plugin-scoped dependencies for loaders', async () => {
    const perPlugin = createServiceRef<object>({ id: 'per.plugin' });
    const app = quietBuilder()
      .add(createServiceFactory({ service: perPlugin, factory: () => ({}) }))
      .add(createFeatureLoader({ name: 'bad-deps', deps: { p: perPlugin as never }, loader: () => [] }))
      .build();
    expect(await app.validate()).toEqual([expect.objectContaining({ code: 'SCOPE_VIOLATION', refId: 'per.plugin' })]);
  });

  it('validate() runs loaders and shuts down the services it created for them', async () => {
    const journal = new Journal();
    const registryRef = createServiceRef<object>({ id: 'plugin.registry', scope: 'root' });
    @Service({ provides: registryRef })
    class Registry {
      constructor() {
        journal.add('registry created');
      }
      @onShutdown() close(): void {
        journal.add('registry closed');
      }
    }
    const app = quietBuilder()
      .add(Registry)
      .add(createFeatureLoader({ deps: { registry: registryRef }, loader: () => [plugin('listed')] }))
      .build();
    expect(await app.validate()).toEqual([]);
    expect(journal.events).toEqual(['registry created', 'registry closed']);
    expect(app.describe().plugins.map((p) => p.id)).toEqual(['listed']);
    await app.start();
    await app.stop();
    expect(journal.events).toEqual(['registry created', 'registry closed', 'registry created', 'registry closed']);
  });

  it('a root service a loader needs that fails to start: what was created for the loaders is shut down', async () => {
    const journal = new Journal();
    const early = createServiceRef<object>({ id: 'early', scope: 'root' });
    const broken = createServiceRef<object>({ id: 'broken', scope: 'root' });
    @Service({ provides: early })
    class Early {
      @onInit() init(): void {
        journal.add('early created');
      }
      @onShutdown() close(): void {
        journal.add('early closed');
      }
    }
    const loader = createFeatureLoader({ name: 'needs-broken', deps: { broken }, loader: () => [plugin('loaded')] });
    const app = quietBuilder()
      .add([
        Early,
        createServiceFactory({ service: broken, initialization: 'lazy', factory: () => Promise.reject(new Error('no db')) }),
        loader,
      ])
      .build();
    await expect(app.start()).rejects.toMatchObject({ code: 'INIT_FAILED', refId: 'broken' });
    expect(journal.events).toEqual(['early created', 'early closed']);
  });

  it('describe() before the loaders ran says so, and runs no loader (start() runs it once)', async () => {
    const journal = new Journal();
    const loader = createFeatureLoader({
      name: 'counted',
      loader: () => {
        journal.add('loader ran');
        return [plugin('loaded')];
      },
    });
    const app = quietBuilder().add(loader).build();
    expect(() => app.describe()).toThrow(expect.objectContaining({ code: 'INVALID_STATE' }));
    await app.start();
    await app.stop();
    expect(journal.events).toEqual(['loader ran']);
  });
});
