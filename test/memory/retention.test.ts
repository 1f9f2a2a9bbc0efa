import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const script = fileURLToPath(new URL('./retention.mjs', import.meta.url));
const built = fileURLToPath(new URL('../../dist/index.js', import.meta.url));

describe('memory', () => {
  it('retains nothing from earlier runs: 20 starts and stops of a 200-plugin app leave no instance alive', () => {
    if (!existsSync(built)) throw new Error('dist/ is missing: run `npm run build` before this test (npm test does).');
    const run = spawnSync(process.execPath, ['--expose-gc', script], { encoding: 'utf8', timeout: 60_000 });
    expect(run.stderr).toBe('');
    const result = JSON.parse(run.stdout) as { tracked: number; alive: number; heapUsedMB: number };
    // per run: the root service, the app, and per plugin its instance, its own plugin-scoped
    // service, its registry, its module and the module's view of the registry
    expect(result.tracked).toBe(20 * (1 + 1 + 200 * 5));
    expect(result.alive).toBe(0);
  });
});
