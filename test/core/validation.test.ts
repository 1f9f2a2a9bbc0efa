import {
  createExtensionPoint,
  createServiceFactory,
  createServiceRef,
  inject,
  Module,
  onInit,
  optional,
  Plugin,
  PlugboardError,
  Service,
  type WiringProblem,
} from 'plugboard';
import { quietBuilder } from '../support.js';

const ran: string[] = [];
afterEach(() => (ran.length = 0));

/** A plugin whose constructor and init record that user code ran. */
function plugin(id: string, options: { dependsOn?: string[] } = {}): new () => object {
  @Plugin({ id, ...options })
  class P {
    constructor() {
      ran.push(`construct ${id}`);
    }
    @onInit() init(): void {
      ran.push(`init ${id}`);
    }
  }
  return P;
}

async function problemsOf(...features: unknown[]): Promise<WiringProblem[]> {
  const builder = quietBuilder();
  for (const feature of features) builder.add(feature as never);
  const app = builder.build();
  const problems = await app.validate();
  const error = await app.start().then(
    () => undefined,
    (e: unknown) => e,
  );
  if (problems.length > 0) {
    expect(error).toBeInstanceOf(PlugboardError);
    expect((error as PlugboardError).code).toBe('INVALID_WIRING');
    expect((error as PlugboardError).problems).toEqual(problems);
    expect(ran).toEqual([]); // nothing ran before validation failed
  } else {
    await app.stop();
  }
  return problems;
}

