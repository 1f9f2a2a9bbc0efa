import { spec } from '../define.js';
import { describeThrown, describeValue } from '../describe-value.js';
import { LONGEST_TIMER_TEXT } from '../value-text.js';

export type MissingConfig =
  | { readonly reason: 'key'; readonly key: string }
  | { readonly reason: 'env'; readonly name: string; readonly key: string; readonly origin: string; readonly file?: string }
  | { readonly reason: 'bad-key'; readonly value: unknown; readonly view?: string };

export type ConfigTypeProblem =
  | {
      readonly reason: 'type';
      readonly key: string;
      readonly file?: string;
      /** Where the value came from: a file, or `config option` (the builder's object). */
      readonly source?: string;
      /** What the value is, in words: `a string`, `an object`, `a list`. */
      readonly actual: string;
      readonly expected: 'string' | 'number' | 'boolean' | 'object';
      /** The value as shown (secrets redacted). */
      readonly preview: string;
      /** The value written without quotes, when it was a quoted string (undefined for a secret). */
      readonly unquoted?: string;
      /** True when the value is a string written in quotes in a file. */
      readonly quoted: boolean;
      /** True when a number or boolean was read as a string. */
      readonly scalarAsString: boolean;
      /** The `${VAR}`s the value was substituted from (the fix is in the environment). */
      readonly variables: readonly string[];
    }
  | { readonly reason: 'setting'; readonly key: string; readonly expected: 'milliseconds' | 'policy'; readonly value: unknown };

/** Where a config problem is: a file (and line, or key), or the builder's config object. */
interface ConfigPlace {
  readonly file?: string;
  readonly line?: number;
  readonly key?: string;
  readonly cause?: unknown;
}

export type InvalidConfig = ConfigPlace &
  (
    | { readonly reason: 'unreadable' }
    | { readonly reason: 'syntax'; readonly format: 'JSON' | 'YAML' }
    | { readonly reason: 'not-mapping'; readonly holds?: string }
    | { readonly reason: 'not-a-file'; readonly kind: string }
    | { readonly reason: 'too-large'; readonly max: number }
    | { readonly reason: 'too-deep'; readonly max: number }
    | { readonly reason: 'too-many-entries'; readonly max: number }
    | { readonly reason: 'documents' }
    | { readonly reason: 'key-not-name' }
    | { readonly reason: 'repeated-key'; readonly name: string }
    | { readonly reason: 'unresolvable' }
    | { readonly reason: 'proto-key' }
    | { readonly reason: 'not-data'; readonly kind: string }
    | { readonly reason: 'cycle'; readonly to: string }
    | { readonly reason: 'config-files'; readonly value: unknown }
    | { readonly reason: 'config-file-path'; readonly value: unknown }
  );

const article = (kind: string): string => (kind === 'object' ? `an ${kind}` : `a ${kind}`);

function typeMessage(data: Extract<ConfigTypeProblem, { reason: 'type' }>): string {
  const { key, source, expected, preview } = data;
  const from = source === undefined ? '' : ` (from ${source})`;
  const wanted = article(expected);
  const where = source === 'config option' ? "the builder's config object" : (source ?? 'the config');
  let problem: string;
  let fix: string;
  if (data.variables.length > 0) {
    problem = `is the string ${preview}, substituted from ${data.variables.map((name) => `\${${name}}`).join(', ')}`;
    fix =
      expected === 'number' || expected === 'boolean'
        ? `Set ${data.variables.join(', ')} to ${expected === 'number' ? 'a decimal number such as 7007' : 'true or false'}.`
        : `Write ${wanted} there in ${source}.`;
  } else if (data.quoted) {
    problem = `is the string ${preview}`;
    fix =
      source === 'config option'
        ? `Pass ${wanted} in the builder's config object, not a string.`
        : `Write it without quotes in ${source ?? 'the config'}${data.unquoted === undefined ? '' : ` (${data.unquoted}, not ${preview})`}: a quoted value is a string.`;
  } else {
    problem = `is ${data.actual} (${preview})`;
    fix = data.scalarAsString
      ? `Quote it in ${where} if it is meant as text, or read it with the getter of its type.`
      : `Fix the value in ${where}.`;
  }
  return `Config key '${key}'${from} ${problem}, but ${wanted} was expected. ${fix}`;
}

