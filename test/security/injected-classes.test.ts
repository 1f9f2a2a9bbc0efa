/**
 * Route: injecting an extension point's implementation class instead of its token (SPEC.md
 * `IMPLEMENTATION_INJECTED`, `SCOPE_VIOLATION`).
 *
 * A class injected by class is created once per plugin, so whoever injects the implementation
 * class of the plugin's own point gets the raw instance the modules fill, with no gate. Only the
 * provider may: the providing plugin (or, for a module-provided point, the providing module),
 * directly or through plugin-scoped classes it injects. Anyone else is a wiring problem found by
 * validation, before any user code runs. An implementation is never root-scoped.
 */
import { createExtensionPoint, createServiceRef, inject, Module, Plugin, Service, type Feature, type WiringProblem } from 'plugboard';
import { factoryProvider, outcome, problemsWith, quietBuilder, thrownBy } from './kit.js';

interface Adds {
  add(item: string): void;
}

/** Validates `features`, then starts them: the problems, and whether start() ran any user code. */
async function check(features: Feature[], ran: () => boolean): Promise<{ problems: WiringProblem[]; start: string; ranUserCode: boolean }> {
  const problems = await quietBuilder().add(features).build().validate();
  const app = quietBuilder().add(features).build();
  const start = outcome(await thrownBy(() => app.start()));
  await app.stop();
  return { problems, start, ranUserCode: ran() };
}

/** The codes of `problems`, for messages that show everything validation said. */
const codes = (problems: readonly WiringProblem[]): string[] => problems.map((problem) => String(problem.code));

