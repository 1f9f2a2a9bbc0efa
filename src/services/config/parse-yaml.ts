import { Composer, isAlias, isMap, isScalar, isSeq, Lexer, LineCounter, Parser, type Document, type CST } from 'yaml';
import { plugboardError, type InvalidConfig, type PlugboardError } from '../../errors/index.js';
import { CONFIG_LIMITS } from './limits.js';

// The CST parser's stack holds the document, each open collection and the scalar being read: a
// couple of entries more than the data's nesting. Past this the data is certainly too deep; the
// exact depth is checked on the parsed data (aliases can nest deeper than the text does).
const PARSER_STACK_BOUND = CONFIG_LIMITS.maxDepth + 8;

/**
 * Parses one YAML document in time linear in its size.
 *
 * The `yaml` package's default duplicate-key check compares each new key with every earlier key
 * of its mapping (quadratic: 40 000 keys took 12 s); it is turned off and done here with a set.
 * Its composer recurses once per nesting level, so the CST is built first (iteratively) and
 * refused once it nests deeper than the depth limit, before the composer sees it.
 *
 * @throws PlugboardError `CONFIG_INVALID` naming the file and line.
 */
export function parseYaml(text: string, file: string): unknown {
  const lines = new LineCounter();
  const tokens = parseTokens(text, file, lines);
  const documents: Document.Parsed[] = [...new Composer({ uniqueKeys: false }).compose(tokens, true, text.length)];
  if (documents.length !== 1) {
    throw invalid({ reason: 'documents', file, line: lines.linePos(documents[1]?.range[0] ?? 0).line });
  }
  const document = documents[0]!;
  const error = document.errors[0];
  if (error !== undefined) throw invalid({ reason: 'syntax', format: 'YAML', file, line: lines.linePos(error.pos[0]).line, cause: error });
  checkKeys(document, file, lines);
  try {
    return document.toJS();
  } catch (cause) {
    // Excessive aliasing (an entity-expansion attack) or an alias that cannot be resolved.
    throw invalid({ reason: 'unresolvable', file, cause });
  }
}

function parseTokens(text: string, file: string, lines: LineCounter): CST.Token[] {
  const parser = new Parser(lines.addNewLine);
  lines.addNewLine(0);
  const tokens: CST.Token[] = [];
  for (const lexeme of new Lexer().lex(text, false)) {
    for (const token of parser.next(lexeme)) tokens.push(token);
    if (parser.stack.length > PARSER_STACK_BOUND) {
      throw invalid({ reason: 'too-deep', file, line: lines.linePos(parser.offset).line, max: CONFIG_LIMITS.maxDepth });
    }
  }
  for (const token of parser.end()) tokens.push(token);
  return tokens;
}

/**
 * Refuses a key repeated in one mapping (the last one would silently win), and keys that are
 * lists or mappings (they have no dotted name). Keys compare as they become JS keys: `1` and
 * `"1"` are the same key.
 */
function checkKeys(document: Document.Parsed, file: string, lines: LineCounter): void {
  const pending: unknown[] = [document.contents];
  while (pending.length > 0) {
    const node = pending.pop();
    if (isSeq(node)) {
      for (const item of node.items) pending.push(item);
    } else if (isMap(node)) {
      const seen = new Set<string>();
      for (const pair of node.items) {
        const key = isAlias(pair.key) ? pair.key.resolve(document) : pair.key;
        const position = positionOf(pair.key) ?? positionOf(pair.value);
        const line = position === undefined ? undefined : lines.linePos(position).line;
        if (key !== null && key !== undefined && !isScalar(key)) {
          throw invalid({ reason: 'key-not-name', file, ...(line === undefined ? {} : { line }) });
        }
        const name = keyName(key?.value);
        if (seen.has(name)) throw invalid({ reason: 'repeated-key', name, file, ...(line === undefined ? {} : { line }) });
        seen.add(name);
        pending.push(pair.value);
      }
    }
  }
}

/** A scalar key as the JS key it becomes (what `toJS` does): null is '', others are String()ed. */
function keyName(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
    case 'boolean':
    case 'bigint':
      return String(value);
    default:
      // null (`~` or an empty key) becomes ''; scalars hold nothing else.
      return value === null || value === undefined ? '' : `[${typeof value}]`;
  }
}

function positionOf(node: unknown): number | undefined {
  const range = (node as { range?: readonly number[] } | null | undefined)?.range;
  return range?.[0];
}

function invalid(data: InvalidConfig): PlugboardError {
  return plugboardError('CONFIG_INVALID', data, data.cause === undefined ? {} : { cause: data.cause });
}
