// The samples of docs/configuration.md, docs/lifecycle.md, docs/loading-features.md and
// docs/cli.md, run (test/docs/samples.test.ts keeps them verbatim).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type App,
  ContainerBuilder,
  coreServices,
  createFeatureLoader,
  discoverFeatures,
  inject,
  Module,
  onInit,
  Plugin,
  runApp,
  type LifecycleService,
  type RootConfigService,
  type RootLifecycleService,
} from 'plugboard';
import { SearchPlugin } from './search.js';

const pools: Array<[string, number]> = [];
const connectPool = (url: string, max: number): void => void pools.push([url, max]);
let flushed = 0;
const flushMetrics = (): void => void flushed++;

@Plugin({ id: 'catalog' })
export class CatalogPlugin {
  constructor(@inject(coreServices.rootConfig) private readonly config: RootConfigService) {}

  @onInit()
  init(): void {
    const url = this.config.getString('catalog.database.url');
    const max = this.config.getOptionalNumber('catalog.database.pool.max') ?? 10;
    connectPool(url, max);
  }
}

@Plugin({ id: 'web' })
export class WebPlugin {
  private readonly server = createServer((_request, response) => response.end('ok'));

  constructor(
    @inject(coreServices.lifecycle) lifecycle: LifecycleService,
    @inject(coreServices.rootLifecycle) rootLifecycle: RootLifecycleService,
  ) {
    // after every plugin is up
    lifecycle.addStartupHook(() => new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve)));
    // first thing at stop: no new requests
    rootLifecycle.addBeforeShutdownHook(() => new Promise<void>((resolve) => this.server.close(() => resolve())));
    // at stop, in reverse order of registration
    lifecycle.addShutdownHook(() => flushMetrics());
  }
}

export async function main(): Promise<App> {
  return runApp(new ContainerBuilder().add(CatalogPlugin).add(SearchPlugin));
}

@Plugin({ id: 'scaffolder' })
class ScaffolderPlugin {}
@Module({ pluginId: 'scaffolder', id: 'github-actions' })
class GithubActionsModule {}

// wiring.ts, compiled to wiring.js
export default new ContainerBuilder().add(ScaffolderPlugin).add(GithubActionsModule);

const quietly = async <T>(work: () => Promise<T>): Promise<T> => {
  const saved = process.env['LOG_LEVEL'];
  process.env['LOG_LEVEL'] = 'silent';
  try {
    return await work();
  } finally {
    if (saved === undefined) delete process.env['LOG_LEVEL'];
    else process.env['LOG_LEVEL'] = saved;
  }
};

describe('guides', () => {
  it('configuration.md: reads typed config', async () => {
    const app = new ContainerBuilder({ logger: { level: 'silent' }, config: { catalog: { database: { url: 'pg://db' } } } })
      .add(CatalogPlugin)
      .build();
    await app.start();
    expect(pools).toContainEqual(['pg://db', 10]);
    await app.stop();
  });

  it('lifecycle.md: hooks run after every plugin is up, and at stop', async () => {
    const app = new ContainerBuilder({ logger: { level: 'silent' } }).add(WebPlugin).build();
    await app.start();
    await app.stop();
    expect(flushed).toBe(1);
  });

  it('lifecycle.md: main() with runApp starts the app with signals handled', async () => {
    // main() reads its config the way a deployed host does: from PLUGBOARD_CONFIG.
    const dir = await mkdtemp(join(tmpdir(), 'plugboard-docs-'));
    const file = join(dir, 'app-config.json');
    await writeFile(file, JSON.stringify({ catalog: { database: { url: 'pg://main' } } }));
    const saved = process.env['PLUGBOARD_CONFIG'];
    process.env['PLUGBOARD_CONFIG'] = file;
    try {
      const app = await quietly(() => main());
      expect(app.state).toBe('started');
      expect(process.listenerCount('SIGTERM')).toBeGreaterThan(0);
      await app.stop();
      expect(pools).toContainEqual(['pg://main', 10]);
    } finally {
      if (saved === undefined) delete process.env['PLUGBOARD_CONFIG'];
      else process.env['PLUGBOARD_CONFIG'] = saved;
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('loading-features.md: installs features a loader decides from config, and discovers packages', async () => {
    const builder = new ContainerBuilder({ logger: { level: 'silent' }, config: { search: { enabled: true } } });
    builder.add(
      createFeatureLoader({
        name: 'optional-plugins',
        deps: { config: coreServices.rootConfig },
        async *loader({ config }) {
          if (config.getOptionalBoolean('search.enabled')) yield (await import('./search.js')).SearchPlugin;
        },
      }),
    );
    builder.add(discoverFeatures({ exclude: ['@acme/plugin-legacy'] }));
    const app = builder.build();
    await app.start();
    expect(app.describe().plugins.map((p) => p.id)).toEqual(['search']);
    await app.stop();
  });
});
