import { pino } from 'pino';
import { createScaffolderApp } from './app.js';

describe('the scaffolder example', () => {
  it('wires every module into the plugin, in order, and stops cleanly', async () => {
    const lines: Array<Record<string, unknown>> = [];
    const logger = pino({}, { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
    const app = createScaffolderApp({ logger });
    await app.start();
    const ready = lines.find((l) => l['msg'] === 'scaffolder ready with 3 actions')!;
    expect(ready['plugin']).toBe('scaffolder');
    expect([...(ready['actions'] as string[])].sort()).toEqual(['github:publish', 'gitlab:publish', 'template:render']);
    expect(lines.find((l) => l['msg'] === 'templating sees every filter')).toMatchObject({ module: 'templating', filters: ['upper'] });
    expect(lines.find((l) => l['msg'] === 'ran every action once')!['tasks']).toContain('rendered DEMO-SERVICE');
    const plugin = app.describe().plugins[0]!;
    expect(plugin.moduleOrder.at(-1)).toEqual(['templating']);
    await app.stop();
    expect(lines.at(-1)!['msg']).toBe('scaffolder stopping after 3 tasks');
  });
});
