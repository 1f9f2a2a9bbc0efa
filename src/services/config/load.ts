import { readFile } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { PlugboardError, describeThrown } from '../../errors/index.js';
import { ConfigReader } from './config-reader.js';
import type { ConfigService } from './config-service.js';
import { substituteEnv } from './env.js';
import { deepFreeze, isPlainObject, mergeInto } from './merge.js';

/** Options of {@link loadConfig}. */
export interface LoadConfigOptions {
  /** The builder's `config` object: the first source. */
  readonly data?: Readonly<Record<string, unknown>>;
  /** Config files merged in order; defaults to `PLUGBOARD_CONFIG` (comma-separated). */
  readonly files?: readonly string[];
  /** Environment for `${VAR}` substitution; defaults to `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/**
 * Builds the app config: the `data` object, then each file (YAML or JSON) over it, with
 * `${VAR}` substitution in string values. The result is deep-frozen.
 *
 * @throws PlugboardError `CONFIG_INVALID` for an unreadable or malformed file, `CONFIG_MISSING` for an unset variable.
 */
export async function loadConfig(options: LoadConfigOptions = {}): Promise<ConfigService> {
  const env = options.env ?? process.env;
  const files =
    options.files ??
    (env['PLUGBOARD_CONFIG'] ?? '')
      .split(',')
      .map((file) => file.trim())
      .filter((file) => file !== '');
  const sources = new Map<string, string>();
  const data = Object.create(null) as Record<string, unknown>;
  if (options.data !== undefined) {
    mergeInto(data, substituteEnv(options.data, env, 'config option') as Record<string, unknown>, 'config option', sources);
  }
  for (const file of files) {
    const parsed = await readConfigFile(file);
    mergeInto(data, substituteEnv(parsed, env, file) as Record<string, unknown>, file, sources);
  }
  return new ConfigReader(deepFreeze(data), sources);
}

/** A synchronous config view over a plain object: no files, no substitution. */
export function createConfigView(data: Readonly<Record<string, unknown>>): ConfigService {
  const sources = new Map<string, string>();
  return new ConfigReader(deepFreeze(mergeInto(Object.create(null) as Record<string, unknown>, data, 'config option', sources)), sources);
}

async function readConfigFile(file: string): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await readFile(resolve(file), 'utf8');
  } catch (error) {
    throw new PlugboardError(
      'CONFIG_INVALID',
      `Config file ${file} cannot be read: ${describeThrown(error)}. Check the path (configFiles or PLUGBOARD_CONFIG).`,
      {
        file,
        cause: error,
      },
    );
  }
  let parsed: unknown;
  try {
    // yaml is loaded only when a YAML file is read: importing plugboard stays cheap.
    parsed = extname(file).toLowerCase() === '.json' ? JSON.parse(text) : (await import('yaml')).parse(text);
  } catch (error) {
    const line = lineOf(error, text);
    throw new PlugboardError(
      'CONFIG_INVALID',
      `Config file ${file}${line === undefined ? '' : ` line ${line}`} is not valid ${extname(file).toLowerCase() === '.json' ? 'JSON' : 'YAML'}: ${describeThrown(error)}`,
      { file, cause: error },
    );
  }
  if (parsed === null || parsed === undefined) return {};
  if (!isPlainObject(parsed)) {
    throw new PlugboardError('CONFIG_INVALID', `Config file ${file} must hold a mapping (key: value) at the top level.`, { file });
  }
  return parsed;
}

function lineOf(error: unknown, text: string): number | undefined {
  const yamlLine = (error as { linePos?: Array<{ line?: number }> } | null)?.linePos?.[0]?.line;
  if (yamlLine !== undefined) return yamlLine;
  const position = /position (\d+)/.exec(error instanceof Error ? error.message : '');
  if (position) return text.slice(0, Number(position[1])).split('\n').length;
  const line = /line (\d+)/.exec(error instanceof Error ? error.message : '');
  return line ? Number(line[1]) : undefined;
}
