import {
  createExtensionPoint,
  createServiceRef,
  createServiceFactory,
  inject,
  Module,
  onInit,
  onShutdown,
  Plugin,
  PlugboardError,
  Service,
} from 'plugboard';

function thrown(fn: () => unknown): PlugboardError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(PlugboardError);
    return error as PlugboardError;
  }
  throw new Error('expected a PlugboardError');
}

describe('decorators check their input when they run', () => {
  it.each(['Catalog', '1catalog', 'catalog_x', 'catalog-', '', 'a..b'])('rejects plugin id %j', (id) => {
    const error = thrown(() => Plugin({ id }));
    expect(error.code).toBe('INVALID_DECORATOR');
    expect(error.message).toContain(JSON.stringify(id));
  });

  it.each(['catalog', 'github-actions', 'a.b-c', 'x1'])('accepts plugin id %j', (id) => {
    expect(() => Plugin({ id })).not.toThrow();
  });

  it('rejects @Module without pluginId and with a bad module id', () => {
    const noPlugin = thrown(() => Module({ id: 'x' } as never));
    expect(noPlugin.code).toBe('INVALID_DECORATOR');
    expect(noPlugin.message).toContain('pluginId');
    expect(thrown(() => Module({ pluginId: 'catalog', id: 'Bad Id' })).message).toContain('"Bad Id"');
  });

  it('rejects two @onInit methods on one class, naming both', () => {
    const error = thrown(() => {
      class Twice {
        @onInit() a(): void {}
        @onInit() b(): void {}
      }
      return Twice;
    });
    expect(error.code).toBe('INVALID_DECORATOR');
    expect(error.message).toMatch(/Twice has two @onInit\(\) methods \('a' and 'b'\)/);
  });

  it('rejects @onShutdown on a property that is not a method', () => {
    const error = thrown(() => onShutdown()({}, 'field', undefined));
    expect(error.code).toBe('INVALID_DECORATOR');
    expect(error.message).toContain("'field'");
  });

  it('rejects a class decorated as both plugin and module', () => {
    const error = thrown(() => {
      @Plugin({ id: 'both' })
      @Module({ pluginId: 'both', id: 'm' })
      class Both {}
      return Both;
    });
    expect(error.code).toBe('INVALID_DECORATOR');
    expect(error.message).toMatch(/Both is decorated as a module and as a plugin/);
  });

  it('rejects @inject with an undefined token (a circular import) and on a method parameter', () => {
    expect(thrown(() => inject(undefined as never)).message).toContain('circular import');
    const error = thrown(() => {
      const ref = createServiceRef<string>({ id: 'x' });
      class OnMethod {
        method(@inject(ref) _value: string): void {}
      }
      return OnMethod;
    });
    expect(error.code).toBe('INVALID_DECORATOR');
    expect(error.message).toContain("method 'method'");
  });

  it('rejects bad extension point providers', () => {
    const ep = createExtensionPoint<{ add(): void }>({ id: 'x.y' });
    expect(thrown(() => Plugin({ id: 'p', extensionPoints: [{ provide: ep } as never] })).message).toContain(
      "extension point 'x.y' needs exactly one of useClass",
    );
    expect(thrown(() => Plugin({ id: 'p', extensionPoints: [{ provide: {} } as never] })).code).toBe('INVALID_DECORATOR');
  });

  it('checks token ids and factory shapes', () => {
    expect(thrown(() => createExtensionPoint({ id: '' })).code).toBe('INVALID_TOKEN');
    expect(thrown(() => createServiceRef({ id: 'x', scope: 'app' as never })).message).toContain("use 'root' or 'plugin'");
    expect(thrown(() => createServiceFactory({ service: {} as never, factory: () => 1 })).code).toBe('INVALID_TOKEN');
    const ref = createServiceRef<number>({ id: 'n' });
    expect(thrown(() => createServiceFactory({ service: ref, deps: { x: 'nope' as never }, factory: () => 1 })).message).toContain(
      "dependency 'x' is not a service ref",
    );
  });

  it('refuses a @Service scope that contradicts its ref', () => {
    const ref = createServiceRef<number>({ id: 'scoped', scope: 'root' });
    expect(thrown(() => Service({ provides: ref, scope: 'plugin' })).message).toContain('root-scoped');
  });

  it('gives refs and extension points a toString that names them, and the same key for the same id', () => {
    const a = createServiceRef<number>({ id: 'same.id' });
    const b = createServiceRef<number>({ id: 'same.id' });
    expect(String(a)).toBe('serviceRef{same.id}');
    expect(a.key).toBe(b.key);
    expect(a.scope).toBe('plugin');
    expect(String(createExtensionPoint({ id: 'e.p' }))).toBe('extensionPoint{e.p}');
  });
});

describe('inheritance', () => {
  it('lets a subclass keep or replace its parent’s hooks and injections', async () => {
    const { quietBuilder } = await import('../support.js');
    const calls: string[] = [];
    class BasePlugin {
      @onInit() init(): void {
        calls.push('base init');
      }
    }
    @Plugin({ id: 'keeps' })
    class Keeps extends BasePlugin {}
    @Plugin({ id: 'replaces' })
    class Replaces extends BasePlugin {
      @onInit() start(): void {
        calls.push('own init');
      }
    }
    const app = quietBuilder().add(Keeps).add(Replaces).build();
    await app.start();
    expect(calls.sort()).toEqual(['base init', 'own init']);
    await app.stop();
  });
});