describe('a non-provider injecting the implementation class: IMPLEMENTATION_INJECTED at validation, nothing runs', () => {
  it('a module of the providing plugin injects the implementation class: refused, naming the module, the class and the extension point', async () => {
    let ran = false;
    const things = createExtensionPoint<Adds>({ id: 'victim.things' });
    @Service()
    class VictimRegistry implements Adds {
      readonly items: string[] = [];
      add(item: string): void {
        this.items.push(item);
      }
    }
    @Plugin({ id: 'victim', extensionPoints: [{ provide: things, useClass: VictimRegistry }] })
    class Victim {
      constructor(@inject(VictimRegistry) _registry: VictimRegistry) {}
    }
    @Module({ pluginId: 'victim', id: 'evil' })
    class Evil {
      constructor(@inject(VictimRegistry) _raw: VictimRegistry) {
        ran = true;
      }
    }
    const { problems, start, ranUserCode } = await check([Victim, Evil], () => ran);
    const found = problemsWith(problems, 'IMPLEMENTATION_INJECTED');
    expect(codes(found)).toEqual(['IMPLEMENTATION_INJECTED']);
    expect(found[0]).toMatchObject({ pluginId: 'victim', moduleId: 'evil', extensionPointId: 'victim.things' });
    expect(found[0]!.message).toContain('VictimRegistry');
    expect(start).toBe('PlugboardError INVALID_WIRING');
    expect(ranUserCode).toBe(false);
  });

  it('a plugin-scoped service (used by a module) injects the implementation class: refused, naming the service ref, the class and the point', async () => {
    let ran = false;
    const things = createExtensionPoint<Adds>({ id: 'victim.things' });
    @Service()
    class VictimRegistry implements Adds {
      add(): void {}
    }
    const helperRef = createServiceRef<object>({ id: 'evil.helper', scope: 'plugin' });
    @Service({ provides: helperRef })
    class EvilHelper {
      constructor(@inject(VictimRegistry) _raw: VictimRegistry) {
        ran = true;
      }
    }
    @Plugin({ id: 'victim', extensionPoints: [{ provide: things, useClass: VictimRegistry }] })
    class Victim {}
    @Module({ pluginId: 'victim', id: 'evil' })
    class Evil {
      constructor(@inject(helperRef) _helper: object) {}
    }
    const { problems, start, ranUserCode } = await check([Victim, Evil, EvilHelper], () => ran);
    const found = problemsWith(problems, 'IMPLEMENTATION_INJECTED');
    expect(found.length).toBeGreaterThan(0);
    expect(found[0]).toMatchObject({ refId: 'evil.helper', extensionPointId: 'victim.things' });
    expect(found[0]!.message).toContain('VictimRegistry');
    expect(start).toBe('PlugboardError INVALID_WIRING');
    expect(ranUserCode).toBe(false);
  });

  it('a module reaches the implementation class through a chain of classes injected by class: refused, naming the module and the class', async () => {
    let ran = false;
    const things = createExtensionPoint<Adds>({ id: 'victim.things' });
    @Service()
    class VictimRegistry implements Adds {
      add(): void {}
    }
    @Service()
    class Inner {
      constructor(@inject(VictimRegistry) _raw: VictimRegistry) {
        ran = true;
      }
    }
    @Service()
    class Outer {
      constructor(@inject(Inner) _inner: Inner) {}
    }
    @Plugin({ id: 'victim', extensionPoints: [{ provide: things, useClass: VictimRegistry }] })
    class Victim {}
    @Module({ pluginId: 'victim', id: 'evil' })
    class Evil {
      constructor(@inject(Outer) _outer: Outer) {}
    }
    const { problems, start, ranUserCode } = await check([Victim, Evil], () => ran);
    const found = problemsWith(problems, 'IMPLEMENTATION_INJECTED');
    expect(found.length).toBeGreaterThan(0);
    expect(found[0]).toMatchObject({ pluginId: 'victim', moduleId: 'evil', extensionPointId: 'victim.things' });
    expect(found[0]!.message).toContain('VictimRegistry');
    expect(start).toBe('PlugboardError INVALID_WIRING');
    expect(ranUserCode).toBe(false);
  });

  it('another plugin injects the victim’s implementation class: refused (it is not the provider), naming that plugin', async () => {
    let ran = false;
    const things = createExtensionPoint<Adds>({ id: 'victim.things' });
    @Service()
    class VictimRegistry implements Adds {
      add(): void {}
    }
    @Plugin({ id: 'victim', extensionPoints: [{ provide: things, useClass: VictimRegistry }] })
    class Victim {
      constructor(@inject(VictimRegistry) _registry: VictimRegistry) {}
    }
    @Plugin({ id: 'hostile' })
    class Hostile {
      constructor(@inject(VictimRegistry) _raw: VictimRegistry) {
        ran = true;
      }
    }
    const { problems, start, ranUserCode } = await check([Victim, Hostile], () => ran);
    const found = problemsWith(problems, 'IMPLEMENTATION_INJECTED');
    expect(found.length).toBeGreaterThan(0);
    expect(found[0]).toMatchObject({ pluginId: 'hostile', extensionPointId: 'victim.things' });
    expect(start).toBe('PlugboardError INVALID_WIRING');
    expect(ranUserCode).toBe(false);
  });

  it('a module injects the implementation class of a point another module provides: refused (only the providing module may)', async () => {
    let ran = false;
    const modThings = createExtensionPoint<Adds>({ id: 'victim.module-things' });
    @Service()
    class ModuleRegistry implements Adds {
      add(): void {}
    }
    @Plugin({ id: 'victim' })
    class Victim {}
    @Module({ pluginId: 'victim', id: 'provider', extensionPoints: [{ provide: modThings, useClass: ModuleRegistry }] })
    class ProviderModule {
      constructor(@inject(ModuleRegistry) _registry: ModuleRegistry) {}
    }
    @Module({ pluginId: 'victim', id: 'evil' })
    class Evil {
      constructor(@inject(ModuleRegistry) _raw: ModuleRegistry) {
        ran = true;
      }
    }
    const { problems, start, ranUserCode } = await check([Victim, ProviderModule, Evil], () => ran);
    const found = problemsWith(problems, 'IMPLEMENTATION_INJECTED');
    expect(found.length).toBeGreaterThan(0);
    expect(found[0]).toMatchObject({ pluginId: 'victim', moduleId: 'evil', extensionPointId: 'victim.module-things' });
    expect(start).toBe('PlugboardError INVALID_WIRING');
    expect(ranUserCode).toBe(false);
  });

  it('a module injects a class listed in a useFactory provider’s deps (what the provider reads additions from): refused', async () => {
    let ran = false;
    const things = createExtensionPoint<Adds>({ id: 'victim.things' });
    @Service()
    class Collected {
      readonly items: string[] = [];
    }
    const provider = factoryProvider(
      things,
      (_context, deps) => ({ add: (item: string) => (deps['collected'] as Collected).items.push(item) }),
      {
        collected: Collected,
      },
    );
    const build = (): Feature[] => {
      @Plugin({ id: 'victim', extensionPoints: [provider] })
      class Victim {
        constructor(@inject(Collected) _collected: Collected) {}
      }
      @Module({ pluginId: 'victim', id: 'evil' })
      class Evil {
        constructor(@inject(Collected) _raw: Collected) {
          ran = true;
        }
      }
      return [Victim, Evil];
    };
    const { problems, start, ranUserCode } = await check(build(), () => ran);
    const found = problemsWith(problems, 'IMPLEMENTATION_INJECTED');
    expect(found.length).toBeGreaterThan(0);
    expect(found[0]).toMatchObject({ pluginId: 'victim', moduleId: 'evil', extensionPointId: 'victim.things' });
    expect(start).toBe('PlugboardError INVALID_WIRING');
    expect(ranUserCode).toBe(false);
  });
});

