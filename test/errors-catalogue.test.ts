import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const read = (path: string): string => readFileSync(join(root, path), 'utf8');

/** Every code of the PlugboardErrorCode union in src/errors.ts. */
function codes(): string[] {
  const source = read('src/errors.ts');
  const union = source.slice(
    source.indexOf('export type PlugboardErrorCode'),
    source.indexOf(';', source.indexOf('export type PlugboardErrorCode')),
  );
  return [...union.matchAll(/'([A-Z_]+)'/g)].map((m) => m[1]!);
}

function testFiles(dir: string): string[] {
  return readdirSync(join(root, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(root, path)).isDirectory()) return name === 'fixtures' ? [] : testFiles(path);
    return path.endsWith('.ts') && path !== join('test', 'errors-catalogue.test.ts') ? [path] : [];
  });
}

describe('the error catalogue', () => {
  const all = codes();

  it('lists the codes (sanity)', () => {
    expect(all.length).toBeGreaterThan(25);
    expect(all).toContain('INVALID_WIRING');
  });

  it.each(all)('documents %s in docs/errors.md', (code) => {
    expect(read('docs/errors.md')).toContain(`\`${code}\``);
  });

  it.each(all)('exercises %s in at least one test', (code) => {
    const tests = [...testFiles('test'), ...testFiles('examples')].map(read).join('\n');
    expect(tests).toContain(`'${code}'`);
  });

  it.each(all)('raises %s somewhere in src/ (outside the list of codes)', (code) => {
    const sources = testFiles('src')
      .filter((path) => path !== join('src', 'errors.ts'))
      .map(read)
      .join('\n');
    expect(sources).toContain(`'${code}'`);
  });
});
