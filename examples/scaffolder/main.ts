import { toMermaid } from 'plugboard';
import { createScaffolderApp } from './app.js';

const app = createScaffolderApp({ logger: { level: process.env['LOG_LEVEL'] ?? 'info' } });
try {
  const result = await app.start();
  for (const plugin of result.plugins) {
    for (const module of plugin.modules.filter((m) => m.status === 'failed')) {
      const why = module.error instanceof Error ? module.error.message : String(module.error);
      console.log(`module ${module.moduleId} of plugin ${plugin.pluginId} was left out: ${why}`);
    }
  }
  const description = app.describe();
  console.log(`\nThe wiring, as Mermaid (paste into https://mermaid.live or a Markdown file):\n\n${toMermaid(description)}`);
  for (const plugin of description.plugins) {
    console.log(
      `plugin ${plugin.id}: ${plugin.status}; module init order: ${plugin.moduleOrder.map((layer) => layer.join(' + ')).join(' -> ')} -> ${plugin.id}`,
    );
  }
} finally {
  await app.stop();
}
