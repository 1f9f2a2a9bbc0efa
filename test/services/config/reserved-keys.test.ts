// Keys named like Object.prototype's members (13.17): `constructor` and `prototype` are valid
// plugin ids, so config keeps them as ordinary keys; `__proto__` is refused and nothing pollutes.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onInit, Plugin, type PlugboardError } from 'plugboard';
import { mockServices } from 'plugboard/testing';
import { createConfigView, loadConfig } from '../../../src/services/config/index.js';
import { quietBuilder } from '../../support.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'plugboard-keys-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function configFile(name: string, text: string): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, text);
  return file;
}

const overrides = {
  plugins: {
    constructor: { onPluginBootFailure: 'continue', retries: 3, debug: true },
    prototype: { onPluginBootFailure: 'abort' },
    toString: { name: 'plain' },
  },
};

describe('config keys named constructor, prototype, toString', () => {
  it.each([
    ['a YAML file', 'yaml'],
    ['a JSON file', 'json'],
    ['the builder config object', 'data'],
  ])('are kept and readable by every getter, from %s', async (_, kind) => {
    const config =
      kind === 'data'
        ? await loadConfig({ data: overrides, env: {} })
        : await loadConfig({
            files: [
              await configFile(
                `keys.${kind}`,
                kind === 'json'
                  ? JSON.stringify(overrides)
                  : 'plugins:\n  constructor:\n    onPluginBootFailure: continue\n    retries: 3\n    debug: true\n  prototype:\n    onPluginBootFailure: abort\n  toString:\n    name: plain\n',
              ),
            ],
            env: {},
          });
    expect(config.getConfig('plugins').keys()).toEqual(['constructor', 'prototype', 'toString']);
    expect(config.has('plugins.constructor')).toBe(true);
    expect(config.getString('plugins.constructor.onPluginBootFailure')).toBe('continue');
    expect(config.getOptionalString('plugins.prototype.onPluginBootFailure')).toBe('abort');
    expect(config.getNumber('plugins.constructor.retries')).toBe(3);
    expect(config.getOptionalNumber('plugins.constructor.retries')).toBe(3);
    expect(config.getBoolean('plugins.constructor.debug')).toBe(true);
    expect(config.getOptionalBoolean('plugins.constructor.debug')).toBe(true);
    expect(config.get('plugins.constructor')).toEqual({ onPluginBootFailure: 'continue', retries: 3, debug: true });
    expect(config.getOptional('plugins.toString.name')).toBe('plain');
    expect(config.getConfig('plugins.constructor').keys()).toEqual(['onPluginBootFailure', 'retries', 'debug']);
    expect(config.getOptionalConfig('plugins.prototype')?.getString('onPluginBootFailure')).toBe('abort');
    expect(config.getConfig('plugins').getConfig('constructor').getNumber('retries')).toBe(3);
  });

  it('are absent where the config does not have them (never inherited from Object.prototype)', () => {
    const config = createConfigView({ plugins: { a: 1 } });
    for (const key of [
      'constructor',
      'plugins.constructor',
      'plugins.toString',
      'plugins.hasOwnProperty',
      'plugins.__proto__',
      '__proto__',
    ]) {
      expect([key, config.has(key)]).toEqual([key, false]);
      expect([key, config.getOptional(key)]).toEqual([key, undefined]);
      expect(() => config.get(key)).toThrow(expect.objectContaining({ code: 'CONFIG_MISSING' }));
    }
    expect(config.getOptionalConfig('plugins.constructor')).toBeUndefined();
  });

  it('per-plugin overrides apply to a plugin whose id is constructor (end to end)', async () => {
    @Plugin({ id: 'constructor' })
    class Failing {
      @onInit()
      init(): void {
        throw new Error('boom');
      }
    }
    const app = quietBuilder({ config: { plugboard: { startup: { plugins: { constructor: { onPluginBootFailure: 'continue' } } } } } })
      .add(Failing)
      .build();
    // The global policy is abort: only the plugin's own entry lets the start go on.
    await app.start();
    await app.stop();
  });
});

describe('a key named __proto__', () => {
  it('in a JSON file is CONFIG_INVALID naming the file and key, and pollutes nothing', async () => {
    const file = await configFile('evil.json', '{"a": {"b": 1, "__proto__": {"polluted": true}}}');
    const error = (await loadConfig({ files: [file], env: {} }).catch((e: unknown) => e)) as PlugboardError;
    expect(error).toMatchObject({ code: 'CONFIG_INVALID', file, key: 'a.__proto__' });
    expect(error.message).toContain('__proto__');
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('in a YAML file is CONFIG_INVALID too', async () => {
    const file = await configFile('evil.yaml', '__proto__:\n  polluted: true\n');
    await expect(loadConfig({ files: [file], env: {} })).rejects.toMatchObject({ code: 'CONFIG_INVALID', file, key: '__proto__' });
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('as an own key of the builder object (JSON.parse makes one) is CONFIG_INVALID, for mocks too', () => {
    const data = JSON.parse('{"__proto__": {"polluted": true}}') as Record<string, unknown>;
    expect(() => createConfigView(data)).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID', key: '__proto__' }));
    expect(() => mockServices.rootConfig({ data })).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('written as a literal in code (which sets a prototype) is refused as not plain data', () => {
    expect(() => createConfigView({ a: { __proto__: { polluted: true } } })).toThrow(
      expect.objectContaining({ code: 'CONFIG_INVALID', key: 'a' }),
    );
  });
});
