// Compile-time checks of the public API's types (npm run typecheck fails if one breaks), run as a
// test so each has a name.
import { pino } from 'pino';
import {
  coreServices,
  createExtensionPoint,
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
      // Async: as a method, or with the return type written out (pino's Logger<string> has an index
      // signature, so TypeScript will not infer an async arrow's promise of it).
      createServiceFactory({
        service: coreServices.rootLogger,
        deps: {},
        async factory() {
          return pino({ enabled: false });
        },
      }),
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

  it('type extension points', () => {
    const ep = createExtensionPoint<{ add(x: string): void }>({ id: 'types.ep' });
    assertType<Equal<typeof ep, ExtensionPoint<{ add(x: string): void }>>>(true);
    // @ts-expect-error a factory must return the ref's type
    createServiceFactory({ service: createServiceRef<Clock>({ id: 'types.bad' }), factory: () => 42 });
    expect(ep.id).toBe('types.ep');
  });
});
