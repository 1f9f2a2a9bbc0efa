import { coreServices, inject, Module, onInit, onShutdown, Plugin, type InstanceMetadataService } from 'plugboard';
import { delay, Journal, quietBuilder } from '../support.js';
import { captureLogs } from './log-capture.js';

function plugin(id: string, journal: Journal, fail = false) {
  @Plugin({ id })
  class P {
    @onInit() init(): void {
      journal.add(`${id} init`);
      if (fail) throw new Error(`${id} failed`);
    }
    @onShutdown() stop(): void {
      journal.add(`${id} stop`);
    }
  }
  return P;
}

function failingModule(pluginId: string, id: string) {
  @Module({ pluginId, id })
  class M {
    @onInit() init(): void {
      throw new Error(`${id} broke`);
    }
  }
  return M;
}

describe('boot failure policies', () => {
  it('takes per-plugin overrides from config: one plugin may fail, the others abort', async () => {
    const journal = new Journal();
    const config = { plugboard: { startup: { plugins: { optional: { onPluginBootFailure: 'continue' } } } } };
    const tolerant = quietBuilder({ config })
      .add(plugin('optional', journal, true))
      .add(plugin('core', journal))
      .build();
    await tolerant.start();
    expect(tolerant.describe().plugins.map((p) => [p.id, p.status])).toEqual([
      ['optional', 'failed'],
      ['core', 'started'],
    ]);
    await tolerant.stop();

    const strict = quietBuilder({ config })
      .add(plugin('required', new Journal(), true))
      .build();
    await expect(strict.start()).rejects.toMatchObject({ code: 'INIT_FAILED', pluginId: 'required' });
  });

  it('lets config override the builder default', async () => {
    const app = quietBuilder({ onPluginBootFailure: 'abort', config: { plugboard: { startup: { onPluginBootFailure: 'continue' } } } })
      .add(plugin('flaky', new Journal(), true))
      .build();
    await app.start();
    expect(app.describe().plugins[0]!.status).toBe('failed');
    await app.stop();
  });

  it("leaves a failing module out under onModuleBootFailure: 'continue', and the plugin still starts", async () => {
    const journal = new Journal();
    const { logger, lines } = captureLogs();
    const app = quietBuilder({ logger, onModuleBootFailure: 'continue' })
      .add(plugin('catalog', journal))
      .add(failingModule('catalog', 'bad'))
      .build();
    await app.start();
    const description = app.describe().plugins[0]!;
    expect(description.status).toBe('started');
    expect(description.modules[0]).toMatchObject({ id: 'bad', status: 'failed', error: expect.stringContaining('bad broke') });
    expect(lines.find((l) => l['module'] === 'bad' && l['level'] === 50)!['msg']).toContain(
      "module 'bad' of plugin 'catalog' failed to start and was left out",
    );
    await app.stop();
  });

  it('rejects a bad policy in config with CONFIG_TYPE naming the key', async () => {
    const app = quietBuilder({ config: { plugboard: { startup: { onPluginBootFailure: 'maybe' } } } }).build();
    await expect(app.start()).rejects.toMatchObject({
      code: 'CONFIG_TYPE',
      message: expect.stringContaining('plugboard.startup.onPluginBootFailure'),
    });
  });

  it('takes initTimeoutMs from config', async () => {
    @Plugin({ id: 'slow' })
    class Slow {
      @onInit() init(): Promise<void> {
        return delay(200);
      }
    }
    const app = quietBuilder({ config: { plugboard: { initTimeoutMs: 20 } } })
      .add(Slow)
      .build();
    await expect(app.start()).rejects.toMatchObject({ code: 'INIT_TIMEOUT', pluginId: 'slow', message: expect.stringContaining('20 ms') });
  });
});

describe('startup report', () => {
  it('logs progress, warns about slow plugins by name, and logs every init time when start resolves', async () => {
    const { logger, lines } = captureLogs();
    @Plugin({ id: 'sluggish' })
    class Sluggish {
      @onInit() init(): Promise<void> {
        return delay(120);
      }
    }
    @Module({ pluginId: 'sluggish', id: 'helper' })
    class Helper {}
    @Plugin({ id: 'quick' })
    class Quick {}
    const app = quietBuilder({ logger, slowInitWarningMs: 40 }).add([Sluggish, Helper, Quick]).build();
    await app.start();
    const messages = lines.map((l) => l['msg']);
    expect(messages).toEqual(expect.arrayContaining(['1/2 plugins up', '2/2 plugins up']));
    const warning = lines.find((l) => typeof l['msg'] === 'string' && l['msg'].startsWith('still initialising after'))!;
    expect(warning).toMatchObject({ level: 40, plugins: ['sluggish'] });
    const done = lines.find((l) => l['msg'] === 'plugboard started 2/2 plugins')!;
    const timings = done['timings'] as Record<string, { status: string; ms: number; modules?: Record<string, number> }>;
    expect(timings['sluggish']!.status).toBe('started');
    expect(timings['sluggish']!.ms).toBeGreaterThanOrEqual(100);
    expect(typeof timings['sluggish']!.modules!['helper']).toBe('number');
    expect(app.describe().plugins.find((p) => p.id === 'sluggish')!.initMs).toBeGreaterThanOrEqual(100);
    await app.stop();
  });
});

describe('instanceMetadata', () => {
  it('lists installed plugins and their modules, deep-frozen', async () => {
    let metadata: InstanceMetadataService | undefined;
    @Plugin({ id: 'catalog' })
    class Catalog {
      constructor(@inject(coreServices.instanceMetadata) m: InstanceMetadataService) {
        metadata = m;
      }
    }
    @Module({ pluginId: 'catalog', id: 'github' })
    class Github {}
    @Plugin({ id: 'search' })
    class Search {}
    const app = quietBuilder().add([Catalog, Github, Search]).build();
    await app.start();
    const plugins = metadata!.getInstalledPlugins();
    expect(plugins).toEqual([
      { pluginId: 'catalog', modules: [{ moduleId: 'github' }] },
      { pluginId: 'search', modules: [] },
    ]);
    expect(Object.isFrozen(plugins) && Object.isFrozen(plugins[0]) && Object.isFrozen(plugins[0]!.modules[0])).toBe(true);
    await app.stop();
  });
});
