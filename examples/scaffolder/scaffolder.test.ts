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
    await app.stop();
    expect(lines.at(-1)!.msg).toBe('scaffolder stopping after 3 tasks');
  });
});
