import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { Module, onInit, onShutdown, Plugin, Service, PlugboardError } from 'plugboard';

const dist = fileURLToPath(new URL('../../dist/index.js', import.meta.url));

/** What a TC39 (standard) decorator receives as its second argument. */
const context = (kind: string, name: string): object => ({ kind, name, addInitializer: () => undefined, metadata: {} });

/** A decorator called the TC39 way: with the value and a context object. */
type Standard = (value: unknown, context: unknown) => unknown;

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('decorators compiled as TC39 standard decorators (no experimentalDecorators)', () => {
  it.each([
    ['@Plugin', () => (Plugin({ id: 'catalog' }) as Standard)(class Catalog {}, context('class', 'Catalog'))],
    ['@Module', () => (Module({ pluginId: 'catalog', id: 'github' }) as Standard)(class Github {}, context('class', 'Github'))],
    ['@Service', () => (Service() as Standard)(class Store {}, context('class', 'Store'))],
    ['@onInit', () => (onInit() as Standard)(function init() {}, context('method', 'init'))],
    ['@onShutdown', () => (onShutdown() as Standard)(function stop() {}, context('method', 'stop'))],
  ])('%s throws INVALID_DECORATOR saying plugboard needs experimentalDecorators, and where to set it', (decorator, apply) => {
    const error = thrown(apply);
    expect(error).toBeInstanceOf(PlugboardError);
    expect(error).toMatchObject({
      code: 'INVALID_DECORATOR',
      data: { reason: 'standard-decorators', decorator: expect.stringContaining(decorator) },
    });
    const message = (error as Error).message;
    expect(message).toContain('experimentalDecorators');
    for (const toolchain of ['tsc', 'tsx', 'esbuild', 'SWC']) expect(message).toContain(toolchain);
    // It was: "@onInit() is on static member '[object Object]' of init", which sent users the wrong way.
    expect(message).not.toContain('[object Object]');
  });

  it('a module compiled by TypeScript with standard decorators fails at load with that error, not a misleading one', () => {
    const source = [
      `import { Plugin, onInit } from ${JSON.stringify(dist)};`,
      `@Plugin({ id: 'catalog' })`,
      `export class Catalog {`,
      `  @onInit() init(): void {}`,
      `}`,
    ].join('\n');
    const { outputText } = ts.transpileModule(source, {
      compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, experimentalDecorators: false },
    });
    const dir = mkdtempSync(join(tmpdir(), 'plugboard-tc39-'));
    try {
      const file = join(dir, 'app.mjs');
      writeFileSync(file, `${outputText}\n`);
      let stderr = '';
      try {
        execFileSync(process.execPath, [file], { encoding: 'utf8', stdio: 'pipe' });
      } catch (error) {
        stderr = String((error as { stderr?: unknown }).stderr);
      }
      expect(stderr).toContain('INVALID_DECORATOR');
      expect(stderr).toContain('experimentalDecorators');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
