import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Each document, and the test file that runs its ```ts samples. */
const documents: Record<string, string> = {
  'README.md': 'test/docs/readme.test.ts',
  'docs/getting-started.md': 'test/docs/getting-started.test.ts',
  'docs/extension-points.md': 'test/docs/extension-points.test.ts',
  'docs/services.md': 'test/docs/services.test.ts',
  'docs/coming-from-backstage.md': 'test/docs/coming-from-backstage.test.ts',
  'docs/configuration.md': 'test/docs/guides.test.ts',
  'docs/lifecycle.md': 'test/docs/guides.test.ts',
  'docs/loading-features.md': 'test/docs/guides.test.ts',
  'docs/cli.md': 'test/docs/guides.test.ts',
  'docs/testing.md': 'test/testing/docs-examples.test.ts',
};

const read = (path: string): string => readFileSync(fileURLToPath(new URL(`../../${path}`, import.meta.url)), 'utf8');
// Whitespace and blank lines do not matter; every other character does.
const normalise = (text: string): string =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .join('\n');

describe('code samples in the docs', () => {
  it.each(Object.entries(documents))('every ```ts block of %s runs in %s', (document, testFile) => {
    const blocks = [...read(document).matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1]!);
    expect(blocks.length).toBeGreaterThan(0);
    const code = normalise(read(testFile));
    for (const block of blocks) expect(code).toContain(normalise(block));
  });

  it('every document with ```ts samples is listed here', () => {
    const docs = [
      'README.md',
      ...[
        'getting-started',
        'concepts',
        'extension-points',
        'services',
        'coming-from-backstage',
        'configuration',
        'lifecycle',
        'loading-features',
        'cli',
        'testing',
        'errors',
        'performance',
      ].map((d) => `docs/${d}.md`),
    ];
    const withSamples = docs.filter((doc) => /```ts\n/.test(read(doc)));
    expect(withSamples.filter((doc) => !(doc in documents))).toEqual([]);
  });
});
