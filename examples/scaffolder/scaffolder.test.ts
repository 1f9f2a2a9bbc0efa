import { mockServices } from 'plugboard/testing';
import { createScaffolderBuilder } from './app.js';

describe('the scaffolder example', () => {
  it('wires every module into the plugin, in order, and stops cleanly', async () => {
    const logger = mockServices.rootLogger();
    const app = createScaffolderBuilder().add(logger).build();
    await app.start();
    const lines = logger.entries;
    const ready = lines.find((l) => l.msg === 'scaffolder ready with 3 actions')!;
    expect(ready.plugin).toBe('scaffolder');
    expect([...(ready['actions'] as string[])].sort()).toEqual(['github:publish', 'gitlab:publish', 'template:render']);
    expect(lines.find((l) => l.msg === 'templating sees every filter')).toMatchObject({ module: 'templating', filters: ['upper'] });
    expect(lines.find((l) => l.msg === 'ran every action once')!['tasks']).toContain('rendered DEMO-SERVICE');
    const plugin = app.describe().plugins[0]!;
    expect(plugin.moduleOrder.at(-1)).toEqual(['templating']);
    expect(lines).toContainEqual(expect.objectContaining({ msg: 'plugboard started 1/1 plugins' }));
    await app.stop();
    expect(lines.at(-1)!.msg).toBe('scaffolder stopping after 3 tasks');
  });

  it("reports the legacy module's action without an id as that module's failure, and leaves it out under 'continue'", async () => {
    const logger = mockServices.rootLogger();
    const app = createScaffolderBuilder().add(logger).build();
    const result = await app.start();
    expect(result.outcome).toBe('partial');
    expect(result.plugins[0]).toMatchObject({ pluginId: 'scaffolder', status: 'started' });
    const legacy = result.plugins[0]!.modules.find((m) => m.moduleId === 'legacy-actions')!;
    expect(legacy.status).toBe('failed');
    expect(legacy.error).toMatchObject({ message: "module 'legacy-actions' added an action without an id" });
    expect(result.plugins[0]!.modules.filter((m) => m.status !== 'started').map((m) => m.moduleId)).toEqual(['legacy-actions']);
    // plugboard names the module it left out, and the plugin never saw its action.
    expect(logger.entries).toContainEqual(
      expect.objectContaining({
        level: 'error',
        plugin: 'scaffolder',
        module: 'legacy-actions',
        msg: expect.stringContaining('was left out'),
      }),
    );
    expect(logger.entries.find((l) => l.msg === 'scaffolder ready with 3 actions')).toBeDefined();
    await app.stop();
  });

  it('aborts when the host does not let the legacy module fail', async () => {
    const app = createScaffolderBuilder({ logger: { level: 'silent' }, onModuleBootFailure: 'abort' }).build();
    await expect(app.start()).rejects.toMatchObject({ code: 'INIT_FAILED', pluginId: 'scaffolder', moduleId: 'legacy-actions' });
  });
});
