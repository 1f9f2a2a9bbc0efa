import { pino } from 'pino';
import {
  coreServices,
  createServiceDecorator,
  createServiceFactory,
  createServiceRef,
  inject,
  onInit,
  Plugin,
  type LoggerService,
} from 'plugboard';
import { quietBuilder } from '../support.js';

interface Greeter {
  greet(name: string): string;
}
const greeterRef = createServiceRef<Greeter>({ id: 'greeter', scope: 'root' });
const prefixRef = createServiceRef<string>({ id: 'greeting.prefix', scope: 'root' });

describe('createServiceDecorator', () => {
  it('wraps an installed service, decorators applying in order of installation', async () => {
    let greeting = '';
    @Plugin({ id: 'p' })
    class P {
      constructor(@inject(greeterRef) private readonly greeter: Greeter) {}
      @onInit() init(): void {
        greeting = this.greeter.greet('ada');
      }
    }
    const app = quietBuilder()
      .add(P)
      .add(createServiceFactory({ service: greeterRef, factory: () => ({ greet: (name: string) => `hi ${name}` }) }))
      .add(createServiceFactory({ service: prefixRef, factory: () => '>>' }))
      .add(
        createServiceDecorator({
          service: greeterRef,
          deps: { prefix: prefixRef },
          decorate: (inner, { prefix }) => ({ greet: (name: string) => `${prefix} ${inner.greet(name)}` }),
        }),
      )
      .add(
        createServiceDecorator({
          service: greeterRef,
          decorate: async (inner) => ({ greet: (name: string) => inner.greet(name).toUpperCase() }),
        }),
      )
      .build();
    await app.start();
    expect(greeting).toBe('>> HI ADA');
    expect(app.describe().services.find((s) => s.id === 'greeter')!.dependencies).toEqual(['greeting.prefix']);
    await app.stop();
  });

  it('wraps a core default: the root logger, seen through every plugin logger', async () => {
    const lines: Array<Record<string, unknown>> = [];
    @Plugin({ id: 'p' })
    class P {
      constructor(@inject(coreServices.logger) private readonly logger: LoggerService) {}
      @onInit() init(): void {
        this.logger.info('hello');
      }
    }
    const app = quietBuilder({ logger: pino({}, { write: (l: string) => void lines.push(JSON.parse(l) as Record<string, unknown>) }) })
      .add(P)
      .add(createServiceDecorator({ service: coreServices.rootLogger, decorate: (logger) => logger.child({ app: 'shop' }) }))
      .build();
    await app.start();
    expect(lines.find((l) => l['msg'] === 'hello')).toMatchObject({ app: 'shop', plugin: 'p' });
    await app.stop();
  });

  it('reports a decorator that depends on the service it decorates as a cycle', async () => {
    @Plugin({ id: 'p' })
    class P {
      constructor(@inject(greeterRef) readonly g: Greeter) {}
    }
    const app = quietBuilder()
      .add(P)
      .add(createServiceFactory({ service: greeterRef, factory: () => ({ greet: (n: string) => n }) }))
      .add(createServiceDecorator({ service: greeterRef, deps: { self: greeterRef }, decorate: (inner) => inner }))
      .build();
    expect(await app.validate()).toEqual([expect.objectContaining({ code: 'DEPENDENCY_CYCLE', path: ['greeter', 'greeter'] })]);
  });
});
