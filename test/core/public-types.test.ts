// Compile-time checks of the public API's types (npm run typecheck fails if one breaks), run as a
// test so each has a name.
import {
  coreServices,
  createExtensionPoint,
  createServiceFactory,
  createServiceRef,
  type ExtensionPoint,
  type LoggerService,
  type RootConfigService,
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

  it('type extension points', () => {
    const ep = createExtensionPoint<{ add(x: string): void }>({ id: 'types.ep' });
    assertType<Equal<typeof ep, ExtensionPoint<{ add(x: string): void }>>>(true);
    // @ts-expect-error a factory must return the ref's type
    createServiceFactory({ service: createServiceRef<Clock>({ id: 'types.bad' }), factory: () => 42 });
    expect(ep.id).toBe('types.ep');
  });
});
