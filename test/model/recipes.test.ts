import { createExtensionPoint, createServiceRef, inject, optional, Service, type AnyServiceRef, type WiringProblem } from 'plugboard';
import { RecipeBook } from '../../src/model/recipes.js';
import type { Dependency, ServiceNode } from '../../src/model/types.js';
import type { Constructor } from '../../src/tokens/types.js';
import { ids, injecting, service } from './kit.js';

/** A service node for `ref`, as serviceShells makes it (nothing filled in). */
function shell(ref: AnyServiceRef): ServiceNode {
  return {
    kind: 'service',
    id: ref.id,
    ref,
    scope: ref.scope,
    multiton: ref.multiton,
    initialization: 'lazy',
    source: 'installed',
    implementations: [],
    decorators: [],
    rootContext: undefined,
    replaced: [],
    deps: [],
    needs: [],
  };
}

const known = createServiceRef<object>({ id: 'known' });
const missing = createServiceRef<object>({ id: 'missing' });
const ep = createExtensionPoint<object>({ id: 'p.ep' });

/** A book that knows the ref `known`; `implementing` maps classes to the singleton refs they implement. */
function book(implementing: ReadonlyArray<readonly [Constructor, AnyServiceRef]> = []) {
  const problems: WiringProblem[] = [];
  const services = new Map([[known.id, shell(known)]]);
  for (const [, ref] of implementing) if (!services.has(ref.id)) services.set(ref.id, shell(ref));
  const classes = new Map(implementing.map(([cls, ref]) => [cls, services.get(ref.id)!]));
  return { book: new RecipeBook(services, classes, problems), problems };
}

/** A dependency as tests compare it: its kind and what it points at, by name. */
function describeDep(dep: Dependency): string {
  switch (dep.kind) {
    case 'service':
      return `service ${dep.node.id}${dep.optional ? '?' : ''}`;
    case 'class':
      return `class ${dep.node.recipe.name}${dep.optional ? '?' : ''}`;
    case 'extensionPoint':
      return `point ${dep.extensionPoint.id}${dep.optional ? '?' : ''}`;
    case 'absent':
      return 'absent';
  }
}

