import { createScaffolderApp } from './app.js';

const app = createScaffolderApp({ logger: { level: process.env['LOG_LEVEL'] ?? 'info' } });
try {
  await app.start();
  const { plugins } = app.describe();
  for (const plugin of plugins) {
    console.log(`plugin ${plugin.id}: ${plugin.status}; module init order: ${plugin.moduleOrder.map((layer) => layer.join(' + ')).join(' -> ')} -> ${plugin.id}`);
  }
} finally {
  await app.stop();
}
