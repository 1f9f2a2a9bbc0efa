// docs/getting-started.md, in process: its src/greeter.ts (the block below is that file, verbatim;
// test/docs/samples.test.ts checks), its runApp sample, and what its main and its test do. The
// whole project, built from the guide's own blocks against the packed tarball, is run by
// test/toolchains/run.mjs (CI); this file also checks the guide lists the files that run needs.
import { coreServices, createExtensionPoint, inject, Module, onInit, Plugin, Service, type LoggerService } from 'plugboard';

export interface GreetingsExtensionPoint {
  addGreeting(greeting: string): void;
}
export const greetingsExtensionPoint = createExtensionPoint<GreetingsExtensionPoint>({ id: 'greeter.greetings' });

@Service()
export class Greetings implements GreetingsExtensionPoint {
  private readonly greetings: string[] = [];
  addGreeting(greeting: string): void {
    this.greetings.push(greeting);
  }
  all(): string[] {
    return [...this.greetings];
  }
}

@Plugin({ id: 'greeter', extensionPoints: [{ provide: greetingsExtensionPoint, useClass: Greetings }] })
export class GreeterPlugin {
  constructor(
    @inject(Greetings) private readonly greetings: Greetings,
    @inject(coreServices.logger) private readonly logger: LoggerService,
  ) {}

  @onInit()
  init(): void {
    this.logger.info({ greetings: this.greetings.all() }, 'greeter ready');
  }
}

@Module({ pluginId: 'greeter', id: 'french' })
export class FrenchGreetingsModule {
  constructor(@inject(greetingsExtensionPoint) private readonly greetings: GreetingsExtensionPoint) {}

  @onInit()
  init(): void {
    this.greetings.addGreeting('bonjour');
  }
}
import { type App, ContainerBuilder, runApp } from 'plugboard';
import { mockServices, startTestApp } from 'plugboard/testing';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { documentedFiles, documentedOutputs } from '../toolchains/doc-files.mjs';

export async function main(): Promise<App> {
  return runApp(new ContainerBuilder().add(GreeterPlugin).add(FrenchGreetingsModule));
}

const read = (path: string): string => readFileSync(fileURLToPath(new URL(`../../${path}`, import.meta.url)), 'utf8');
const guide = read('docs/getting-started.md');

/** Runs `body` with plugboard's default logger silenced (the samples log to stdout). */
async function quietly<T>(body: () => Promise<T>): Promise<T> {
  const saved = process.env['LOG_LEVEL'];
  process.env['LOG_LEVEL'] = 'silent';
  try {
    return await body();
  } finally {
    if (saved === undefined) delete process.env['LOG_LEVEL'];
    else process.env['LOG_LEVEL'] = saved;
  }
}

describe('docs/getting-started.md', () => {
  it('spells out every file of the project, and the output of its main', () => {
    expect([...documentedFiles(guide).keys()]).toEqual([
      'package.json',
      'tsconfig.json',
      'jest.config.js',
      'src/greeter.ts',
      'src/main.ts',
      'test/greeter.spec.ts',
    ]);
    expect(documentedOutputs(guide).map((shown) => shown.command)).toEqual(['node dist/main.js']);
  });

  it('gives the same jest config as docs/toolchains.md (the one the matrix tests)', () => {
    expect(documentedFiles(guide).get('jest.config.js')).toBe(read('test/toolchains/fixtures/matrix/jest.config.js'));
  });

  it('declares an ES module package with the tools it uses', () => {
    const manifest = JSON.parse(documentedFiles(guide).get('package.json')!) as {
      type: string;
      devDependencies: Record<string, string>;
    };
    expect(manifest.type).toBe('module');
    expect(Object.keys(manifest.devDependencies).sort()).toEqual(['@jest/globals', '@types/node', 'jest', 'ts-jest', 'typescript']);
  });

  it('main: the plugin logs the greeting its module added', async () => {
    const logger = mockServices.rootLogger();
    const app = await startTestApp({ features: [GreeterPlugin, FrenchGreetingsModule], services: [logger] });
    expect(logger.entries).toContainEqual(expect.objectContaining({ msg: 'greeter ready', plugin: 'greeter', greetings: ['bonjour'] }));
    await app.stop();
  });

  it('main() starts the app with runApp', async () => {
    const app = await quietly(main); // a wiring that starts: runApp resolves instead of exiting
    expect(app.state).toBe('started');
    await app.stop();
  });
});