describe(RecipeBook, () => {
  describe('recipe: one dependency per constructor parameter', () => {
    it.each<{ name: string; cls: () => Constructor; deps: string[]; problems: Array<Omit<WiringProblem, 'message'>> }>([
      { name: 'no parameters', cls: () => injecting('Empty'), deps: [], problems: [] },
      {
        name: 'a ref, a point and a class',
        cls: () => injecting('Mixed', [known, ep, injecting('Helper')]),
        deps: ['service known', 'point p.ep', 'class Helper'],
        problems: [],
      },
      { name: 'optional tokens', cls: () => injecting('Opt', [{ token: known, optional: true }]), deps: ['service known?'], problems: [] },
      { name: 'a missing ref: absent, remembered', cls: () => injecting('NeedsMissing', [missing]), deps: ['absent'], problems: [] },
      {
        name: 'a missing ref, optionally: absent',
        cls: () => injecting('MayNeed', [{ token: missing, optional: true }]),
        deps: ['absent'],
        problems: [],
      },
      {
        name: 'a parameter without a token',
        cls: () =>
          ({
            NoToken: class {
              constructor(_first: unknown) {}
            },
          }).NoToken,
        deps: ['absent'],
        problems: [{ code: 'MISSING_INJECTION_TOKEN', pluginId: 'p' }],
      },
      {
        name: 'a parameter without a token, after one with',
        cls: () => {
          const cls = {
            Second: class {
              constructor(_first: unknown, _second: unknown) {}
            },
          }.Second;
          inject(known)(cls, undefined, 0);
          return cls;
        },
        deps: ['service known', 'absent'],
        problems: [{ code: 'MISSING_INJECTION_TOKEN', pluginId: 'p' }],
      },
      {
        name: 'an optional parameter without a token',
        cls: () => {
          const cls = {
            OptionalOnly: class {
              constructor(_first?: unknown) {}
            },
          }.OptionalOnly;
          optional()(cls, undefined, 0);
          return cls;
        },
        deps: ['absent'],
        problems: [],
      },
    ])('$name', ({ cls, deps, problems }) => {
      const { book: recipes, problems: found } = book();
      expect(recipes.recipe(cls(), { pluginId: 'p' }).deps.map(describeDep)).toEqual(deps);
      expect(found.map(ids)).toEqual(problems);
    });
  });

  it('reads a class without running its static length or name getters', () => {
    const ran: string[] = [];
    class Hostile {}
    Object.defineProperty(Hostile, 'length', {
      get: () => {
        ran.push('length');
        return 3;
      },
    });
    Object.defineProperty(Hostile, 'name', {
      get: () => {
        ran.push('name');
        return 'Hostile';
      },
    });
    // A function without a length of its own reads its prototype's: a getter there is not run either.
    function Inheriting(): void {}
    delete (Inheriting as { length?: number }).length;
    Object.setPrototypeOf(Inheriting, Hostile);
    const { book: recipes, problems } = book();
    for (const cls of [Hostile, Inheriting]) {
      const recipe = recipes.recipe(cls as unknown as Constructor, { pluginId: 'p' });
      // Not run, so the count is the parameters' (none), not the getter's 3.
      expect(recipe.deps).toEqual([]);
      expect(typeof recipe.name).toBe('string');
    }
    expect(problems).toEqual([]);
    expect(ran).toEqual([]);
  });

  it('reads a Proxy class whose traps throw as taking no parameters, without throwing', () => {
    const trap = (): never => {
      throw new Error('trap');
    };
    const cls = new Proxy(class {}, { getOwnPropertyDescriptor: trap, get: trap, getPrototypeOf: trap }) as Constructor;
    const { book: recipes, problems } = book();
    const recipe = recipes.recipe(cls, { pluginId: 'p' });
    expect(recipe.deps).toEqual([]);
    expect(recipe.name).toBe('<anonymous class>');
    expect(problems).toEqual([]);
  });

  it('reads a Proxy class with endless prototypes in bounded time', () => {
    const handler: ProxyHandler<Constructor> = { getPrototypeOf: () => new Proxy(class {}, handler) };
    const cls = new Proxy(class {}, handler);
    const { book: recipes, problems } = book();
    expect(recipes.recipe(cls, { pluginId: 'p' }).deps).toEqual([]);
    expect(problems).toEqual([]);
  });

  it("counts a plain class's declared parameters without a decorator on each", () => {
    const cls = {
      Three: class {
        constructor(_a: unknown, _b: unknown, _c: unknown) {}
      },
    }.Three;
    const { book: recipes, problems } = book();
    expect(recipes.recipe(cls, { pluginId: 'p' }).deps).toHaveLength(3);
    expect(problems.map(ids)).toHaveLength(3);
  });

  it('names the declared type of a parameter without a token', () => {
    class Dependency {}
    @Service()
    class Owner {
      constructor(readonly dependency: Dependency) {}
    }
    const { book: recipes, problems } = book();
    recipes.recipe(Owner as Constructor, { pluginId: 'p' });
    expect(problems.map(ids)).toEqual([{ code: 'MISSING_INJECTION_TOKEN', pluginId: 'p' }]);
    expect(problems[0]!.message).toContain('Dependency');
  });

  it('remembers each missing ref with everyone who asked for it, once each', () => {
    const { book: recipes } = book();
    const NeedsMissing = injecting('NeedsMissing', [missing, missing]);
    recipes.recipe(NeedsMissing, { pluginId: 'p' });
    recipes.recipe(NeedsMissing, { pluginId: 'p', moduleId: 'm' });
    recipes.recipe(NeedsMissing, { pluginId: 'p' });
    recipes.dependency(missing, false, { refId: 'other' });
    recipes.dependency(missing, true, { refId: 'optional' });
    expect([...recipes.missing.values()].map(({ ref, dependants }) => [ref.id, dependants])).toEqual([
      ['missing', ["plugin 'p'", "module 'm' of plugin 'p'", "service 'other'"]],
    ]);
  });

  it('interns dependencies: one object per token and optionality', () => {
    const { book: recipes } = book();
    const Helper = injecting('Helper');
    for (const token of [known, ep, Helper]) {
      expect(recipes.dependency(token, false, { pluginId: 'a' })).toBe(recipes.dependency(token, false, { pluginId: 'b' }));
      expect(recipes.dependency(token, true, { pluginId: 'a' })).not.toBe(recipes.dependency(token, false, { pluginId: 'a' }));
    }
  });

  it('injects a class that implements a singleton ref as that service', () => {
    const implemented = createServiceRef<object>({ id: 'implemented' });
    const Impl = service('Impl', { provides: implemented });
    const { book: recipes } = book([[Impl, implemented]]);
    expect(describeDep(recipes.dependency(Impl, false, { pluginId: 'p' }))).toBe('service implemented');
  });

  describe('class nodes', () => {
    it('one per class, with unique keys for classes of one name', () => {
      const { book: recipes } = book();
      const [first, second] = [injecting('Same'), injecting('Same')];
      expect(recipes.classNode(first)).toBe(recipes.classNode(first));
      expect(recipes.classNode(first).key).not.toBe(recipes.classNode(second).key);
    });

    it.each<{ name: string; cls: () => Constructor; scope: string }>([
      { name: 'a plain class: per plugin', cls: () => injecting('Plain'), scope: 'plugin' },
      { name: '@Service(): per plugin', cls: () => service('PerPlugin'), scope: 'plugin' },
      { name: "@Service({ scope: 'root' }): shared", cls: () => service('Shared', { scope: 'root' }), scope: 'root' },
    ])('scope of $name', ({ cls, scope }) => {
      expect(book().book.classNode(cls()).scope).toBe(scope);
    });

    it('builds recipes of queued classes in drain(), not before', () => {
      const { book: recipes } = book();
      const node = recipes.classNode(injecting('Later', [known]));
      expect(node.recipe.deps).toEqual([]);
      recipes.drain();
      expect(node.recipe.deps.map(describeDep)).toEqual(['service known']);
    });

    it('drains a chain of 10 000 classes injected by class without recursion', () => {
      let next: Constructor = injecting('C9999');
      for (let index = 9_998; index >= 0; index--) next = injecting(`C${index}`, [next]);
      const { book: recipes, problems } = book();
      let node = recipes.classNode(next);
      recipes.drain();
      expect(recipes.classNodes.size).toBe(10_000);
      let length = 1;
      while (node.recipe.deps.length > 0) {
        const dep = node.recipe.deps[0]!;
        if (dep.kind !== 'class') throw new Error(`unexpected ${dep.kind}`);
        node = dep.node;
        length++;
      }
      expect([length, node.recipe.name]).toEqual([10_000, 'C9999']);
      expect(problems).toEqual([]);
    });
  });
});
