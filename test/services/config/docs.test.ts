// docs/configuration.md's YAML samples, loaded verbatim, give what the text around them says; its
// limits table states the limits the code enforces.
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONFIG_LIMITS, loadConfig } from '../../../src/services/config/index.js';

const doc = readFileSync(fileURLToPath(new URL('../../../docs/configuration.md', import.meta.url)), 'utf8');

/** The ```yaml block whose first line is `# <name>`. */
function yamlSample(name: string): string {
  const block = [...doc.matchAll(/```yaml\n([\s\S]*?)```/g)].map((match) => match[1]!).find((text) => text.startsWith(`# ${name}\n`));
  if (block === undefined) throw new Error(`docs/configuration.md has no yaml sample '# ${name}'`);
  return block;
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'plugboard-docs-config-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function loadSample(name: string, env: Record<string, string>) {
  const file = join(dir, name);
  await writeFile(file, yamlSample(name));
  return { config: await loadConfig({ files: [file], env }), file };
}

describe('docs/configuration.md', () => {
  it('app-config.yaml: substitutes the password and keeps the pool size a number', async () => {
    const { config } = await loadSample('app-config.yaml', { CATALOG_DB_PASSWORD: 's3cret' });
    expect(config.getString('catalog.database.url')).toBe('postgres://catalog:s3cret@db:5432/catalog');
    expect(config.getNumber('catalog.database.pool.max')).toBe(20);
    expect(config.getString('logging.level')).toBe('info');
    await expect(loadSample('app-config.yaml', {})).rejects.toMatchObject({ code: 'CONFIG_MISSING', key: 'catalog.database.url' });
  });

  it('server.yaml: with PORT=8080 and nothing else set, reads what the text says', async () => {
    const { config, file } = await loadSample('server.yaml', { PORT: '8080' });
    expect(config.getNumber('server.port')).toBe(8080);
    expect(config.getString('server.port')).toBe('8080');
    expect(config.getBoolean('server.debug')).toBe(false);
    expect(config.getString('server.name')).toBe('');
    expect(() => config.getNumber('server.label')).toThrow(
      expect.objectContaining({ code: 'CONFIG_TYPE', file, message: expect.stringContaining('without quotes') }),
    );
  });

  it('states the limits the code enforces', () => {
    const row = (name: string): string => doc.split('\n').find((line) => line.startsWith(`| ${name}`)) ?? '';
    expect(row('size of one config file')).toContain(`| ${CONFIG_LIMITS.maxFileBytes / 1024} KiB`);
    expect(row('keys and list items in one source')).toContain(`| ${CONFIG_LIMITS.maxEntries.toLocaleString('en').replace(/,/g, ' ')}`);
    expect(row('nesting depth')).toContain(`| ${CONFIG_LIMITS.maxDepth} levels`);
  });
});