describe('validation finds every wiring problem before any user code runs', () => {
  it('duplicate plugin ids', async () => {
    const problems = await problemsOf(plugin('catalog'), plugin('catalog'));
    expect(problems).toEqual([expect.objectContaining({ code: 'DUPLICATE_PLUGIN', pluginId: 'catalog' })]);
    expect(problems[0]!.message).toContain("Plugin id 'catalog' is used by 2 classes");
  });

  it('duplicate module ids within a plugin, but not across plugins', async () => {
    @Module({ pluginId: 'catalog', id: 'github' })
    class A {}
    @Module({ pluginId: 'catalog', id: 'github' })
    class B {}
    @Module({ pluginId: 'search', id: 'github' })
    class C {}
    const problems = await problemsOf(plugin('catalog'), plugin('search'), A, B, C);
    expect(problems).toEqual([expect.objectContaining({ code: 'DUPLICATE_MODULE', pluginId: 'catalog', moduleId: 'github' })]);
    expect(problems[0]!.message).toMatch(/two modules with id 'github' \(A and B\)/);
  });

  it('duplicate module ids in a plugin with many modules (checked through an index)', async () => {
    const modules = Array.from({ length: 24 }, (_, index) => {
      @Module({ pluginId: 'big', id: index === 22 ? 'm18' : `m${index}` })
      class M {}
      return M;
    });
    const problems = await problemsOf(plugin('big'), ...modules);
    expect(problems).toEqual([expect.objectContaining({ code: 'DUPLICATE_MODULE', pluginId: 'big', moduleId: 'm18' })]);
  });

  it('a module for a plugin that is not installed', async () => {
    @Module({ pluginId: 'catalog', id: 'orphan' })
    class Orphan {}
    const problems = await problemsOf(Orphan);
    expect(problems).toEqual([expect.objectContaining({ code: 'MODULE_WITHOUT_PLUGIN', pluginId: 'catalog', moduleId: 'orphan' })]);
    expect(problems[0]!.message).toContain("Add the 'catalog' plugin");
  });

  it('an extension point nobody provides, and one that another plugin owns', async () => {
    const owned = createExtensionPoint<{ add(): void }>({ id: 'catalog.processors' });
    const nowhere = createExtensionPoint<{ add(): void }>({ id: 'nowhere.ep' });
    @Plugin({ id: 'catalog', extensionPoints: [{ provide: owned, useValue: { add() {} } }] })
    class Catalog {}
    @Module({ pluginId: 'search', id: 'thief' })
    class Thief {
      constructor(@inject(owned) readonly ep: unknown) {}
    }
    @Module({ pluginId: 'search', id: 'hopeful' })
    class Hopeful {
      constructor(@inject(nowhere) readonly ep: unknown) {}
    }
    const problems = await problemsOf(Catalog, plugin('search'), Thief, Hopeful);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          code: 'EXTENSION_POINT_OF_OTHER_PLUGIN',
          pluginId: 'search',
          moduleId: 'thief',
          extensionPointId: 'catalog.processors',
        }),
        expect.objectContaining({
          code: 'EXTENSION_POINT_NOT_PROVIDED',
          pluginId: 'search',
          moduleId: 'hopeful',
          extensionPointId: 'nowhere.ep',
        }),
      ]),
    );
    expect(problems.find((p) => p.code === 'EXTENSION_POINT_OF_OTHER_PLUGIN')!.message).toContain("belongs to plugin 'catalog'");
  });

  it('a missing service, named with everyone who needs it', async () => {
    const store = createServiceRef<object>({ id: 'todo.store' });
    @Module({ pluginId: 'todo', id: 'm' })
    class M {
      constructor(@inject(store) readonly s: object) {}
    }
    @Plugin({ id: 'todo' })
    class Todo {
      constructor(@inject(store) readonly s: object) {}
    }
    const problems = await problemsOf(Todo, M);
    expect(problems).toEqual([expect.objectContaining({ code: 'SERVICE_NOT_FOUND', refId: 'todo.store' })]);
    expect(problems[0]!.message).toContain("plugin 'todo'");
    expect(problems[0]!.message).toContain("module 'm' of plugin 'todo'");
  });

  it('an optional missing service is not a problem and injects undefined', async () => {
    const store = createServiceRef<object>({ id: 'maybe.store' });
    let received: unknown = 'unset';
    @Plugin({ id: 'todo' })
    class Todo {
      constructor(@optional() @inject(store) s: object | undefined) {
        received = s;
      }
    }
    expect(await problemsOf(Todo)).toEqual([]);
    expect(received).toBeUndefined();
  });

  it('a root-scoped service depending on a plugin-scoped one', async () => {
    const perPlugin = createServiceRef<object>({ id: 'per.plugin', scope: 'plugin' });
    const shared = createServiceRef<object>({ id: 'shared', scope: 'root' });
    const problems = await problemsOf(
      createServiceFactory({ service: perPlugin, factory: () => ({}) }),
      createServiceFactory({ service: shared, deps: { p: perPlugin }, factory: () => ({}) }),
    );
    expect(problems).toEqual([expect.objectContaining({ code: 'SCOPE_VIOLATION', refId: 'shared', related: ['per.plugin'] })]);
  });

  it('a service cycle, with its full path', async () => {
    const a = createServiceRef<object>({ id: 'a' });
    const b = createServiceRef<object>({ id: 'b' });
    const c = createServiceRef<object>({ id: 'c' });
    @Plugin({ id: 'user' })
    class User {
      constructor(@inject(a) readonly x: object) {}
    }
    const problems = await problemsOf(
      User,
      createServiceFactory({ service: a, deps: { b }, factory: () => ({}) }),
      createServiceFactory({ service: b, deps: { c }, factory: () => ({}) }),
      createServiceFactory({ service: c, deps: { a }, factory: () => ({}) }),
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]).toEqual(expect.objectContaining({ code: 'DEPENDENCY_CYCLE' }));
    expect(problems[0]!.message).toContain('a -> b -> c -> a');
    expect(problems[0]!.path).toEqual(['a', 'b', 'c', 'a']);
  });

  it('a service cycle reported once, without the services that only lead into it', async () => {
    const entry = createServiceRef<object>({ id: 'entry' });
    const middle = createServiceRef<object>({ id: 'middle' });
    const a = createServiceRef<object>({ id: 'a' });
    const b = createServiceRef<object>({ id: 'b' });
    const leaf = createServiceRef<object>({ id: 'leaf' });
    @Plugin({ id: 'user' })
    class User {
      constructor(@inject(entry) readonly x: object) {}
    }
    const problems = await problemsOf(
      User,
      createServiceFactory({ service: entry, deps: { middle, leaf }, factory: () => ({}) }),
      createServiceFactory({ service: middle, deps: { a }, factory: () => ({}) }),
      createServiceFactory({ service: a, deps: { b, leaf }, factory: () => ({}) }),
      createServiceFactory({ service: b, deps: { a }, factory: () => ({}) }),
      createServiceFactory({ service: leaf, deps: {}, factory: () => ({}) }),
    );
    expect(problems).toEqual([expect.objectContaining({ code: 'DEPENDENCY_CYCLE', path: ['a', 'b', 'a'] })]);
  });

  it('a cycle through module-provided extension points, with its path', async () => {
    const x = createExtensionPoint<{ add(): void }>({ id: 'p.x' });
    const y = createExtensionPoint<{ add(): void }>({ id: 'p.y' });
    @Module({ pluginId: 'p', id: 'mod-a', extensionPoints: [{ provide: x, useValue: { add() {} } }] })
    class A {
      constructor(@inject(y) readonly y: unknown) {}
    }
    @Module({ pluginId: 'p', id: 'mod-b', extensionPoints: [{ provide: y, useValue: { add() {} } }] })
    class B {
      constructor(@inject(x) readonly x: unknown) {}
    }
    const problems = await problemsOf(plugin('p'), A, B);
    expect(problems).toEqual([expect.objectContaining({ code: 'DEPENDENCY_CYCLE', pluginId: 'p' })]);
    expect(problems[0]!.message).toMatch(/mod-a -> mod-b -> mod-a|mod-b -> mod-a -> mod-b/);
  });

  it('a cycle through a class and an extension point implementation', async () => {
    const x = createExtensionPoint<{ add(): void }>({ id: 'p.x' });
    @Service()
    class Helper {
      constructor(@inject(x) readonly x: unknown) {}
    }
    @Service()
    class Impl {
      constructor(@inject(Helper) readonly helper: Helper) {}
      add(): void {}
    }
    @Plugin({ id: 'p', extensionPoints: [{ provide: x, useClass: Impl }] })
    class P {
      constructor(@inject(Impl) readonly impl: Impl) {}
    }
    const problems = await problemsOf(P);
    expect(problems).toEqual([expect.objectContaining({ code: 'DEPENDENCY_CYCLE', extensionPointId: 'p.x' })]);
    expect(problems[0]!.path).toEqual(expect.arrayContaining(['Helper', 'p.x', 'Impl']));
  });

  it('two implementations of one ref', async () => {
    const ref = createServiceRef<object>({ id: 'dup' });
    @Service({ provides: ref })
    class One {}
    const problems = await problemsOf(One, createServiceFactory({ service: ref, factory: () => ({}) }));
    expect(problems).toEqual([expect.objectContaining({ code: 'DUPLICATE_SERVICE', refId: 'dup' })]);
    expect(problems[0]!.message).toContain('class One');
  });

  it('a constructor parameter with no injection token', async () => {
    @Plugin({ id: 'forgetful' })
    class Forgetful {
      constructor(readonly logger: object) {}
    }
    const problems = await problemsOf(Forgetful);
    expect(problems).toEqual([expect.objectContaining({ code: 'MISSING_INJECTION_TOKEN', pluginId: 'forgetful' })]);
    expect(problems[0]!.message).toContain("Constructor parameter 0 of plugin 'forgetful' (class Forgetful) has no injection token");
  });

  it('a dependsOn on a missing plugin, and dependsOn cycles', async () => {
    const problems = await problemsOf(
      plugin('a', { dependsOn: ['b'] }),
      plugin('b', { dependsOn: ['a'] }),
      plugin('c', { dependsOn: ['ghost'] }),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'PLUGIN_DEPENDENCY_MISSING', pluginId: 'c', related: ['ghost'] }),
        expect.objectContaining({ code: 'DEPENDENCY_CYCLE', path: ['a', 'b', 'a'] }),
      ]),
    );
  });

  it('reports every problem at once, in one error', async () => {
    @Module({ pluginId: 'missing', id: 'orphan' })
    class Orphan {}
    const ref = createServiceRef<object>({ id: 'nothing' });
    @Plugin({ id: 'needy' })
    class Needy {
      constructor(@inject(ref) readonly r: object) {}
    }
    const problems = await problemsOf(plugin('dup'), plugin('dup'), Orphan, Needy);
    expect(problems.map((p) => p.code).sort()).toEqual(['DUPLICATE_PLUGIN', 'MODULE_WITHOUT_PLUGIN', 'SERVICE_NOT_FOUND']);
  });

  it('the INVALID_WIRING message lists each problem with its code', async () => {
    @Module({ pluginId: 'missing', id: 'orphan' })
    class Orphan {}
    const app = quietBuilder().add(Orphan).build();
    await expect(app.start()).rejects.toThrow(/1 problem; nothing was started:\n {2}1\. \[MODULE_WITHOUT_PLUGIN\] Module 'orphan'/);
    expect(app.state).toBe('failed');
  });
});

