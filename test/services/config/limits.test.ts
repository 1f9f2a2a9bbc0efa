// Limits on config size and depth (13.13), and YAML parsing in linear time (13.19): a JSON config
// nested 4 000 deep used to fail start() with a RangeError, and 40 000 YAML keys took 12 s.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PlugboardError } from 'plugboard';
import { CONFIG_LIMITS, createConfigView, loadConfig, redactConfig } from '../../../src/services/config/index.js';
import { quietBuilder } from '../../support.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'plugboard-limits-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function configFile(name: string, text: string): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, text);
  return file;
}

async function loadFile(name: string, text: string): Promise<unknown> {
  const file = await configFile(name, text);
  return loadConfig({ files: [file], env: {} }).then(
    (config) => config,
    (error: unknown) => error,
  );
}

/** `levels` objects, each holding the next under `a`. */
const nestedJson = (levels: number): string => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;
const nestedYaml = (levels: number): string =>
  Array.from({ length: levels }, (_, i) => `${' '.repeat(i)}a:${i === levels - 1 ? ' 1' : ''}`).join('\n') + '\n';
function nestedObject(levels: number): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  let at = root;
  for (let i = 1; i < levels; i += 1) {
    const next: Record<string, unknown> = {};
    at['a'] = next;
    at = next;
  }
  at['a'] = 1;
  return root;
}

/** CPU milliseconds `fn` takes (its best of `runs`): steadier than wall time on a busy machine. */
async function cpuMs(fn: () => Promise<unknown>, runs = 1): Promise<number> {
  let best = Infinity;
  for (let run = 0; run < runs; run += 1) {
    const started = process.cpuUsage();
    await fn();
    const used = process.cpuUsage(started);
    best = Math.min(best, (used.user + used.system) / 1000);
  }
  return best;
}

/** A flat YAML mapping of `key<i>: value` lines, `bytes` long (padded with a comment). */
function flatYaml(bytes: number): string {
  const lines: string[] = [];
  let size = 0;
  for (let i = 0; size + 40 < bytes; i += 1) {
    const line = `key${i}: value\n`;
    lines.push(line);
    size += line.length;
  }
  return lines.join('') + `#${'x'.repeat(bytes - size - 2)}\n`;
}

describe('nesting depth', () => {
  it(`is refused past ${CONFIG_LIMITS.maxDepth} levels with CONFIG_INVALID naming the file and the limit (JSON nested 4 000 deep)`, async () => {
    const error = (await loadFile('deep.json', nestedJson(4000))) as PlugboardError;
    expect(error).toMatchObject({ code: 'CONFIG_INVALID', file: join(dir, 'deep.json') });
    expect(error.message).toContain(`nests deeper than the limit of ${CONFIG_LIMITS.maxDepth} levels`);
  });

  it('is exact: the limit loads, one more is refused (JSON, YAML, the builder object)', async () => {
    const limit = CONFIG_LIMITS.maxDepth;
    const atLimit = [
      await loadFile('limit.json', nestedJson(limit)),
      await loadFile('limit.yaml', nestedYaml(limit)),
      await loadConfig({ data: nestedObject(limit), env: {} }),
    ];
    for (const config of atLimit) expect(config).toMatchObject({ getNumber: expect.any(Function) });
    for (const error of [
      await loadFile('over.json', nestedJson(limit + 1)),
      await loadFile('over.yaml', nestedYaml(limit + 1)),
      await loadConfig({ data: nestedObject(limit + 1), env: {} }).catch((e: unknown) => e),
    ]) {
      expect(error).toMatchObject({ code: 'CONFIG_INVALID', message: expect.stringContaining(`limit of ${limit} levels`) });
    }
  });

  it.each([
    ['flow lists', `a: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`],
    ['flow mappings', `a: ${'{a: '.repeat(100_000)}${'}'.repeat(100_000)}\n`],
    ['compact sequences', `${'- '.repeat(100_000)}x\n`],
    ['block mappings', nestedYaml(1000)],
  ])('of YAML %s is refused before the parser descends (no stack overflow, no long parse)', async (_, text) => {
    let error: unknown;
    const used = await cpuMs(async () => (error = await loadFile('deep.yaml', text)));
    expect(error).toMatchObject({
      code: 'CONFIG_INVALID',
      message: expect.stringMatching(/deep\.yaml line \d+ nests deeper than the limit/),
    });
    expect(used).toBeLessThan(2000);
  });

  it('of the builder object is refused at start() with CONFIG_INVALID (not a RangeError)', async () => {
    const app = quietBuilder({ config: nestedObject(4000) }).build();
    await expect(app.start()).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
      message: expect.stringContaining("The builder's config object"),
    });
  });

  it('a cycle in the builder object is CONFIG_INVALID naming where', () => {
    const data: Record<string, unknown> = { db: { url: 'x' } };
    (data['db'] as Record<string, unknown>)['self'] = data;
    expect(() => createConfigView(data)).toThrow(
      expect.objectContaining({
        code: 'CONFIG_INVALID',
        key: 'db.self',
        message: expect.stringContaining('refers back to the top level (a cycle)'),
      }),
    );
  });

  it('redaction copes with any depth and with cycles', () => {
    const data = nestedObject(10_000);
    const redacted = redactConfig(data) as Record<string, unknown>;
    expect(Object.keys(redacted)).toEqual(['a']);
    const cyclic: Record<string, unknown> = { password: 'hunter2', inner: {} };
    (cyclic['inner'] as Record<string, unknown>)['back'] = cyclic;
    expect(redactConfig(cyclic)).toEqual({ password: '[redacted]', inner: { back: '[cycle]' } });
  });
});

