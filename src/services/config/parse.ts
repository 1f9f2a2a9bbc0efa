import { extname } from 'node:path';
import { plugboardError } from '../../errors/index.js';

/**
 * The data in a config file's text: JSON for `.json`, YAML otherwise. An empty file is `{}`.
 *
 * @throws PlugboardError `CONFIG_INVALID` naming the file (and the line, when known).
 */
export async function parseConfigText(file: string, text: string): Promise<unknown> {
  if (extname(file).toLowerCase() !== '.json') {
    // yaml is loaded only when a YAML file is read: importing plugboard stays cheap.
    const { parseYaml } = await import('./parse-yaml.js');
    return parseYaml(text, file);
  }
  try {
    // V8's JSON.parse is iterative: any nesting parses, and the depth limit is checked after.
    return JSON.parse(text) as unknown;
  } catch (error) {
    const line = jsonLine(error, text);
    throw plugboardError(
      'CONFIG_INVALID',
      { reason: 'syntax', format: 'JSON', file, ...(line === undefined ? {} : { line }), cause: error },
      { cause: error },
    );
  }
}

function jsonLine(error: unknown, text: string): number | undefined {
  const message = error instanceof Error ? error.message : '';
  const line = /\(line (\d+)/.exec(message);
  if (line) return Number(line[1]);
  const position = /position (\d+)/.exec(message);
  if (position) return text.slice(0, Number(position[1])).split('\n').length;
  return undefined;
}
