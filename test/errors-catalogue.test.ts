/**
 * The error catalogue stays complete: every code of the PlugboardErrorCode union in src/errors.ts
 * is documented in docs/errors.md, appears in at least one test under test/ (as a quoted string:
 * something asserts it), and is raised somewhere in src/; and docs/errors.md documents no code
 * that does not exist. Each check lists every code that fails it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const read = (path: string): string => readFileSync(join(root, path), 'utf8');
const self = relative(root, fileURLToPath(import.meta.url));

/** Every code of the PlugboardErrorCode union, comments stripped. */
function unionCodes(): string[] {
  const source = read('src/errors.ts');
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

const quoted = (code: string): RegExp => new RegExp(`['"\`]${code}['"\`]`);

describe('the error catalogue', () => {
  const codes = unionCodes();

  it('reads the codes of the union (sanity)', () => {
    expect(codes.length).toBeGreaterThan(25);
    expect(codes).toContain('INVALID_WIRING');
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('documents every code in docs/errors.md', () => {
    const docs = read('docs/errors.md');
    expect(codes.filter((code) => !docs.includes(`\`${code}\``))).toEqual([]);
  });

  it('documents no code that does not exist', () => {
    const documented = [...read('docs/errors.md').matchAll(/^\|\s*`([A-Z][A-Z_]*)`/gm)].map((m) => m[1]!);
    expect(documented.filter((code) => !codes.includes(code))).toEqual([]);
  });

  it('exercises every code in at least one test under test/', () => {
    const tests = sources('test', ['.ts', '.mjs'])
      .filter((path) => path !== self)
      .map(read)
      .join('\n');
    expect(codes.filter((code) => !quoted(code).test(tests))).toEqual([]);
  });

  it('raises every code somewhere in src/ (outside the list of codes)', () => {
    const src = sources('src', ['.ts'])
      .filter((path) => path !== join('src', 'errors.ts'))
      .map(read)
      .join('\n');
    expect(codes.filter((code) => !quoted(code).test(src))).toEqual([]);
  });
});
