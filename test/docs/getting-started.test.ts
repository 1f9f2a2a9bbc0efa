// The samples of docs/getting-started.md, run (test/docs/samples.test.ts keeps them verbatim).
import {
  type App,
  ContainerBuilder,
  coreServices,
  createExtensionPoint,
  inject,
  Module,
  onInit,
  Plugin,
  runApp,
  Service,
  type LoggerService,
} from 'plugboard';
import { mockServices, startTestApp } from 'plugboard/testing';

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

export async function main(): Promise<App> {
  return runApp(new ContainerBuilder().add(GreeterPlugin).add(FrenchGreetingsModule));
}

describe('docs/getting-started.md', () => {
  it('runs the first plugin with its first module', async () => {
    const saved = process.env['LOG_LEVEL'];
    process.env['LOG_LEVEL'] = 'silent'; // the sample logs to stdout; keep the test output clean
    try {
      const app = new ContainerBuilder().add(GreeterPlugin).add(FrenchGreetingsModule).build();
      await app.start(); // logs: greeter ready { greetings: ['bonjour'] }
      await app.stop();
      expect(app.describe().plugins[0]!.modules.map((m) => m.id)).toEqual(['french']);
    } finally {
      if (saved === undefined) delete process.env['LOG_LEVEL'];
      else process.env['LOG_LEVEL'] = saved;
    }
  });

  it('greets in French', async () => {
    const logger = mockServices.rootLogger();
    await startTestApp({ features: [GreeterPlugin, FrenchGreetingsModule], services: [logger] });
    expect(logger.entries).toContainEqual(expect.objectContaining({ msg: 'greeter ready', greetings: ['bonjour'] }));
  });

  it('main() starts the app with runApp', async () => {
    const saved = process.env['LOG_LEVEL'];
    process.env['LOG_LEVEL'] = 'silent';
    try {
      const app = await main(); // a wiring that starts: runApp resolves instead of exiting
      expect(app.state).toBe('started');
      await app.stop();
    } finally {
      if (saved === undefined) delete process.env['LOG_LEVEL'];
      else process.env['LOG_LEVEL'] = saved;
    }
  });
});
