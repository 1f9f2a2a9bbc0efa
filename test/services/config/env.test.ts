// `${VAR}` substitution: an unset variable is CONFIG_MISSING (13.15), and a value substituted
// from the environment is read as the number or boolean it spells (15.6), while a literal string
// written in a file stays strictly a string.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ContainerBuilder, type ConfigService, type PlugboardError } from 'plugboard';
import { loadConfig } from '../../../src/services/config/index.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'plugboard-env-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function configFile(name: string, text: string): Promise<string> {
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

async function load(yaml: string, env: Record<string, string>): Promise<{ config: ConfigService; file: string }> {
  const file = await configFile(`app-${Math.random().toString(36).slice(2)}.yaml`, yaml);
  return { config: await loadConfig({ files: [file], env }), file };
}

describe('an unset ${VAR}', () => {
  it('is CONFIG_MISSING naming the variable, the key and the file', async () => {
    const file = await configFile('unset.yaml', 'db:\n  password: ${DB_PASSWORD_FOR_TEST}\n');
    const error = (await loadConfig({ files: [file], env: {} }).catch((e: unknown) => e)) as PlugboardError;
    expect(error).toMatchObject({ code: 'CONFIG_MISSING', key: 'db.password', file });
    expect(error.message).toContain('DB_PASSWORD_FOR_TEST');
    expect(error.message).toContain("'db.password'");
    expect(error.message).toContain(file);
  });

  it('reads only the variables themselves, never inherited properties (${constructor})', async () => {
    const file = await configFile('inherited.yaml', 'a: ${constructor}\nb: ${toString:-fallback}\n');
    await expect(loadConfig({ files: [file], env: {} })).rejects.toMatchObject({ code: 'CONFIG_MISSING', key: 'a' });
    const config = await loadConfig({ files: [file], env: { constructor: 'set' } });
    expect(config.getString('a')).toBe('set');
    expect(config.getString('b')).toBe('fallback');
  });

  it('[needs the lead: runtime keeps inner config codes] makes start() reject with CONFIG_MISSING, not INIT_FAILED', async () => {
    const file = await configFile('app-unset.yaml', 'port: ${PORT_UNSET_FOR_PLUGBOARD_TEST}\n');
    const app = new ContainerBuilder({ logger: { level: 'silent' }, configFiles: [file] }).build();
    const error = (await app.start().catch((e: unknown) => e)) as PlugboardError;
    expect(error.code).toBe('CONFIG_MISSING');
    expect(error.message).toContain('PORT_UNSET_FOR_PLUGBOARD_TEST');
  });
});

describe('values substituted from the environment', () => {
  it('are read as numbers and booleans when they spell one exactly', async () => {
    const { config } = await load(
      'app:\n  port: ${PORT}\n  debug: ${DEBUG}\n  quiet: ${QUIET}\n  ratio: ${RATIO}\n  fallback: ${UNSET_PORT:-8080}\n',
      {
        PORT: '7007',
        DEBUG: 'true',
        QUIET: 'false',
        RATIO: '-1.5e3',
      },
    );
    expect(config.getNumber('app.port')).toBe(7007);
    expect(config.getOptionalNumber('app.port')).toBe(7007);
    expect(config.getConfig('app').getNumber('port')).toBe(7007);
    expect(config.getBoolean('app.debug')).toBe(true);
    expect(config.getOptionalBoolean('app.quiet')).toBe(false);
    expect(config.getNumber('app.ratio')).toBe(-1500);
    expect(config.getNumber('app.fallback')).toBe(8080);
    // They stay strings for the string getters and get().
    expect(config.getString('app.port')).toBe('7007');
    expect(config.get('app.debug')).toBe('true');
  });

  it('from the builder config object too', async () => {
    const config = await loadConfig({ data: { port: '${PORT}' }, env: { PORT: '7007' } });
    expect(config.getNumber('port')).toBe(7007);
  });

  it.each([
    ['a word', 'abc'],
    ['spaces around', ' 7007'],
    ['hex', '0x1F'],
    ['Infinity', 'Infinity'],
    ['too large to be finite', '1e400'],
    ['empty', ''],
    ['two numbers', '1 2'],
  ])('are CONFIG_TYPE as a number when not exactly a finite decimal (%s)', async (_, value) => {
    const { config, file } = await load('port: ${PORT}\n', { PORT: value });
    const error = caught(() => config.getNumber('port'));
    expect(error).toMatchObject({ code: 'CONFIG_TYPE', key: 'port', file });
    expect(error.message).toContain('${PORT}');
    expect(error.message).toContain('Set PORT to a decimal number');
    expect(() => config.getOptionalNumber('port')).toThrow(expect.objectContaining({ code: 'CONFIG_TYPE' }));
  });

  it.each(['TRUE', 'yes', '1', 'on', ' true'])('are CONFIG_TYPE as a boolean unless exactly true or false (%s)', async (value) => {
    const { config } = await load('debug: ${DEBUG}\n', { DEBUG: value });
    const error = caught(() => config.getBoolean('debug'));
    expect(error).toMatchObject({ code: 'CONFIG_TYPE', key: 'debug' });
    expect(error.message).toContain('Set DEBUG to true or false');
  });

  it('count whenever a value used a substitution, and are read by what the whole value spells', async () => {
    const { config } = await load('port: "70${DIGITS}"\nurl: http://host:${PORT}\n', { DIGITS: '07', PORT: '7007' });
    expect(config.getNumber('port')).toBe(7007);
    expect(() => config.getNumber('url')).toThrow(expect.objectContaining({ code: 'CONFIG_TYPE' }));
  });

  it('${VAR:-} (an empty default) gives the empty string', async () => {
    const { config } = await load('name: ${NAME_UNSET:-}\nport: ${PORT_UNSET:-}\n', {});
    expect(config.getString('name')).toBe('');
    expect(config.get('name')).toBe('');
    // Empty is not a number: no silent 0.
    expect(() => config.getNumber('port')).toThrow(expect.objectContaining({ code: 'CONFIG_TYPE' }));
  });
});

describe('literal strings in a file stay strict', () => {
  it('a quoted number is CONFIG_TYPE for getNumber, telling to write it without quotes', async () => {
    const { config, file } = await load('port: "7007"\ndebug: "true"\n', {});
    const error = caught(() => config.getNumber('port'));
    expect(error).toMatchObject({ code: 'CONFIG_TYPE', key: 'port', file });
    expect(error.message).toContain(`Write it without quotes in ${file} (7007, not "7007")`);
    expect(() => config.getBoolean('debug')).toThrow(expect.objectContaining({ code: 'CONFIG_TYPE' }));
    expect(() => config.getOptionalNumber('port')).toThrow(expect.objectContaining({ code: 'CONFIG_TYPE' }));
  });

  it('an escaped $${PORT} is the literal text ${PORT}, not a substitution', async () => {
    const { config } = await load('port: $${PORT}\n', { PORT: '7007' });
    expect(config.getString('port')).toBe('${PORT}');
    expect(() => config.getNumber('port')).toThrow(expect.objectContaining({ code: 'CONFIG_TYPE' }));
  });

  it('a string in the builder config object is CONFIG_TYPE for getNumber', async () => {
    const config = await loadConfig({ data: { port: '7007' }, env: {} });
    const error = caught(() => config.getNumber('port'));
    expect(error).toMatchObject({ code: 'CONFIG_TYPE', key: 'port' });
    expect(error.message).toContain("Pass a number in the builder's config object");
  });

  it('a secret never shows in the message, even substituted', async () => {
    const { config } = await load('db:\n  password: ${DB_PASSWORD}\n  token: "12345"\n', { DB_PASSWORD: 'hunter2' });
    expect(caught(() => config.getNumber('db.password')).message).not.toContain('hunter2');
    expect(caught(() => config.getNumber('db.token')).message).not.toContain('12345');
  });
});

describe('substitution cost', () => {
  it('is linear: a long value full of unclosed ${A:- loads at once (a backtracking pattern took minutes)', async () => {
    const value = '${A:-'.repeat(100_000);
    const file = await configFile('unclosed.json', JSON.stringify({ a: value }));
    const started = process.cpuUsage();
    const config = await loadConfig({ files: [file], env: {} });
    const used = process.cpuUsage(started);
    expect(config.getString('a')).toBe(value);
    expect((used.user + used.system) / 1000).toBeLessThan(3000);
  });
});
