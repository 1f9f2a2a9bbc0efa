import { fileURLToPath } from 'node:url';
import { discoverFeatures } from 'plugboard';
import { captureLogs } from '../operations/log-capture.js';
import { quietBuilder } from '../support.js';

const hostPackageJson = fileURLToPath(new URL('./fixtures/host/package.json', import.meta.url));

describe('discoverFeatures', () => {
  it('installs every dependency marked as a plugboard plugin or module, and leaves out orphan modules with one info line', async () => {
    const { logger, lines } = captureLogs();
    const app = quietBuilder({ logger })
      .add(discoverFeatures({ packageJson: hostPackageJson }))
      .build();
    await app.start();
    const description = app.describe();
    expect(description.plugins.map((p) => p.id).sort()).toEqual(['catalog', 'search']);
    expect(description.plugins.find((p) => p.id === 'catalog')!.modules.map((m) => m.id)).toEqual(['github']);
    expect((globalThis as { __discoveredProcessors?: string[] }).__discoveredProcessors).toEqual(['github']);
    const skipped = lines.filter((l) => typeof l['msg'] === 'string' && l['msg'].includes('discovered module'));
    expect(skipped).toHaveLength(1);
    expect(skipped[0]).toMatchObject({ level: 30, modules: ['scheduler/cron'] });
    await app.stop();
  });

  it('honours include and exclude patterns', async () => {
    const app = quietBuilder()
      .add(discoverFeatures({ packageJson: hostPackageJson, include: ['@acme/*', 'plugin-*'], exclude: ['plugin-catalog'] }))
      .build();
    await app.validate();
    expect(app.describe().plugins.map((p) => p.id)).toEqual(['search']);
  });

  it('still refuses an orphan module that was added explicitly', async () => {
    const orphanPath = new URL('./fixtures/host/node_modules/module-orphan/index.js', import.meta.url).href;
    const orphan = (await import(orphanPath)) as { default: never };
    const app = quietBuilder().add(orphan.default).build();
    expect(await app.validate()).toEqual([
      expect.objectContaining({ code: 'MODULE_WITHOUT_PLUGIN', pluginId: 'scheduler', moduleId: 'cron' }),
    ]);
  });

  it('names the host package.json when it cannot be read', async () => {
    const app = quietBuilder()
      .add(discoverFeatures({ packageJson: '/nowhere/package.json' }))
      .build();
    expect(await app.validate()).toEqual([
      expect.objectContaining({ code: 'FEATURE_LOAD_FAILED', message: expect.stringContaining('/nowhere/package.json') }),
    ]);
  });
});
