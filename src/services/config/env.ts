import { PlugboardError } from '../../errors/index.js';
import { isPlainObject } from './merge.js';

const PATTERN = /\$(\$?)\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;

/**
 * Replaces `${VAR}` and `${VAR:-default}` inside string values; `$${...}` stays a literal `${...}`.
 * An unset variable without default is `CONFIG_MISSING` naming the variable, key and file.
 */
export function substituteEnv(value: unknown, env: Readonly<Record<string, string | undefined>>, origin: string, key = ''): unknown {
  if (typeof value === 'string') {
    return value.replace(PATTERN, (match, escape: string, name: string, fallback: string | undefined) => {
      if (escape) return match.slice(1);
      const found = env[name];
      if (found !== undefined) return found;
      if (fallback !== undefined) return fallback;
      throw new PlugboardError(
        'CONFIG_MISSING',
        `Environment variable ${name} is not set, but config key '${key}' in ${origin} uses \${${name}}. ` +
          `Set it, or give a default with \${${name}:-value}.`,
        { key, ...(origin === 'config option' ? {} : { file: origin }) },
      );
    });
  }
  if (Array.isArray(value)) return value.map((item, index) => substituteEnv(item, env, origin, `${key}[${index}]`));
  if (isPlainObject(value)) {
    const result: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) result[k] = substituteEnv(v, env, origin, key === '' ? k : `${key}.${k}`);
    return result;
  }
  return value;
}
