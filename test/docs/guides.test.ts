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
  PlugboardError,
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

const alerts: string[] = [];
const alert = (text: string): void => void alerts.push(text);

@Module({ pluginId: 'search', id: 'optional-github' })
class OptionalGithubModule {
  @onInit() init(): void {
    throw new Error('GitHub is unreachable');
  }
}

/** The result samples of lifecycle.md, run against `app`. */
async function readResult(app: App): Promise<void> {
  const result = await app.start();
  if (result.outcome === 'partial') {
    for (const plugin of result.plugins) {
      const failed = plugin.modules.filter((module) => module.status === 'failed').map((module) => module.moduleId);
      if (plugin.status === 'failed' || failed.length > 0) alert(`${plugin.pluginId} is degraded: ${failed.join(', ') || 'down'}`);
    }
  }
}

async function readFailure(app: App): Promise<void> {
  try {
    await app.start();
  } catch (error) {
    const result = error instanceof PlugboardError ? error.result : undefined;
    const failed = result?.plugins.filter((plugin) => plugin.status === 'failed').map((plugin) => plugin.pluginId);
    alert(`start failed (${failed?.join(', ') ?? 'before any plugin'}): ${String(error)}`);
  }
}

function policyApp(): App {
  const app = new ContainerBuilder({
    onPluginBootFailure: 'abort',
    onModuleBootFailure: (pluginId, moduleId) => (pluginId === 'search' && moduleId.startsWith('optional-') ? 'continue' : 'abort'),
  })
    .add(SearchPlugin)
    .add(OptionalGithubModule)
    .build();
  return app;
}

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

  it('lifecycle.md: a module policy function leaves an optional module out; the start result says so, and stop() marks it', async () => {
    alerts.length = 0;
    const app = await quietly(async () => {
      const built = policyApp();
      await readResult(built);
      return built;
    });
    expect(alerts).toEqual(['search is degraded: optional-github']);
    await app.stop();
    expect(app.describe().plugins[0]).toMatchObject({ status: 'stopped', modules: [expect.objectContaining({ status: 'failed' })] });
  });

  it('lifecycle.md: a rejected start carries its result', async () => {
    alerts.length = 0;
    @Plugin({ id: 'broken' })
    class Broken {
      @onInit() init(): void {
        throw new Error('database unreachable');
      }
    }
    await readFailure(new ContainerBuilder({ logger: { level: 'silent' } }).add(Broken).add(SearchPlugin).build());
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatch(/^start failed \(broken\): PlugboardError: Plugin 'broken' failed to start/);
  });

  it('lifecycle.md: config overrides the builder, the most specific entry winning', async () => {
    const failing = (id: string) => {
      @Module({ pluginId: 'search', id })
      class Failing {
        @onInit() init(): void {
          throw new Error(`${id} failed`);
        }
      }
      return Failing;
    };
    const config = {
      plugboard: {
        startup: {
          onModuleBootFailure: 'abort',
          plugins: { search: { onModuleBootFailure: 'continue', modules: { 'github-indexer': { onModuleBootFailure: 'abort' } } } },
        },
      },
    };
    const lenient = new ContainerBuilder({ logger: { level: 'silent' }, config }).add(SearchPlugin).add(failing('gitlab-indexer')).build();
    expect((await lenient.start()).outcome).toBe('partial');
    await lenient.stop();
    const strict = new ContainerBuilder({ logger: { level: 'silent' }, config, onModuleBootFailure: 'continue' })
      .add(SearchPlugin)
      .add(failing('github-indexer'))
      .build();
    await expect(strict.start()).rejects.toMatchObject({ code: 'INIT_FAILED', moduleId: 'github-indexer' });
  });
});
