/**
 * The error catalogue stays complete and true: every code of the PlugboardErrorCode union is
 * documented in docs/errors.md, appears in at least one test under test/ (as a quoted string:
 * something asserts it), and is raised somewhere in src/; docs/errors.md documents no code that
 * does not exist; and each example message in docs/errors.md is what that code's builder really
 * says for its example data. Each check lists every code that fails it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { catalogue } from '../src/errors/catalogue.js';
import { messageOf, type PlugboardErrorCode } from '../src/errors/index.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const read = (path: string): string => readFileSync(join(root, path), 'utf8');
const self = relative(root, fileURLToPath(import.meta.url));

/** Every code of the PlugboardErrorCode union, comments stripped. */
function unionCodes(): string[] {
  const source = read('src/errors/plugboard-error.ts');
  const start = source.indexOf('export type PlugboardErrorCode');
  const union = source.slice(start, source.indexOf(';', start)).replace(/\/\/.*$/gm, '');
  return [...union.matchAll(/'([A-Z][A-Z_]*)'/g)].map((m) => m[1]!);
}

/** Source files under `dir` (fixtures excluded: they are inputs, not assertions). */
function sources(dir: string, extensions: readonly string[]): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'fixtures' || entry.name === 'node_modules' ? [] : sources(path, extensions);
    return extensions.some((ext) => entry.name.endsWith(ext)) ? [path] : [];
  });
}

/** The example message column of docs/errors.md, by code (backticks removed). */
function documentedExamples(): Map<string, string> {
  const examples = new Map<string, string>();
  for (const line of read('docs/errors.md').split('\n')) {
    const cells = line.split('|').map((cell) => cell.trim());
    const code = /^`([A-Z][A-Z_]*)`$/.exec(cells[1] ?? '')?.[1];
    if (code === undefined || examples.has(code)) continue;
    const example = cells[3]?.replace(/^`|`$/g, '');
    if (example) examples.set(code, example);
  }
  return examples;
}

const quoted = (code: string): RegExp => new RegExp(`['"\`]${code}['"\`]`);

describe('the error catalogue', () => {
  const codes = unionCodes();

  it('reads the codes of the union (sanity)', () => {
    expect(codes.length).toBeGreaterThan(30);
    expect(codes).toContain('INVALID_WIRING');
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('has one message builder per code, and no builder for a code that does not exist', () => {
    expect(Object.keys(catalogue).sort()).toEqual([...codes].sort());
  });

  it('documents every code in docs/errors.md', () => {
    const docs = read('docs/errors.md');
    expect(codes.filter((code) => !docs.includes(`\`${code}\``))).toEqual([]);
  });

  it('documents no code that does not exist', () => {
    const documented = [...read('docs/errors.md').matchAll(/^\|\s*`([A-Z][A-Z_]*)`/gm)].map((m) => m[1]!);
    expect(documented.filter((code) => !codes.includes(code))).toEqual([]);
  });

  it('shows, for each code, an example message its builder really produces (… marks what the table leaves out)', () => {
    const wrong: string[] = [];
    for (const [code, example] of documentedExamples()) {
      const spec = catalogue[code as PlugboardErrorCode];
      const actual = messageOf(code as PlugboardErrorCode, spec.example as never);
      let from = 0;
      for (const fragment of example
        .split('…')
        .map((part) => part.trim())
        .filter((part) => part !== '')) {
        const at = actual.indexOf(fragment, from);
        if (at < 0) {
          wrong.push(`${code}: docs say "${example}", the builder says "${actual}"`);
          break;
        }
        from = at + fragment.length;
      }
    }
    expect(wrong).toEqual([]);
    expect(documentedExamples().size).toBeGreaterThan(30);
  });

  it('exercises every code in at least one test under test/', () => {
    const tests = sources('test', ['.ts', '.mjs'])
      .filter((path) => path !== self)
      .map(read)
      .join('\n');
    expect(codes.filter((code) => !quoted(code).test(tests))).toEqual([]);
  });

  it('raises every code somewhere in src/ (outside the catalogue of messages)', () => {
    const src = sources('src', ['.ts'])
      .filter((path) => !path.startsWith(join('src', 'errors')))
      .map(read)
      .join('\n');
    expect(codes.filter((code) => !quoted(code).test(src))).toEqual([]);
  });
});
