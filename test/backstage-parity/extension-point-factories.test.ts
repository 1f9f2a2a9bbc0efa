/**
 * Extension point factories (`{ provide, useFactory: (context, deps) => T }`): Backstage's
 * `registerExtensionPoint({ extensionPoint, factory })` and its `reportModuleStartupFailure`,
 * ported from BackendInitializer's "should honor module failure reports from extension points",
 * with the misuses issue 14 lists.
 */
import { createExtensionPoint, inject, Module, onInit, onShutdown, Plugin, Service, type ExtensionPointFactoryContext } from 'plugboard';
import { quietBuilder, rootCause, startFailure, thrownBy } from './kit.js';

interface Actions {
  addAction(name: string): void;
}
const actionsPoint = createExtensionPoint<Actions>({ id: 'scaffolder.actions' });

const moduleContinue = (pluginId: string, moduleId: string) => ({
  plugboard: { startup: { plugins: { [pluginId]: { modules: { [moduleId]: { onModuleBootFailure: 'continue' } } } } } },
});

/** A scaffolder module whose @onInit adds `action`. */
function actionModule(id: string, action: string, journal: string[] = []) {
  @Module({ pluginId: 'scaffolder', id })
  class ActionModule {
    constructor(@inject(actionsPoint) private readonly actions: Actions) {}
    @onInit() init(): void {
      this.actions.addAction(action);
    }
    @onShutdown() close(): void {
      journal.push(`${id} down`);
    }
  }
  return ActionModule;
}

it('counts a failure the provider reports for a module as that module failing (BackendInitializer: should honor module failure reports from extension points)', async () => {
  const valuePoint = createExtensionPoint<{ getValue(): number }>({ id: 'test-extension' });
  const reported = new Error('NOPE');
  let theContext: ExtensionPointFactoryContext | undefined;
  @Plugin({
    id: 'test',
    extensionPoints: [
      {
        provide: valuePoint,
        useFactory: (context) => {
          theContext = context;
          return { getValue: () => 3 };
        },
      },
    ],
  })
  class TestPlugin {
    @onInit() init(): void {
      theContext?.reportModuleStartupFailure({ error: reported });
    }
  }
  let extensionValue = 0;
  @Module({ pluginId: 'test', id: 'mod' })
  class Mod {
    constructor(@inject(valuePoint) private readonly extension: { getValue(): number }) {}
    @onInit() init(): void {
      extensionValue = this.extension.getValue();
    }
  }
  const app = quietBuilder({ config: moduleContinue('test', 'mod') })
    .add(TestPlugin)
    .add(Mod)
    .build();
  const result = await app.start();
  expect(result).toMatchObject({
    outcome: 'partial',
    plugins: [{ pluginId: 'test', status: 'started', modules: [{ moduleId: 'mod', status: 'failed' }] }],
  });
  expect(rootCause(result.plugins[0]!.modules[0]!.error)).toBe(reported);
  expect(extensionValue).toBe(3);
  await app.stop();
});

