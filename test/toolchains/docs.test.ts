// docs/toolchains.md shows the matrix's configuration files word for word, and names the versions
// the matrix's lockfile installs; doc-files.mjs (which test/toolchains/run.mjs uses to build the
// getting-started guide) reads captions and shown output as documented.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { captionedBlocks, documentedFiles, documentedOutputs, matchesShownOutput } from './doc-files.mjs';

const read = (path: string): string => readFileSync(fileURLToPath(new URL(`../../${path}`, import.meta.url)), 'utf8');
const matrix = 'test/toolchains/fixtures/matrix';
const guide = read('docs/toolchains.md');

describe('docs/toolchains.md', () => {
  const files = documentedFiles(guide);

  it('shows every configuration file the matrix uses', () => {
    expect([...files.keys()].sort()).toEqual(['.swcrc', 'esbuild.config.mjs', 'jest.config.js', 'tsconfig.json', 'vitest.config.mjs']);
  });

  it.each([...files.keys()])('its %s is the matrix file, word for word', (path) => {
    expect(files.get(path)).toBe(read(`${matrix}/${path}`));
  });

  it('names the versions the matrix installs', () => {
    const lock = JSON.parse(read(`${matrix}/package-lock.json`)) as { packages: Record<string, { version: string }> };
    const minor = (name: string): string => lock.packages[`node_modules/${name}`]!.version.split('.').slice(0, 2).join('.');
    const tested = /^Tested with: ([^]*?)\.\n/m.exec(guide)?.[1]?.replace(/\s+/g, ' ');
    expect(tested).toBe(
      `TypeScript ${minor('typescript')}, tsx ${minor('tsx')}, esbuild ${minor('esbuild')}, @swc/core ${minor('@swc/core')} ` +
        `with @swc/cli ${minor('@swc/cli')}, vitest ${minor('vitest')}, jest ${minor('jest')} with ts-jest ${minor('ts-jest')}, on Node.js 20`,
    );
  });
});

describe('doc-files.mjs', () => {
  const markdown = [
    'Some text.',
    '',
    '**`src/a.ts`**',
    '',
    '```ts',
    'export const a = 1;',
    '```',
    '',
    '**`$ node dist/a.js`**',
    '```text',
    '{"time":…,"msg":"up"}',
    '```',
    '```sh',
    'not captioned',
    '```',
  ].join('\n');

  it('reads a captioned block as a file, or as what a command prints', () => {
    expect(captionedBlocks(markdown).map(({ name, info, line }) => ({ name, info, line }))).toEqual([
      { name: 'src/a.ts', info: 'ts', line: 5 },
      { name: '$ node dist/a.js', info: 'text', line: 10 },
    ]);
    expect(documentedFiles(markdown)).toEqual(new Map([['src/a.ts', 'export const a = 1;\n']]));
    expect(documentedOutputs(markdown)).toEqual([{ command: 'node dist/a.js', output: '{"time":…,"msg":"up"}\n' }]);
  });

  it('refuses a caption without a block, and a file given twice', () => {
    expect(() => captionedBlocks('**`a.ts`**\n\ntext')).toThrow('line 1: the caption **`a.ts`** is not followed by a fenced block');
    expect(() => documentedFiles('**`a`**\n```\n1\n```\n**`a`**\n```\n2\n```')).toThrow('a is given twice');
  });

  it('matches shown output line by line, … standing for any text', () => {
    expect(matchesShownOutput('{"time":…,"msg":"up"}\n', '{"time":1700,"msg":"up"}\n')).toBe(true);
    expect(matchesShownOutput('{"time":…,"msg":"up"}\n', '{"time":1700,"msg":"down"}\n')).toBe(false);
    expect(matchesShownOutput('a\n', 'a\nb\n')).toBe(false);
    expect(matchesShownOutput('(x)\n', '(x)\n')).toBe(true);
  });
});
