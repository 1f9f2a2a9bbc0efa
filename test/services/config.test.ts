import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { coreServices, type PlugboardError } from 'plugboard';
import { loadConfig, createConfigView } from '../../src/services/config/index.js';
import { quietBuilder } from '../support.js';

const tempDirs: string[] = [];
afterAll(() => Promise.all(tempDirs.map((dir) => rm(dir, { recursive: true, force: true }))));

async function tempFile(name: string, text: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'plugboard-config-'));
  tempDirs.push(dir);
  const file = join(dir, name);
  await writeFile(file, text);
  return file;
}

function caught(fn: () => unknown): PlugboardError {
  try {
    fn();
  } catch (error) {
    return error as PlugboardError;
  }
  throw new Error('expected an error');
}

describe('config', () => {
  it('reads dotted keys with typed getters, naming the key on errors', () => {
    const config = createConfigView({ db: { url: 'pg://x', pool: { max: 5 }, ssl: false } });
    expect(config.getString('db.url')).toBe('pg://x');
    expect(config.getNumber('db.pool.max')).toBe(5);
    expect(config.getBoolean('db.ssl')).toBe(false);
    expect(config.has('db.pool')).toBe(true);
    expect(config.has('db.nope')).toBe(false);
    expect(config.getOptionalString('db.nope')).toBeUndefined();
    expect(config.getConfig('db').getNumber('pool.max')).toBe(5);
    const missing = caught(() => config.getString('db.password'));
    expect(missing).toMatchObject({ code: 'CONFIG_MISSING', key: 'db.password' });
    expect(missing.message).toContain("'db.password'");
    const wrong = caught(() => config.getConfig('db').getNumber('url'));
    expect(wrong).toMatchObject({ code: 'CONFIG_TYPE', key: 'db.url' });
    expect(wrong.message).toContain("Config key 'db.url'");
    expect(() => config.getOptionalNumber('db.url')).toThrow(expect.objectContaining({ code: 'CONFIG_TYPE' }));
  });

  it('merges files over the config object, substitutes ${VAR}, and names the file in errors', async () => {
    const yaml = await tempFile('app.yaml', 'db:\n  url: ${DB_URL}\n  name: ${DB_NAME:-main}\n  literal: $${NOT_A_VAR}\n');
    const json = await tempFile('override.json', JSON.stringify({ db: { pool: { max: 'ten' } } }));
    const config = await loadConfig({
      data: { db: { url: 'ignored', pool: { max: 1, min: 0 } } },
      files: [yaml, json],
      env: { DB_URL: 'pg://env' },
    });
    expect(config.getString('db.url')).toBe('pg://env');
    expect(config.getString('db.name')).toBe('main');
    expect(config.getString('db.literal')).toBe('${NOT_A_VAR}');
    expect(config.getNumber('db.pool.min')).toBe(0);
    const wrong = caught(() => config.getNumber('db.pool.max'));
    expect(wrong).toMatchObject({ code: 'CONFIG_TYPE', file: json });
    expect(wrong.message).toContain(json);
  });

  it('fails on an unset variable, naming it', async () => {
    const yaml = await tempFile('app.yaml', 'secret: ${MISSING_VAR_FOR_TEST}\n');
    await expect(loadConfig({ files: [yaml], env: {} })).rejects.toMatchObject({
      code: 'CONFIG_MISSING',
      message: expect.stringContaining('MISSING_VAR_FOR_TEST'),
    });
  });

  it('fails on a bad file with CONFIG_INVALID naming the file and line', async () => {
    const yaml = await tempFile('bad.yaml', 'a: 1\nb: [unclosed\n');
    const error = (await loadConfig({ files: [yaml], env: {} }).catch((e: unknown) => e)) as PlugboardError;
    expect(error).toMatchObject({ code: 'CONFIG_INVALID', file: yaml });
    expect(error.message).toMatch(/line \d+/);
    await expect(loadConfig({ files: ['/no/such/file.yaml'], env: {} })).rejects.toMatchObject({ code: 'CONFIG_INVALID' });
  });

  it('is deep-frozen and immune to prototype pollution', async () => {
    const json = await tempFile('evil.json', '{"a": {"constructor": {"prototype": {"polluted": true}}, "b": 1}}');
    const config = await loadConfig({ files: [json], env: {} });
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    // constructor and prototype are ordinary keys (valid plugin ids), kept as data.
    expect(config.getBoolean('a.constructor.prototype.polluted')).toBe(true);
    const a = config.get<Record<string, unknown>>('a');
    expect(Object.isFrozen(a)).toBe(true);
    expect(Object.getPrototypeOf(a)).toBeNull();
    expect(() => {
      'use strict';
      a['b'] = 2;
    }).toThrow(TypeError);
    const proto = await tempFile('proto.json', '{"__proto__": {"polluted": true}}');
    await expect(loadConfig({ files: [proto], env: {} })).rejects.toMatchObject({ code: 'CONFIG_INVALID', file: proto });
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('is built from the builder config and fails start() with CONFIG_INVALID for a bad file', async () => {
    const bad = await tempFile('bad.json', '{ nope');
    const app = quietBuilder({ configFiles: [bad] }).build();
    await expect(app.start()).rejects.toMatchObject({ code: 'CONFIG_INVALID', message: expect.stringContaining(bad) });
    const good = quietBuilder({ config: { port: 7007 } }).build();
    await good.start();
    expect(good.get(coreServices.rootConfig).getNumber('port')).toBe(7007);
    await good.stop();
  });
});

describe('secrets in config', () => {
  it('recognises secret-looking keys', async () => {
    const { isSecretKey, redactConfig } = await import('../../src/services/config/index.js');
    for (const name of [
      'password',
      'dbPassword',
      'token',
      'GITHUB_TOKEN',
      'secret',
      'clientSecret',
      'apiKey',
      'api_key',
      'privateKey',
      'key',
      'signing-key',
    ]) {
      expect([name, isSecretKey(name)]).toEqual([name, true]);
    }
    for (const name of ['keys', 'monkey', 'keyboard', 'url', 'host', 'items_per_minute']) {
      expect([name, isSecretKey(name)]).toEqual([name, false]);
    }
    expect(redactConfig({ db: { url: 'pg://x', password: 'hunter2' }, list: [{ token: 't' }] })).toEqual({
      db: { url: 'pg://x', password: '[redacted]' },
      list: [{ token: '[redacted]' }],
    });
  });

  it('never logs secret values, even in its own debug line or in a type error', async () => {
    const { captureLogs } = await import('../operations/log-capture.js');
    const { logger, lines } = captureLogs();
    const app = quietBuilder({ logger, config: { db: { url: 'pg://x', password: 'hunter2', port: { apiKey: 'abc123' } } } }).build();
    await app.start();
    const config = app.get(coreServices.rootConfig);
    expect(caught(() => config.getString('db.port')).message).not.toContain('abc123');
    const typeError = caught(() => config.getNumber('db.password'));
    expect(typeError.code).toBe('CONFIG_TYPE');
    expect(typeError.message).not.toContain('hunter2');
    await app.stop();
    const text = JSON.stringify(lines);
    expect(text).toContain('config loaded');
    expect(text).toContain('pg://x');
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain('abc123');
  });
});