describe('more wiring problems', () => {
  it('the same extension point provided twice', async () => {
    const ep = createExtensionPoint<{ add(): void }>({ id: 'shared.ep' });
    @Plugin({ id: 'one', extensionPoints: [{ provide: ep, useValue: { add() {} } }] })
    class One {}
    @Plugin({ id: 'two', extensionPoints: [{ provide: ep, useValue: { add() {} } }] })
    class Two {}
    const problems = await problemsOf(One, Two);
    expect(problems).toEqual([
      expect.objectContaining({ code: 'DUPLICATE_EXTENSION_POINT', extensionPointId: 'shared.ep', pluginId: 'two' }),
    ]);
    expect(problems[0]!.message).toContain("provided twice: by plugin 'one' and by plugin 'two'");
  });

  it('a service that injects an extension point', async () => {
    const ep = createExtensionPoint<{ add(): void }>({ id: 'p.ep' });
    const ref = createServiceRef<object>({ id: 'greedy.service' });
    @Service({ provides: ref })
    class Greedy {
      constructor(@inject(ep) readonly e: unknown) {}
    }
    @Plugin({ id: 'p', extensionPoints: [{ provide: ep, useValue: { add() {} } }] })
    class P {
      constructor(@inject(ref) readonly s: object) {}
    }
    expect(await problemsOf(P, Greedy)).toEqual([
      expect.objectContaining({ code: 'EXTENSION_POINT_IN_SERVICE', refId: 'greedy.service', extensionPointId: 'p.ep' }),
    ]);
  });

  it('two refs with one id but different scopes', async () => {
    const a = createServiceRef<object>({ id: 'same.id', scope: 'root' });
    const b = createServiceRef<object>({ id: 'same.id', scope: 'plugin' });
    @Plugin({ id: 'p' })
    class P {
      constructor(
        @inject(a) readonly x: object,
        @inject(b) readonly y: object,
      ) {}
    }
    const problems = await problemsOf(P, createServiceFactory({ service: a, factory: () => ({}) }));
    expect(problems).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'DUPLICATE_REF_ID', refId: 'same.id' })]));
  });

  it('a defaultFactory that throws or returns something else', async () => {
    const throwing = createServiceRef<object>({
      id: 'default.throws',
      defaultFactory: () => {
        throw new Error('no default today');
      },
    });
    const wrong = createServiceRef<object>({ id: 'default.wrong', defaultFactory: () => 42 as never });
    @Plugin({ id: 'p' })
    class P {
      constructor(
        @inject(throwing) readonly a: object,
        @inject(wrong) readonly b: object,
      ) {}
    }
    const problems = await problemsOf(P);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          code: 'DEFAULT_FACTORY_FAILED',
          refId: 'default.throws',
          message: expect.stringContaining('no default today'),
        }),
        expect.objectContaining({ code: 'DEFAULT_FACTORY_FAILED', refId: 'default.wrong' }),
      ]),
    );
  });
});

describe('builder options', () => {
  it('refuses bad options with INVALID_OPTIONS', async () => {
    const { ContainerBuilder } = await import('plugboard');
    expect(() => new ContainerBuilder({ onPluginBootFailure: 'maybe' as never })).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTIONS' }),
    );
    expect(() => new ContainerBuilder({ initTimeoutMs: -1 })).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTIONS', message: expect.stringContaining('initTimeoutMs') }),
    );
  });
});
