import { plugboardError } from '../../errors/index.js';
import { ConfigReader } from './config-reader.js';
import type { ConfigService } from './config-service.js';
import type { ConfigEnv } from './env.js';
import { mergeSource, type MergeTarget } from './merge.js';
import { parseConfigText } from './parse.js';
import { readConfigText } from './read-file.js';
import { freezeTree, newConfigObject, type Origin } from './tree.js';

/** Options of {@link loadConfig}. */
export interface LoadConfigOptions {
  /** The builder's `config` object: the first source. */
  readonly data?: Readonly<Record<string, unknown>>;
  /** Config files merged in order; defaults to `PLUGBOARD_CONFIG` (comma-separated). */
  readonly files?: readonly string[];
  /** Environment for `${VAR}` substitution; defaults to `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

const CONFIG_OPTION = 'config option';

/**
 * Builds the app config: the `data` object, then each file (YAML or JSON) over it, with
 * `${VAR}` substitution in string values. The result is frozen; see CONFIG_LIMITS for the bounds.
 *
 * @throws PlugboardError `CONFIG_INVALID` for an unreadable, malformed or oversized file (or
 * `data`), `CONFIG_MISSING` for an unset variable.
 */
export async function loadConfig(options: LoadConfigOptions = {}): Promise<ConfigService> {
  const env: ConfigEnv = options.env ?? process.env;
  const files = configFiles(options.files, env);
  const target: MergeTarget = { root: newConfigObject(), origins: new WeakMap<object, Map<string, Origin>>() };
  if (options.data !== undefined) mergeSource(target, { data: options.data, origin: CONFIG_OPTION, env });
  for (const file of files) {
    const parsed = await parseConfigText(file, await readConfigText(file));
    // An empty YAML file (or one holding only comments) is an empty config.
    mergeSource(target, { data: parsed ?? {}, origin: file, env });
  }
  freezeTree(target.root);
  return new ConfigReader({ root: target.root, origins: target.origins, files: Object.freeze([...files]) });
}

/** A synchronous config view over a plain object: no files, no substitution. Same limits. */
export function createConfigView(data: Readonly<Record<string, unknown>>): ConfigService {
  const target: MergeTarget = { root: newConfigObject(), origins: new WeakMap<object, Map<string, Origin>>() };
  mergeSource(target, { data, origin: CONFIG_OPTION });
  freezeTree(target.root);
  return new ConfigReader({ root: target.root, origins: target.origins, files: Object.freeze([]) });
}

function configFiles(files: unknown, env: ConfigEnv): readonly string[] {
  if (files === undefined) {
    return (env['PLUGBOARD_CONFIG'] ?? '')
      .split(',')
      .map((file) => file.trim())
      .filter((file) => file !== '');
  }
  if (!Array.isArray(files)) {
    throw plugboardError('CONFIG_INVALID', { reason: 'config-files', value: files });
  }
  const bad = files.findIndex((file) => typeof file !== 'string' || file === '');
  if (bad !== -1) {
    throw plugboardError('CONFIG_INVALID', { reason: 'config-file-path', value: files[bad] });
  }
  return files as readonly string[];
}
