import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const cli = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));

function plugboard(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8', timeout: 20_000 });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('the plugboard CLI (a real process)', () => {
  beforeAll(() => {
    if (!existsSync(cli)) throw new Error('dist/cli/main.js is missing: run `npm run build` before these tests (CI does).');
  });

  it('check: a sound app exits 0 without running any constructor, factory or init', () => {
    const run = plugboard('check', 'test/cli/fixtures/sound.mjs');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('✓ wiring is sound: 1 plugin(s), 1 module(s)');
  });

  it('check: prints every problem with its code and exits 1', () => {
    const run = plugboard('check', 'test/cli/fixtures/broken.mjs');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('✗ 2 wiring problems');
    expect(run.stderr).toContain("[MODULE_WITHOUT_PLUGIN] Module 'orphan'");
    expect(run.stderr).toContain("[SERVICE_NOT_FOUND] No implementation of service 'billing.client'");
  });

  it.each([
    ['test/cli/fixtures/no-default.mjs', 'must have a default export that is a ContainerBuilder'],
    ['test/cli/fixtures/throws.mjs', 'could not be loaded: Error: the entry module itself is broken'],
    ['test/cli/fixtures/nope.mjs', 'does not exist'],
  ])('exits 2 with a clear message for an unusable entry %s', (entry, message) => {
    const run = plugboard('check', entry);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stderr).not.toContain('    at '); // no stack trace
  });

  it('graph: prints Mermaid by default, DOT and JSON on request, and one plugin with --plugin', () => {
    const mermaid = plugboard('graph', 'test/cli/fixtures/sound.mjs');
    expect(mermaid.code).toBe(0);
    expect(mermaid.stdout).toMatch(/^flowchart LR/);
    expect(mermaid.stdout).toContain('scaffolder.actions');
    const dot = plugboard('graph', 'test/cli/fixtures/sound.mjs', '--format', 'dot');
    expect(dot.stdout).toMatch(/^digraph plugboard \{/);
    const json = plugboard('graph', 'test/cli/fixtures/sound.mjs', '--format', 'json', '--plugin', 'scaffolder');
    const description = JSON.parse(json.stdout) as { plugins: Array<{ id: string }> };
    expect(description.plugins.map((p) => p.id)).toEqual(['scaffolder']);
    const unknown = plugboard('graph', 'test/cli/fixtures/sound.mjs', '--plugin', 'nope');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("No plugin 'nope'");
  });

  it('graph: still draws a broken app, and reports its problems on stderr with exit 1', () => {
    const run = plugboard('graph', 'test/cli/fixtures/broken.mjs');
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('billing');
    expect(run.stderr).toContain('MODULE_WITHOUT_PLUGIN');
  });

  it('--help documents both commands', () => {
    const run = plugboard('--help');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('check <entry>');
    expect(run.stdout).toContain('graph [options] <entry>');
    const graphHelp = plugboard('graph', '--help');
    expect(graphHelp.stdout).toContain('--format <format>');
    expect(graphHelp.stdout).toContain('"mermaid", "dot", "json"');
  });
});
