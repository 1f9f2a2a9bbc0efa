// Compile-time checks of the public API's types (npm run typecheck fails if one breaks), run as a
// test so each has a name.
import { pino, type Logger } from 'pino';
import {
  ContainerBuilder,
  coreServices,
  createExtensionPoint,
  createServiceDecorator,
  createServiceFactory,
  createServiceRef,
  type ExtensionPoint,
  type LoggerService,
  type RootConfigService,
  type RootLoggerService,
  type ServiceRef,
} from 'plugboard';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function assertType<T extends true>(value: T): T {
  return value;
}

interface Clock {
  now(): number;
}

describe('public types', () => {
  it('carry the service type and scope of a ref', () => {
    const pluginRef = createServiceRef<Clock>({ id: 'types.clock' });
    const rootRef = createServiceRef<Clock>({ id: 'types.root-clock', scope: 'root' });
    assertType<Equal<typeof pluginRef, ServiceRef<Clock, 'plugin'>>>(true);
    assertType<Equal<typeof rootRef, ServiceRef<Clock, 'root'>>>(true);
    expect([pluginRef.scope, rootRef.scope]).toEqual(['plugin', 'root']);
  });

  it('type a factory’s dependencies from its refs', () => {
    const clockRef = createServiceRef<Clock>({ id: 'types.clock2', scope: 'root' });
    const factory = createServiceFactory({
      service: clockRef,
      deps: { config: coreServices.rootConfig, logger: coreServices.rootLogger },
      factory({ config, logger }) {
        assertType<Equal<typeof config, RootConfigService>>(true);
        assertType<Equal<typeof logger, LoggerService>>(true);
        logger.debug('typed');
        return { now: () => config.getNumber('clock.offset') };
      },
    });
    expect(factory.service).toBe(clockRef);
  });

  it('accept a pino logger as the root logger, however it is made', () => {
    const factories = [
      createServiceFactory({ service: coreServices.rootLogger, deps: {}, factory: () => pino({ level: 'silent' }) }),
      createServiceFactory({
        service: coreServices.rootLogger,
        deps: { config: coreServices.rootConfig },
        factory: ({ config }) =>
          pino({ level: config.getOptionalString('logging.level') ?? 'silent', base: { app: 'shop' } }, pino.destination({ sync: true })),
      }),
      // Async: as a method, as an arrow, or with the return type written out.
      createServiceFactory({
        service: coreServices.rootLogger,
        deps: {},
        async factory() {
          return pino({ enabled: false });
        },
      }),
      createServiceFactory({ service: coreServices.rootLogger, deps: {}, factory: async () => pino({ enabled: false }) }),
      createServiceFactory({
        service: coreServices.rootLogger,
        deps: {},
        factory: async (): Promise<RootLoggerService> => pino({ enabled: false }),
      }),
      // pino types a logger with custom levels by those levels (invariantly): it needs a cast.
      createServiceFactory({
        service: coreServices.rootLogger,
        deps: {},
        factory: () => pino({ level: 'silent', customLevels: { audit: 35 } }) as unknown as RootLoggerService,
      }),
    ];
    expect(factories.map((factory) => factory.service)).toEqual(factories.map(() => coreServices.rootLogger));
  });

  // The logger refs carry pino's own `Logger` type, so a logger made before the factory (as an app
  // usually has one) is accepted as it is, and the injected logger goes wherever pino's type is
  // expected. Each factory below failed to compile while the refs carried `Logger`.
  it('type the logger refs as pino’s own Logger', () => {
    assertType<Equal<RootLoggerService, Logger>>(true);
    assertType<Equal<LoggerService, Logger>>(true);

    const appLogger = pino({ level: 'silent' });
    const rootFactory = createServiceFactory({ service: coreServices.rootLogger, factory: () => appLogger });
    const pluginFactory = createServiceFactory({
      service: coreServices.logger,
      deps: { metadata: coreServices.pluginMetadata },
      factory: ({ metadata }) => appLogger.child({ plugin: metadata.getId() }),
    });
    const asyncFactory = createServiceFactory({ service: coreServices.rootLogger, factory: async () => pino({ enabled: false }) });
    const swapLogger = createServiceDecorator({ service: coreServices.rootLogger, decorate: () => appLogger });

    // The builder's logger option takes a logger however pino typed it.
    const typedByLevels: Logger<string> = pino<string>({ level: 'silent' });
    expect([new ContainerBuilder({ logger: appLogger }), new ContainerBuilder({ logger: typedByLevels })]).toHaveLength(2);

    // Handing the injected logger to code typed with pino's Logger (pino-http, for instance).
    const usesPino = (logger: Logger): string => logger.level;
    const plugin = createServiceRef<{ level: string }>({ id: 'types.uses-logger' });
    const usesLogger = createServiceFactory({
      service: plugin,
      deps: { logger: coreServices.logger },
      factory: ({ logger }) => ({ level: usesPino(logger) }),
    });

    expect([rootFactory, pluginFactory, asyncFactory, swapLogger, usesLogger].map((feature) => feature.service.id)).toEqual([
      'core.rootLogger',
      'core.logger',
      'core.rootLogger',
      'core.rootLogger',
      'types.uses-logger',
    ]);
  });

  it('type extension points', () => {
    const ep = createExtensionPoint<{ add(x: string): void }>({ id: 'types.ep' });
    assertType<Equal<typeof ep, ExtensionPoint<{ add(x: string): void }>>>(true);
    // @ts-expect-error a factory must return the ref's type
    createServiceFactory({ service: createServiceRef<Clock>({ id: 'types.bad' }), factory: () => 42 });
    expect(ep.id).toBe('types.ep');
  });
});
