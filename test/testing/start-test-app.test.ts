import { coreServices, inject, Module, onInit, Plugin, type LoggerService, type RootConfigService } from 'plugboard';
import { mockServices, startTestApp } from 'plugboard/testing';

@Plugin({ id: 'greeter' })
class Greeter {
  constructor(
    @inject(coreServices.logger) private readonly logger: LoggerService,
    @inject(coreServices.rootConfig) private readonly config: RootConfigService,
  ) {}
  @onInit() init(): void {
    this.logger.info({ to: this.config.getString('greeting.to') }, 'hello');
  }
}

@Module({ pluginId: 'greeter', id: 'loud' })
class Loud {
  constructor(@inject(coreServices.logger) private readonly logger: LoggerService) {}
  @onInit() init(): void {
    this.logger.warn('LOUD');
  }
}

describe('plugboard/testing', () => {
  it('records log lines with plugin and module, over mock config', async () => {
    const logger = mockServices.rootLogger();
    const app = await startTestApp({
      features: [Greeter, Loud],
      services: [logger, mockServices.rootConfig({ data: { greeting: { to: 'world' } } })],
    });
    expect(logger.entries).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ level: 'info', msg: 'hello', plugin: 'greeter', to: 'world' }),
        expect.objectContaining({ level: 'warn', msg: 'LOUD', plugin: 'greeter', module: 'loud' }),
      ]),
    );
    await app.stop();
  });

  it('takes config directly and is quiet by default', async () => {
    const app = await startTestApp({ features: [Greeter], config: { greeting: { to: 'you' } } });
    expect(app.get(coreServices.rootConfig).getString('greeting.to')).toBe('you');
    expect(app.state).toBe('started');
  });
});

describe('plugboard logs through the installed root logger', () => {
  it('records its own start line in a mock logger', async () => {
    const logger = mockServices.rootLogger();
    const app = await startTestApp({ features: [Greeter], services: [logger], config: { greeting: { to: 'x' } } });
    expect(logger.entries).toEqual(expect.arrayContaining([expect.objectContaining({ msg: 'plugboard started 1/1 plugins' })]));
    await app.stop();
  });
});

describe('startTestApp options', () => {
  it('refuses a stopWith that is not a function with INVALID_OPTIONS, before starting anything', async () => {
    let started = false;
    @Plugin({ id: 'never' })
    class Never {
      @onInit() init(): void {
        started = true;
      }
    }
    await expect(startTestApp({ features: [Never], stopWith: 'after' as never })).rejects.toMatchObject({
      code: 'INVALID_OPTIONS',
      message: expect.stringContaining('stopWith'),
    });
    expect(started).toBe(false);
  });
});
