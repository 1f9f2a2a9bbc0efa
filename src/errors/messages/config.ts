import { spec } from '../define.js';
import { describeThrown, describeValue } from '../describe-value.js';

export type MissingConfig =
  | { readonly reason: 'key'; readonly key: string }
  | { readonly reason: 'env'; readonly name: string; readonly key: string; readonly origin: string; readonly file?: string }
  | { readonly reason: 'bad-key'; readonly value: unknown };

export type ConfigTypeProblem =
  | {
      readonly reason: 'type';
      readonly key: string;
      readonly file?: string;
      readonly source?: string;
      readonly actual: string;
      readonly expected: string;
      readonly preview: string;
      /** Set when the value came from `${VAR}` substitution (the fix is in the environment). */
      readonly variable?: string;
    }
  | { readonly reason: 'setting'; readonly key: string; readonly expected: 'milliseconds' | 'policy'; readonly value: unknown };

export type InvalidConfig =
  | { readonly reason: 'unreadable'; readonly file: string; readonly cause: unknown }
  | { readonly reason: 'syntax'; readonly file: string; readonly line?: number; readonly format: 'JSON' | 'YAML'; readonly cause: unknown }
  | { readonly reason: 'not-mapping'; readonly file: string }
  | { readonly reason: 'not-a-file'; readonly file: string; readonly kind: string }
  | { readonly reason: 'limit'; readonly file?: string; readonly limit: string; readonly max: number; readonly found?: number };

const article = (kind: string): string => (kind === 'object' || kind === 'array' ? `an ${kind}` : `a ${kind}`);

export const configMessages = {
  CONFIG_MISSING: spec({
    message: (data: MissingConfig): string => {
      switch (data.reason) {
        case 'key':
          return `Config key '${data.key}' is missing. Add it to the config object passed to ContainerBuilder, or to a config file (configFiles or PLUGBOARD_CONFIG).`;
        case 'env':
          return (
            `Environment variable ${data.name} is not set, but config key '${data.key}' in ${data.origin} uses \${${data.name}}. ` +
            `Set it, or give a default with \${${data.name}:-value}.`
          );
        case 'bad-key':
          return `Config keys are non-empty dotted strings such as 'db.url', got ${describeValue(data.value)}.`;
      }
    },
    example: { reason: 'key', key: 'db.password' },
  }),

  CONFIG_TYPE: spec({
    message: (data: ConfigTypeProblem): string => {
      if (data.reason === 'setting') {
        return data.expected === 'milliseconds'
          ? `Config key '${data.key}' must be a positive number of milliseconds, got ${describeValue(data.value)}.`
          : `Config key '${data.key}' must be 'abort' or 'continue', got ${describeValue(data.value)}.`;
      }
      const from = data.source === undefined ? '' : ` (from ${data.source})`;
      const fix =
        data.variable === undefined
          ? 'Fix the value in the config.'
          : `It comes from environment variable ${data.variable}: set it to ${article(data.expected)}.`;
      return `Config key '${data.key}'${from} is ${article(data.actual)} (${data.preview}), but ${article(data.expected)} was expected. ${fix}`;
    },
    example: {
      reason: 'type',
      key: 'db.pool.max',
      source: 'override.json',
      file: 'override.json',
      actual: 'string',
      expected: 'number',
      preview: '"ten"',
    },
  }),

  CONFIG_INVALID: spec({
    message: (data: InvalidConfig): string => {
      switch (data.reason) {
        case 'unreadable':
          return `Config file ${data.file} cannot be read: ${describeThrown(data.cause)}. Check the path (configFiles or PLUGBOARD_CONFIG).`;
        case 'syntax':
          return `Config file ${data.file}${data.line === undefined ? '' : ` line ${data.line}`} is not valid ${data.format}: ${describeThrown(data.cause)}`;
        case 'not-mapping':
          return `Config file ${data.file} must hold a mapping (key: value) at the top level.`;
        case 'not-a-file':
          return `Config path ${data.file} is ${data.kind}, not a regular file; plugboard reads config from regular files only.`;
        case 'limit':
          return (
            `Config${data.file === undefined ? '' : ` file ${data.file}`} is over the ${data.limit} limit (${data.max}` +
            `${data.found === undefined ? '' : `; found ${data.found}`}). See docs/configuration.md, "Limits".`
          );
      }
    },
    example: {
      reason: 'syntax',
      file: 'bad.yaml',
      line: 2,
      format: 'YAML',
      cause: new Error('Nested mappings are not allowed'),
    },
  }),
};