describe('extension point factories (issue 14)', () => {
  it('refuses a factory that returns a promise (an async useFactory): the module fails, saying so', async () => {
    const point = createExtensionPoint<{ add(item: string): void }>({ id: 'async.items' });
    @Plugin({ id: 'async', extensionPoints: [{ provide: point, useFactory: async () => ({ add: () => undefined }) }] })
    class AsyncPlugin {}
    @Module({ pluginId: 'async', id: 'user' })
    class User {
      constructor(@inject(point) readonly items: { add(item: string): void }) {}
    }
    const { error } = await startFailure(quietBuilder().add([AsyncPlugin, User]).build());
    expect(error).toMatchObject({ code: 'INIT_FAILED', pluginId: 'async' });
    expect(String((rootCause(error) as Error).message)).toContain('returned a promise');
  });

  it('calls the factory once per module that injects the point, with its plugin and module id, and gives each module its own result', async () => {
    const contexts: ExtensionPointFactoryContext[] = [];
    const whoAdded: string[] = [];
    @Plugin({
      id: 'scaffolder',
      extensionPoints: [
        {
          provide: actionsPoint,
          useFactory: (context) => {
            contexts.push(context);
            return { addAction: (name: string) => whoAdded.push(`${context.moduleId}:${name}`) };
          },
        },
      ],
    })
    class Scaffolder {}
    @Module({ pluginId: 'scaffolder', id: 'quiet' })
    class Quiet {}
    const app = quietBuilder()
      .add(Scaffolder)
      .add(actionModule('github', 'publish'))
      .add(actionModule('gitlab', 'publish'))
      .add(Quiet)
      .build();
    await app.start();
    expect(contexts.map((c) => [c.pluginId, c.moduleId]).sort()).toEqual([
      ['scaffolder', 'github'],
      ['scaffolder', 'gitlab'],
    ]);
    expect(contexts.every((c) => typeof c.reportModuleStartupFailure === 'function')).toBe(true);
    expect(whoAdded.sort()).toEqual(['github:publish', 'gitlab:publish']);
    await app.stop();
  });

  it('calls it for the provider too when it injects its own point: moduleId undefined, and reporting from that context is INVALID_STATE', async () => {
    const contexts: ExtensionPointFactoryContext[] = [];
    let providerReport: unknown;
    @Plugin({
      id: 'scaffolder',
      extensionPoints: [
        {
          provide: actionsPoint,
          useFactory: (context) => {
            contexts.push(context);
            return { addAction: () => undefined };
          },
        },
      ],
    })
    class Scaffolder {
      constructor(@inject(actionsPoint) readonly own: Actions) {
        providerReport = thrownBy(() => contexts[0]!.reportModuleStartupFailure({ error: new Error('not a module') }));
      }
    }
    const app = quietBuilder().add(Scaffolder).build();
    await app.start();
    expect(contexts).toHaveLength(1);
    expect(contexts[0]).toMatchObject({ pluginId: 'scaffolder', moduleId: undefined });
    expect(providerReport).toMatchObject({ code: 'INVALID_STATE', pluginId: 'scaffolder' });
    await app.stop();
  });

  describe('a module reported while it adds something', () => {
    const reported = new Map<string, Error>();
    @Plugin({
      id: 'scaffolder',
      extensionPoints: [
        {
          provide: actionsPoint,
          useFactory: (context) => ({
            addAction(name: string): void {
              if (!name.startsWith('bad')) return;
              const error = new Error(`invalid action '${name}'`);
              reported.set(context.moduleId!, error);
              context.reportModuleStartupFailure({ error });
            },
          }),
        },
      ],
    })
    class Scaffolder {}

    it("fails its plugin under 'abort': INIT_FAILED naming the module, the reported error as cause", async () => {
      const app = quietBuilder().add(Scaffolder).add(actionModule('good', 'publish')).add(actionModule('bad', 'bad-action')).build();
      const { error, result } = await startFailure(app);
      expect(error).toMatchObject({ code: 'INIT_FAILED', pluginId: 'scaffolder', moduleId: 'bad' });
      expect(rootCause(error)).toBe(reported.get('bad'));
      expect(result.plugins[0]!.modules.find((m) => m.moduleId === 'bad')).toMatchObject({ status: 'failed' });
    });

    it("leaves it out under 'continue': its @onShutdown runs at once, the plugin starts", async () => {
      const journal: string[] = [];
      const app = quietBuilder({ config: moduleContinue('scaffolder', 'bad') })
        .add(Scaffolder)
        .add(actionModule('good', 'publish', journal))
        .add(actionModule('bad', 'bad-action', journal))
        .build();
      const result = await app.start();
      expect(result.plugins[0]).toMatchObject({
        status: 'started',
        modules: [
          { moduleId: 'good', status: 'started' },
          { moduleId: 'bad', status: 'failed' },
        ],
      });
      expect(rootCause(result.plugins[0]!.modules[1]!.error)).toBe(reported.get('bad'));
      expect(journal).toEqual(['bad down']);
      await app.stop();
      expect(journal).toEqual(['bad down', 'good down']);
    });
  });

  describe('a provider that checks what modules added in its own @onInit', () => {
    /** Keeps every addition with the context of the module that made it, so the provider can report it. */
    @Service()
    class ActionRegistry {
      private readonly entries: Array<{ name: string; context: ExtensionPointFactoryContext }> = [];
      forModule(context: ExtensionPointFactoryContext): Actions {
        return { addAction: (name) => void this.entries.push({ name, context }) };
      }
      reportInvalid(): void {
        for (const { name, context } of this.entries) {
          if (name.startsWith('bad')) context.reportModuleStartupFailure({ error: new Error(`invalid action '${name}'`) });
        }
      }
      contexts(): ExtensionPointFactoryContext[] {
        return this.entries.map((entry) => entry.context);
      }
    }
    let registry: ActionRegistry | undefined;
    @Plugin({
      id: 'scaffolder',
      extensionPoints: [
        {
          provide: actionsPoint,
          deps: { registry: ActionRegistry },
          useFactory: (context, deps) => (deps['registry'] as ActionRegistry).forModule(context),
        },
      ],
    })
    class Scaffolder {
      constructor(@inject(ActionRegistry) private readonly actions: ActionRegistry) {
        registry = actions;
      }
      @onInit() init(): void {
        this.actions.reportInvalid();
      }
    }

    it("may report until its @onInit settles: under 'continue' the module is left out and the plugin starts", async () => {
      const app = quietBuilder({ config: moduleContinue('scaffolder', 'bad') })
        .add(Scaffolder)
        .add(actionModule('good', 'publish'))
        .add(actionModule('bad', 'bad-action'))
        .build();
      const result = await app.start();
      expect(result).toMatchObject({
        outcome: 'partial',
        plugins: [
          {
            status: 'started',
            modules: [
              { moduleId: 'good', status: 'started' },
              { moduleId: 'bad', status: 'failed' },
            ],
          },
        ],
      });
      expect(rootCause(result.plugins[0]!.modules[1]!.error)).toMatchObject({ message: "invalid action 'bad-action'" });
      await app.stop();
    });

    it('refuses a report from a stale context once its @onInit settled: MODULE_FAILURE_TOO_LATE naming the module, and after stop()', async () => {
      const app = quietBuilder().add(Scaffolder).add(actionModule('good', 'publish')).build();
      await app.start();
      const stale = registry!.contexts()[0]!;
      const tooLate = { code: 'MODULE_FAILURE_TOO_LATE', pluginId: 'scaffolder', moduleId: 'good', extensionPointId: 'scaffolder.actions' };
      expect(thrownBy(() => stale.reportModuleStartupFailure({ error: new Error('late') }))).toMatchObject(tooLate);
      expect(app.describe().plugins[0]!.modules[0]!.status).toBe('started');
      await app.stop();
      expect(thrownBy(() => stale.reportModuleStartupFailure({ error: new Error('later') }))).toMatchObject(tooLate);
    });
  });
});