describe('size', () => {
  it(`counts keys and list items: ${CONFIG_LIMITS.maxEntries} load, one more is CONFIG_INVALID naming the file and the limit`, async () => {
    const items = (count: number): string => JSON.stringify({ list: new Array(count - 1).fill(0) });
    const config = (await loadFile('entries.json', items(CONFIG_LIMITS.maxEntries))) as { get(key: string): unknown[] };
    expect(config.get('list')).toHaveLength(CONFIG_LIMITS.maxEntries - 1);
    const error = (await loadFile('too-many.json', items(CONFIG_LIMITS.maxEntries + 1))) as PlugboardError;
    expect(error).toMatchObject({ code: 'CONFIG_INVALID', file: join(dir, 'too-many.json'), key: 'list' });
    expect(error.message).toContain(`above the limit of ${CONFIG_LIMITS.maxEntries}`);
  });

  it('counts a shared sub-object of the builder object each time it is reached', () => {
    let level: Record<string, unknown> = { leaf: 1 };
    for (let i = 0; i < 20; i += 1) level = { left: level, right: level }; // 2^20 paths
    expect(() => createConfigView(level)).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
  });

  it(`refuses a file over ${CONFIG_LIMITS.maxFileBytes} bytes with CONFIG_INVALID naming the file and the limit`, async () => {
    const atLimit = `a: 1\n#${'x'.repeat(CONFIG_LIMITS.maxFileBytes - 7)}\n`;
    expect(Buffer.byteLength(atLimit)).toBe(CONFIG_LIMITS.maxFileBytes);
    expect(((await loadFile('limit.yaml', atLimit)) as { getNumber(key: string): number }).getNumber('a')).toBe(1);
    const error = (await loadFile('large.yaml', `${atLimit}#`)) as PlugboardError;
    expect(error).toMatchObject({ code: 'CONFIG_INVALID', file: join(dir, 'large.yaml') });
    expect(error.message).toContain(`larger than the limit of ${CONFIG_LIMITS.maxFileBytes} bytes`);
  });
});

describe('YAML parsing time', () => {
  it('is linear, and a YAML file at the size limit (tens of thousands of keys) loads in well under the time a start may take', async () => {
    const quarter = await configFile('quarter.yaml', flatYaml(CONFIG_LIMITS.maxFileBytes / 4));
    const full = await configFile('at-limit.yaml', flatYaml(CONFIG_LIMITS.maxFileBytes));
    let keys = 0;
    const load = (file: string) => async () => (keys = (await loadConfig({ files: [file], env: {} })).keys().length);
    await load(quarter)(); // warm up the parser's code
    const quarterMs = await cpuMs(load(quarter), 2);
    const fullMs = await cpuMs(load(full), 2);
    expect(keys).toBeGreaterThan(30_000);
    // Four times the keys costs about four times the CPU (quadratic parsing: sixteen times).
    expect(fullMs / quarterMs).toBeLessThan(10);
    // About half a second on an idle core; before the fix this took minutes.
    expect(fullMs).toBeLessThan(3000);
  });
});