function invalidPhrase(data: InvalidConfig): string {
  switch (data.reason) {
    case 'unreadable':
      return `cannot be read: ${describeThrown(data.cause)}. Check the path (configFiles or PLUGBOARD_CONFIG)`;
    case 'syntax':
      return `is not valid ${data.format}: ${describeThrown(data.cause)}`;
    case 'not-mapping':
      return `must hold an object (key: value) at the top level${data.holds === undefined ? '' : `, but holds ${data.holds}`}`;
    case 'not-a-file':
      return (
        `is ${data.kind}, not a regular file. plugboard reads config only from regular files (reading a pipe or a device ` +
        `can block forever). Point configFiles or PLUGBOARD_CONFIG at a file`
      );
    case 'too-large':
      return (
        `is larger than the limit of ${data.max} bytes (${data.max / 1024} KiB). A config this large is almost certainly not a ` +
        `config: split data out of it, or load it in your own code`
      );
    case 'too-deep':
      return `nests deeper than the limit of ${data.max} levels of objects and lists`;
    case 'too-many-entries':
      return `brings the count of keys and list items above the limit of ${data.max}. A config this large is almost certainly not a config: keep data out of it`;
    case 'documents':
      return 'holds more than one YAML document (---): use one file per document';
    case 'key-not-name':
      return 'has a key that is a list or a mapping: config keys are names (strings)';
    case 'repeated-key':
      return `repeats the key ${describeValue(data.name)} in one mapping: keep one`;
    case 'unresolvable':
      return `cannot be read as data: ${describeThrown(data.cause)}`;
    case 'proto-key':
      return 'is named __proto__, which a config key cannot be (it could reach object prototypes)';
    case 'not-data':
      return (
        `is ${data.kind}: config data is strings, numbers, booleans, null, lists and plain objects. Pass the value itself to ` +
        'your code some other way (a service), or turn it into data'
      );
    case 'cycle':
      return `refers back to ${data.to === '' ? 'the top level' : `'${data.to}'`} (a cycle): config data must be a tree`;
    case 'config-files':
      return `are given as a list of paths (configFiles), got ${describeValue(data.value)}`;
    case 'config-file-path':
      return `are non-empty strings, got ${describeValue(data.value)}`;
  }
}

function invalidPlace(data: InvalidConfig): string {
  if (data.reason === 'config-files') return 'Config files';
  if (data.reason === 'config-file-path') return 'Config file paths (configFiles)';
  const where = data.file === undefined ? "The builder's config object" : `Config file ${data.file}`;
  if (data.line !== undefined) return `${where} line ${data.line}`;
  if (data.key === undefined || data.key === '') return where;
  // A key can be 64 levels of long names: the message shows its ends, the error's `key` all of it.
  const shown = data.key.length > 200 ? `${data.key.slice(0, 80)}...${data.key.slice(-80)}` : data.key;
  return `${where} at key '${shown}'`;
}

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
          return `Config keys are non-empty dotted strings such as 'db.url', got ${describeValue(data.value)}${data.view === undefined || data.view === '' ? '' : ` (in the view of '${data.view}')`}.`;
      }
    },
    example: { reason: 'key', key: 'db.password' },
  }),

  CONFIG_TYPE: spec({
    message: (data: ConfigTypeProblem): string => {
      if (data.reason === 'type') return typeMessage(data);
      return data.expected === 'milliseconds'
        ? `Config key '${data.key}' must be a positive number of milliseconds up to ${LONGEST_TIMER_TEXT}, got ${describeValue(data.value)}.`
        : `Config key '${data.key}' must be 'abort' or 'continue', got ${describeValue(data.value)}.`;
    },
    example: {
      reason: 'type',
      key: 'db.pool.max',
      source: 'override.json',
      file: 'override.json',
      actual: 'a string',
      expected: 'number',
      preview: '"ten"',
      quoted: false,
      scalarAsString: false,
      variables: [],
    },
  }),

  CONFIG_INVALID: spec({
    message: (data: InvalidConfig): string => `${invalidPlace(data)} ${invalidPhrase(data)}.`,
    example: { reason: 'syntax', file: 'bad.yaml', line: 2, format: 'YAML', cause: new Error('Nested mappings are not allowed') },
  }),
};