describe('a root-scoped implementation: SCOPE_VIOLATION at validation', () => {
  it('an implementation class declared @Service({ scope: "root" }) is refused (shared app-wide, another plugin would read the additions), naming the class and the point', async () => {
    let ran = false;
    const things = createExtensionPoint<Adds>({ id: 'victim.things' });
    @Service({ scope: 'root' })
    class SharedRegistry implements Adds {
      readonly items: string[] = [];
      add(item: string): void {
        this.items.push(item);
      }
    }
    @Plugin({ id: 'victim', extensionPoints: [{ provide: things, useClass: SharedRegistry }] })
    class Victim {
      constructor(@inject(SharedRegistry) _registry: SharedRegistry) {}
    }
    @Module({ pluginId: 'victim', id: 'friend' })
    class Friend {
      constructor(@inject(things) view: Adds) {
        view.add('a secret addition');
      }
    }
    @Plugin({ id: 'hostile' })
    class Hostile {
      constructor(@inject(SharedRegistry) _raw: SharedRegistry) {
        ran = true;
      }
    }
    const { problems, start, ranUserCode } = await check([Victim, Friend, Hostile], () => ran);
    const found = problemsWith(problems, 'SCOPE_VIOLATION').filter((problem) => problem.message.includes('SharedRegistry'));
    expect(found.length).toBeGreaterThan(0);
    expect(found.some((problem) => problem.extensionPointId === 'victim.things' || problem.message.includes('victim.things'))).toBe(true);
    expect(start).toBe('PlugboardError INVALID_WIRING');
    expect(ranUserCode).toBe(false);
  });
});

describe('what the provider may do stays allowed (no problem)', () => {
  it('the providing plugin injects its implementation class', async () => {
    const things = createExtensionPoint<Adds>({ id: 'victim.things' });
    @Service()
    class VictimRegistry implements Adds {
      add(): void {}
    }
    @Plugin({ id: 'victim', extensionPoints: [{ provide: things, useClass: VictimRegistry }] })
    class Victim {
      constructor(@inject(VictimRegistry) _registry: VictimRegistry) {}
    }
    @Module({ pluginId: 'victim', id: 'friend' })
    class Friend {
      constructor(@inject(things) _view: Adds) {}
    }
    const { problems, start } = await check([Victim, Friend], () => false);
    expect(codes(problems)).toEqual([]);
    expect(start).toBe('nothing thrown');
  });

  it('the providing plugin injects a plugin-scoped class that injects the implementation class', async () => {
    const things = createExtensionPoint<Adds>({ id: 'victim.things' });
    @Service()
    class VictimRegistry implements Adds {
      add(): void {}
    }
    @Service()
    class Reader {
      constructor(@inject(VictimRegistry) _registry: VictimRegistry) {}
    }
    @Plugin({ id: 'victim', extensionPoints: [{ provide: things, useClass: VictimRegistry }] })
    class Victim {
      constructor(@inject(Reader) _reader: Reader) {}
    }
    const { problems, start } = await check([Victim], () => false);
    expect(codes(problems)).toEqual([]);
    expect(start).toBe('nothing thrown');
  });

  it('the providing module injects the implementation class of its own point', async () => {
    const modThings = createExtensionPoint<Adds>({ id: 'victim.module-things' });
    @Service()
    class ModuleRegistry implements Adds {
      add(): void {}
    }
    @Plugin({ id: 'victim' })
    class Victim {}
    @Module({ pluginId: 'victim', id: 'provider', extensionPoints: [{ provide: modThings, useClass: ModuleRegistry }] })
    class ProviderModule {
      constructor(@inject(ModuleRegistry) _registry: ModuleRegistry) {}
    }
    @Module({ pluginId: 'victim', id: 'friend' })
    class Friend {
      constructor(@inject(modThings) _view: Adds) {}
    }
    const { problems, start } = await check([Victim, ProviderModule, Friend], () => false);
    expect(codes(problems)).toEqual([]);
    expect(start).toBe('nothing thrown');
  });
});
