/**
 * Issue 13.16: bad input to any public entry point is a PlugboardError with a stable code, never
 * a raw TypeError — null or undefined where options go, BigInt ids and options (whose message
 * JSON.stringify would throw on), odd tokens. The message is built without throwing and says
 * something.
 */
import {
  ContainerBuilder,
  createExtensionPoint,
  createFeatureLoader,
  createServiceDecorator,
  createServiceFactory,
  createServiceRef,
  inject,
  isPlugboardError,
  Module,
  onInit,
  optional,
  Plugin,
  Service,
  toDot,
  toMermaid,
  type PlugboardErrorCode,
} from 'plugboard';
import { quietBuilder } from '../support.js';

/** What `call` threw: must be a PlugboardError with `code` and a message that reads. */
function expectPlugboardError(call: () => unknown, code: PlugboardErrorCode): void {
  let thrown: unknown = 'nothing';
  try {
    call();
  } catch (error) {
    thrown = error;
  }
  if (!isPlugboardError(thrown)) {
    throw new Error(
      `expected PlugboardError ${code}, got ${thrown instanceof Error ? `${thrown.name}: ${thrown.message}` : String(thrown)}`,
    );
  }
  expect(thrown.code).toBe(code);
  expect(typeof thrown.message).toBe('string');
  expect(thrown.message.length).toBeGreaterThan(10);
  expect(() => String(thrown)).not.toThrow();
}

const ref = createServiceRef<string, 'root'>({ id: 'bad-inputs.ref', scope: 'root' });
const untyped = (value: unknown): never => value as never;

/** A Proxy class whose every prototype is a new Proxy class: a walk up its chain never ends by itself. */
function endlessProxyClass(): unknown {
  const handler: ProxyHandler<new () => object> = { getPrototypeOf: () => new Proxy(class {}, handler) };
  return new Proxy(class {}, handler);
}

