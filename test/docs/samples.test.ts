// Keeps the docs' TypeScript samples honest: every ```ts block must appear, verbatim, in the test
// file that runs it, so a sample cannot drift from working code.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Each document with ```ts samples, and the file(s) of test/ that run them. */
const documents: Record<string, string | string[]> = {
  'README.md': 'test/docs/readme.test.ts',
  'docs/getting-started.md': 'test/docs/getting-started.test.ts',
  'docs/extension-points.md': ['test/docs/extension-points.test.ts', 'test/docs/extension-points-versioning.ts'],
  'docs/services.md': 'test/docs/services.test.ts',
  'docs/coming-from-backstage.md': 'test/docs/coming-from-backstage.test.ts',
  'docs/configuration.md': 'test/docs/guides.test.ts',
  'docs/lifecycle.md': 'test/docs/guides.test.ts',
  'docs/loading-features.md': 'test/docs/guides.test.ts',
  'docs/cli.md': 'test/docs/guides.test.ts',
  'docs/security.md': 'test/docs/security.test.ts',
  'docs/testing.md': 'test/testing/docs-examples.test.ts',
};

/**
 * Info strings a TypeScript block may carry besides plain `ts`, which is checked:
 * `ts skip-check` for an intentionally partial block (keep them rare), `ts backstage` for
 * Backstage code shown for comparison in coming-from-backstage.md.
 */
const UNCHECKED = new Set(['ts skip-check', 'ts backstage']);

const read = (path: string): string => readFileSync(fileURLToPath(new URL(`../../${path}`, import.meta.url)), 'utf8');

// Indentation and blank lines do not matter; every other character does.
const normalise = (text: string): string =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .join('\n');

interface Block {
  readonly info: string;
  readonly code: string;
  readonly line: number;
}

/** The fenced code blocks of a Markdown text, with their info string and first line number. */
function fencedBlocks(markdown: string): Block[] {
  const blocks: Block[] = [];
  let open: { info: string; line: number; lines: string[] } | undefined;
  markdown.split('\n').forEach((text, index) => {
    const fence = /^\s*```(.*)$/.exec(text);
    if (open === undefined) {
      if (fence) open = { info: fence[1]!.trim(), line: index + 1, lines: [] };
    } else if (fence && fence[1]!.trim() === '') {
      blocks.push({ info: open.info, code: open.lines.join('\n'), line: open.line });
      open = undefined;
    } else {
      open.lines.push(text);
    }
  });
  return blocks;
}

const isTypeScript = (info: string): boolean => /^(ts|typescript|tsx|mts)\b/.test(info);

const markdownFiles = (): string[] => [
  'README.md',
  ...readdirSync(fileURLToPath(new URL('../../docs/', import.meta.url)))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`),
];

describe('code samples in the docs', () => {
  it.each(Object.entries(documents))('every ```ts block of %s appears verbatim in %s', (document, testFile) => {
    const checked = fencedBlocks(read(document)).filter((block) => block.info === 'ts');
    expect(checked.length).toBeGreaterThan(0);
    const code = [testFile].flat().map((file) => normalise(read(file)));
    const missing = checked
      .filter((block) => !code.some((file) => file.includes(normalise(block.code))))
      .map((block) => `${document}:${block.line}`);
    expect(missing).toEqual([]);
  });

  it('every Markdown file with ```ts blocks is listed above', () => {
    const withSamples = markdownFiles().filter((doc) => fencedBlocks(read(doc)).some((block) => block.info === 'ts'));
    expect(withSamples.filter((doc) => !(doc in documents))).toEqual([]);
  });

  it('every TypeScript block is either checked (```ts) or explicitly marked as unchecked', () => {
    const stray = markdownFiles().flatMap((doc) =>
      fencedBlocks(read(doc))
        .filter((block) => isTypeScript(block.info) && block.info !== 'ts' && !UNCHECKED.has(block.info))
        .map((block) => `${doc}:${block.line} \`\`\`${block.info}`),
    );
    expect(stray).toEqual([]);
  });

  it('finds the blocks the checks rely on', () => {
    const markdown = ['```ts', 'const a = 1;', '```', '', '```ts skip-check', 'partial(', '```', '  ```sh', '  npm test', '  ```'].join(
      '\n',
    );
    expect(fencedBlocks(markdown)).toEqual([
      { info: 'ts', code: 'const a = 1;', line: 1 },
      { info: 'ts skip-check', code: 'partial(', line: 5 },
      { info: 'sh', code: '  npm test', line: 8 },
    ]);
  });
});