describe('decorators and tokens', () => {
  it.each<[string, () => unknown, PlugboardErrorCode]>([
    ['Service(null)', () => Service(untyped(null)), 'INVALID_DECORATOR'],
    ['Plugin(null)', () => Plugin(untyped(null)), 'INVALID_DECORATOR'],
    ['Plugin(undefined)', () => Plugin(untyped(undefined)), 'INVALID_DECORATOR'],
    ['Module(undefined)', () => Module(untyped(undefined)), 'INVALID_DECORATOR'],
    ['Module(null)', () => Module(untyped(null)), 'INVALID_DECORATOR'],
    ['@Plugin({ id: 1n })', () => Plugin({ id: untyped(1n) }), 'INVALID_DECORATOR'],
    ['@Plugin({ dependsOn: [1n] })', () => Plugin({ id: 'p', dependsOn: untyped([1n]) }), 'INVALID_DECORATOR'],
    ['@Plugin({ dependsOn: 1n })', () => Plugin({ id: 'p', dependsOn: untyped(1n) }), 'INVALID_DECORATOR'],
    ['@Plugin({ extensionPoints: 1n })', () => Plugin({ id: 'p', extensionPoints: untyped(1n) }), 'INVALID_DECORATOR'],
    ['@Plugin({ extensionPoints: [1n] })', () => Plugin({ id: 'p', extensionPoints: untyped([1n]) }), 'INVALID_DECORATOR'],
    // A hole is an entry too: map() skips it, and validation then met `undefined`.
    ['@Plugin({ extensionPoints: [ , ] })', () => Plugin({ id: 'p', extensionPoints: untyped(new Array(1)) }), 'INVALID_DECORATOR'],
    [
      '@Module({ extensionPoints: [ , ] })',
      () => Module({ pluginId: 'p', id: 'm', extensionPoints: untyped(new Array(1)) }),
      'INVALID_DECORATOR',
    ],
    ['@Module({ pluginId: 1n })', () => Module({ pluginId: untyped(1n), id: 'm' }), 'INVALID_DECORATOR'],
    ['@Module({ id: 1n })', () => Module({ pluginId: 'p', id: untyped(1n) }), 'INVALID_DECORATOR'],
    ['@Service({ scope: 1n })', () => Service({ scope: untyped(1n) }), 'INVALID_DECORATOR'],
    ['@Service({ provides: 1n })', () => Service({ provides: untyped(1n) }), 'INVALID_DECORATOR'],
    ['@Service({ initialization: 1n })', () => Service({ provides: ref, initialization: untyped(1n) }), 'INVALID_DECORATOR'],
    ['inject(1n)', () => inject(untyped(1n)), 'INVALID_DECORATOR'],
    ['inject(null)', () => inject(untyped(null)), 'INVALID_DECORATOR'],
    ['inject(undefined)', () => inject(untyped(undefined)), 'INVALID_DECORATOR'],
    ['createServiceRef(null)', () => createServiceRef(untyped(null)), 'INVALID_TOKEN'],
    ['createServiceRef({ id: 1n })', () => createServiceRef({ id: untyped(1n) }), 'INVALID_TOKEN'],
    ['createServiceRef({ scope: 1n })', () => createServiceRef({ id: 'x', scope: untyped(1n) }), 'INVALID_TOKEN'],
    ['createServiceRef({ multiton: 1n })', () => createServiceRef({ id: 'x', multiton: untyped(1n) }), 'INVALID_TOKEN'],
    ['createServiceRef({ defaultFactory: 1n })', () => createServiceRef({ id: 'x', defaultFactory: untyped(1n) }), 'INVALID_TOKEN'],
    ['createServiceFactory(null)', () => createServiceFactory(untyped(null)), 'INVALID_TOKEN'],
    ['createServiceFactory(undefined)', () => createServiceFactory(untyped(undefined)), 'INVALID_TOKEN'],
    ['createServiceFactory({ service: 1n })', () => createServiceFactory({ service: untyped(1n), factory: () => 'x' }), 'INVALID_TOKEN'],
    [
      'createServiceFactory({ deps: { a: 1n } })',
      () => createServiceFactory({ service: ref, deps: untyped({ a: 1n }), factory: () => 'x' }),
      'INVALID_TOKEN',
    ],
    [
      'createServiceFactory({ deps: 1n })',
      () => createServiceFactory({ service: ref, deps: untyped(1n), factory: () => 'x' }),
      'INVALID_TOKEN',
    ],
    [
      'createServiceFactory({ initialization: 1n })',
      () => createServiceFactory({ service: ref, initialization: untyped(1n), factory: () => 'x' }),
      'INVALID_TOKEN',
    ],
    ['createExtensionPoint(null)', () => createExtensionPoint(untyped(null)), 'INVALID_TOKEN'],
    ['createExtensionPoint({ id: 1n })', () => createExtensionPoint({ id: untyped(1n) }), 'INVALID_TOKEN'],
    ['createServiceDecorator(null)', () => createServiceDecorator(untyped(null)), 'INVALID_TOKEN'],
    ['createFeatureLoader(null)', () => createFeatureLoader(untyped(null)), 'INVALID_TOKEN'],
    ['createFeatureLoader({ name: 1n })', () => createFeatureLoader({ name: untyped(1n), loader: () => [] }), 'INVALID_TOKEN'],
    ["createFeatureLoader({ name: '' })", () => createFeatureLoader({ name: '', loader: () => [] }), 'INVALID_TOKEN'],
  ])('%s', (_, call, code) => expectPlugboardError(call, code));

  it('onInit() and optional() on something that is not a method or parameter', () => {
    expectPlugboardError(() => onInit()(untyped(null), untyped(1n)), 'INVALID_DECORATOR');
    expectPlugboardError(() => optional()(untyped(null), untyped(undefined), untyped(1n)), 'INVALID_DECORATOR');
    expectPlugboardError(() => inject(ref)(untyped(null), untyped(undefined), 0), 'INVALID_DECORATOR');
  });
});

describe('the builder, the app, the renderers', () => {
  it.each<[string, () => unknown, PlugboardErrorCode]>([
    ['new ContainerBuilder(null)', () => new ContainerBuilder(untyped(null)), 'INVALID_OPTIONS'],
    ['new ContainerBuilder(1n)', () => new ContainerBuilder(untyped(1n)), 'INVALID_OPTIONS'],
    ['initTimeoutMs: 1n', () => new ContainerBuilder({ initTimeoutMs: untyped(1n) }), 'INVALID_OPTIONS'],
    ['shutdownTimeoutMs: 1n', () => new ContainerBuilder({ shutdownTimeoutMs: untyped(1n) }), 'INVALID_OPTIONS'],
    ['slowInitWarningMs: 1n', () => new ContainerBuilder({ slowInitWarningMs: untyped(1n) }), 'INVALID_OPTIONS'],
    ['onPluginBootFailure: 1n', () => new ContainerBuilder({ onPluginBootFailure: untyped(1n) }), 'INVALID_OPTIONS'],
    ['onModuleBootFailure: 1n', () => new ContainerBuilder({ onModuleBootFailure: untyped(1n) }), 'INVALID_OPTIONS'],
    ['config: 1n', () => new ContainerBuilder({ config: untyped(1n) }), 'INVALID_OPTIONS'],
    ['configFiles: [1n]', () => new ContainerBuilder({ configFiles: untyped([1n]) }), 'INVALID_OPTIONS'],
    ['logger: 1n', () => new ContainerBuilder({ logger: untyped(1n) }), 'INVALID_OPTIONS'],
    ['add(null)', () => quietBuilder().add(untyped(null)), 'INVALID_FEATURE'],
    ['add(1n)', () => quietBuilder().add(untyped(1n)), 'INVALID_FEATURE'],
    ['add([undefined])', () => quietBuilder().add(untyped([undefined])), 'INVALID_FEATURE'],
    ['add(a Proxy class with endless prototypes)', () => quietBuilder().add(untyped(endlessProxyClass())), 'INVALID_FEATURE'],
    ['toMermaid({})', () => toMermaid(untyped({})), 'INVALID_OPTIONS'],
    ['toMermaid(null)', () => toMermaid(untyped(null)), 'INVALID_OPTIONS'],
    ['toDot(1n)', () => toDot(untyped(1n)), 'INVALID_OPTIONS'],
  ])('%s', (_, call, code) => expectPlugboardError(call, code));

  it('app.get(undefined), app.get(1n), app.get(null) on a started app', async () => {
    const app = quietBuilder().build();
    await app.start();
    try {
      for (const value of [undefined, 1n, null, {}, 'ref']) expectPlugboardError(() => app.get(untyped(value)), 'INVALID_OPTIONS');
    } finally {
      await app.stop();
    }
  });

  it('app.get(undefined) before start is INVALID_STATE', () => {
    expectPlugboardError(() => quietBuilder().build().get(untyped(undefined)), 'INVALID_STATE');
  });

  it('a module policy function answering 1n: start() rejects with a PlugboardError', async () => {
    @Plugin({ id: 'host' })
    class Host {}
    @Module({ pluginId: 'host', id: 'failing' })
    class Failing {
      @onInit() init(): void {
        throw new Error('planted');
      }
    }
    const app = quietBuilder({ onModuleBootFailure: () => untyped(1n) })
      .add([Host, Failing])
      .build();
    const error: unknown = await app.start().then(
      () => 'resolved',
      (rejection: unknown) => rejection,
    );
    expect(isPlugboardError(error)).toBe(true);
    expect(() => String((error as Error).message)).not.toThrow();
  });

  it('a module policy function answering nonsense for a user of an extension point: start() rejects, not resolves', async () => {
    // The answer is asked while the plugin's scope is made (are calls through the point recorded?).
    const point = createExtensionPoint<{ add(item: string): void }>({ id: 'host.items' });
    class Items {
      add(_item: string): void {}
    }
    @Plugin({ id: 'host', extensionPoints: [{ provide: point, useClass: Items }] })
    class Host {}
    @Module({ pluginId: 'host', id: 'user' })
    class User {
      constructor(@inject(point) private readonly items: { add(item: string): void }) {}
      @onInit() init(): void {
        this.items.add('x');
      }
    }
    const app = quietBuilder({ onModuleBootFailure: () => untyped('bogus') })
      .add([Host, User])
      .build();
    const error: unknown = await app.start().then(
      () => 'resolved',
      (rejection: unknown) => rejection,
    );
    expect(error).toMatchObject({ code: 'INVALID_OPTIONS' });
  });
});
