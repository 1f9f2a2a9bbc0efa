/**
 * Backstage's BackendInitializer tests for boot-failure policies and its `startup results` block,
 * ported to plugboard's policies (config under `plugboard.startup`, builder options) and its
 * StartupResult (`app.start()`'s value, and `.result` of a rejected start). Backstage's
 * `failure: { error, allowed }` is plugboard's `status` ('failed') and `error`; `allowed` is
 * whether start() resolved. README.md maps every case.
 */
import { createServiceFactory, createServiceRef, type ContainerBuilderOptions } from 'plugboard';
import { causes, module, plugin, quietBuilder, recorder, rootCause, startFailure, userOf } from './kit.js';

const nope = (): never => {
  throw new Error('NOPE');
};

/** Config data with `settings` under `plugboard.startup` (Backstage: `backend.startup`). */
const startup = (settings: Record<string, unknown>): Record<string, unknown> => ({ plugboard: { startup: settings } });

describe('boot-failure policies', () => {
  it('fails start with INIT_FAILED naming the plugin, the thrown error kept as cause (BackendInitializer: should forward errors when plugins fail to start)', async () => {
    const { error } = await startFailure(quietBuilder().add(plugin('test', nope)).build());
    expect(error).toMatchObject({ code: 'INIT_FAILED', pluginId: 'test' });
    expect(rootCause(error)).toMatchObject({ message: 'NOPE' });
  });

  it("leaves a failing plugin out when its config entry says 'continue' (BackendInitializer: should permit startup errors for plugins with onPluginBootFailure: continue)", async () => {
    const config = startup({ plugins: { test: { onPluginBootFailure: 'continue' } } });
    const app = quietBuilder({ config }).add(plugin('test', nope)).build();
    await expect(app.start()).resolves.toMatchObject({ outcome: 'partial', plugins: [{ pluginId: 'test', status: 'failed' }] });
    await app.stop();
  });

  it("leaves a failing plugin out when the config default says 'continue' (BackendInitializer: should permit startup errors if the default onPluginBootFailure is continue)", async () => {
    const app = quietBuilder({ config: startup({ onPluginBootFailure: 'continue' }) })
      .add(plugin('test', nope))
      .build();
    await expect(app.start()).resolves.toMatchObject({ outcome: 'partial' });
    await app.stop();
  });

  it("fails start for a plugin whose entry says 'abort' when the default says 'continue' (BackendInitializer: should forward errors for plugins explicitly marked to abort when the default is continue)", async () => {
    const config = startup({ onPluginBootFailure: 'continue', plugins: { test: { onPluginBootFailure: 'abort' } } });
    const { error } = await startFailure(quietBuilder({ config }).add(plugin('test', nope)).build());
    expect(error).toMatchObject({ code: 'INIT_FAILED', pluginId: 'test' });
  });

  it('fails start with INIT_FAILED naming the module and its plugin (BackendInitializer: should forward errors when plugin modules fail to start; should forward errors when modules fail to start)', async () => {
    const { error } = await startFailure(
      quietBuilder()
        .add(plugin('test'))
        .add(module('test', 'mod', nope))
        .build(),
    );
    expect(error).toMatchObject({ code: 'INIT_FAILED', pluginId: 'test', moduleId: 'mod' });
    expect(rootCause(error)).toMatchObject({ message: 'NOPE' });
  });

  it("leaves a failing module out when its config entry says 'continue' (BackendInitializer: should permit startup errors for plugin modules with onPluginModuleBootFailure: continue)", async () => {
    const config = startup({ plugins: { test: { modules: { mod: { onModuleBootFailure: 'continue' } } } } });
    const app = quietBuilder({ config })
      .add(plugin('test'))
      .add(module('test', 'mod', nope))
      .build();
    await expect(app.start()).resolves.toMatchObject({
      outcome: 'partial',
      plugins: [{ status: 'started', modules: [{ status: 'failed' }] }],
    });
    await app.stop();
  });

  it("leaves a failing module out when the config default says 'continue' (BackendInitializer: should permit startup errors if the default onPluginModuleBootFailure is continue)", async () => {
    const app = quietBuilder({ config: startup({ onModuleBootFailure: 'continue' }) })
      .add(plugin('test'))
      .add(module('test', 'mod', nope))
      .build();
    await expect(app.start()).resolves.toMatchObject({ outcome: 'partial' });
    await app.stop();
  });

  it("fails start for a module whose entry says 'abort' when the default says 'continue' (BackendInitializer: should forward errors for plugin modules explicitly marked to abort when the default is continue)", async () => {
    const config = startup({ onModuleBootFailure: 'continue', plugins: { test: { modules: { mod: { onModuleBootFailure: 'abort' } } } } });
    const { error } = await startFailure(
      quietBuilder({ config })
        .add(plugin('test'))
        .add(module('test', 'mod', nope))
        .build(),
    );
    expect(error).toMatchObject({ code: 'INIT_FAILED', pluginId: 'test', moduleId: 'mod' });
  });
});

describe('per-module boot-failure policy: the most specific setting wins (issue 14)', () => {
  const leftOut: Array<[string, ContainerBuilderOptions]> = [
    ['the builder value', { onModuleBootFailure: 'continue' }],
    [
      'the builder function',
      { onModuleBootFailure: (pluginId, moduleId) => (pluginId === 'p' && moduleId === 'bad' ? 'continue' : 'abort') },
    ],
    ['config global over the builder', { onModuleBootFailure: 'abort', config: startup({ onModuleBootFailure: 'continue' }) }],
    [
      'config plugin over config global',
      { config: startup({ onModuleBootFailure: 'abort', plugins: { p: { onModuleBootFailure: 'continue' } } }) },
    ],
    [
      'config module over config plugin',
      { config: startup({ plugins: { p: { onModuleBootFailure: 'abort', modules: { bad: { onModuleBootFailure: 'continue' } } } } }) },
    ],
    [
      'config module over the builder function',
      {
        onModuleBootFailure: () => 'abort',
        config: startup({ plugins: { p: { modules: { bad: { onModuleBootFailure: 'continue' } } } } }),
      },
    ],
  ];
  const fatal: Array<[string, ContainerBuilderOptions]> = [
    ['nothing set', {}],
    ['config global over the builder', { onModuleBootFailure: 'continue', config: startup({ onModuleBootFailure: 'abort' }) }],
    [
      'config plugin over config global',
      { config: startup({ onModuleBootFailure: 'continue', plugins: { p: { onModuleBootFailure: 'abort' } } }) },
    ],
    [
      'config module over config plugin',
      { config: startup({ plugins: { p: { onModuleBootFailure: 'continue', modules: { bad: { onModuleBootFailure: 'abort' } } } } }) },
    ],
    [
      'config module over the builder function',
      {
        onModuleBootFailure: () => 'continue',
        config: startup({ plugins: { p: { modules: { bad: { onModuleBootFailure: 'abort' } } } } }),
      },
    ],
  ];
  const app = (options: ContainerBuilderOptions) =>
    quietBuilder(options)
      .add(plugin('p'))
      .add(module('p', 'good'))
      .add(module('p', 'bad', nope))
      .build();

  it.each(leftOut)("'continue' from %s: the module is left out, its plugin starts", async (_source, options) => {
    const started = app(options);
    const result = await started.start();
    expect(result.plugins[0]).toMatchObject({
      status: 'started',
      modules: [
        { moduleId: 'good', status: 'started' },
        { moduleId: 'bad', status: 'failed' },
      ],
    });
    await started.stop();
  });

  it.each(fatal)("'abort' from %s: start fails naming the module", async (_source, options) => {
    const { error } = await startFailure(app(options));
    expect(error).toMatchObject({ code: 'INIT_FAILED', pluginId: 'p', moduleId: 'bad' });
  });

  it('asks the builder function with the plugin and module id', async () => {
    const policy = recorder((_pluginId: string, _moduleId: string) => 'continue' as const);
    const started = app({ onModuleBootFailure: policy });
    await started.start();
    expect(policy.calls).toContainEqual(['p', 'bad']);
    await started.stop();
  });
});

describe('startup results', () => {
  it('resolves start() to a result listing every plugin and module as started (BackendInitializer: startup results: should return successful startup result when all plugins and modules start successfully)', async () => {
    const app = quietBuilder()
      .add(plugin('plugin1'))
      .add(plugin('plugin2'))
      .add(module('plugin1', 'module1'))
      .add(module('plugin2', 'module2'))
      .build();
    const result = await app.start();
    expect(result).toEqual({
      outcome: 'success',
      plugins: [
        { pluginId: 'plugin1', status: 'started', modules: [{ moduleId: 'module1', status: 'started' }] },
        { pluginId: 'plugin2', status: 'started', modules: [{ moduleId: 'module2', status: 'started' }] },
      ],
    });
    await app.stop();
  });

  it("marks every started plugin and module 'stopped' after stop(), in the same result (issue 14: StartupResult after stop)", async () => {
    const config = startup({ onModuleBootFailure: 'continue', plugins: { broken: { onPluginBootFailure: 'continue' } } });
    const app = quietBuilder({ config })
      .add(plugin('good'))
      .add(module('good', 'ok'))
      .add(module('good', 'bad', nope))
      .add(plugin('broken', nope))
      .build();
    const result = await app.start();
    await app.stop();
    expect(result).toMatchObject({
      outcome: 'partial',
      plugins: [
        {
          pluginId: 'good',
          status: 'stopped',
          modules: [
            { moduleId: 'ok', status: 'stopped' },
            { moduleId: 'bad', status: 'failed' },
          ],
        },
        { pluginId: 'broken', status: 'failed' },
      ],
    });
  });

  it('shows in describe() what the result shows, before and after stop(), and entries with no fields beyond the documented ones', async () => {
    const app = quietBuilder().add(plugin('p')).add(module('p', 'm')).build();
    const result = await app.start();
    expect(result.plugins).toStrictEqual([{ pluginId: 'p', status: 'started', modules: [{ moduleId: 'm', status: 'started' }] }]);
    const statuses = (): string[] => {
      const described = app.describe().plugins[0]!;
      return [described.status, described.modules[0]!.status];
    };
    expect(statuses()).toEqual(['started', 'started']);
    expect(app.describe().plugins[0]!.modules[0]!.initMs).toEqual(expect.any(Number));
    await app.stop();
    expect(statuses()).toEqual(['stopped', 'stopped']);
    expect(result.plugins).toStrictEqual([{ pluginId: 'p', status: 'stopped', modules: [{ moduleId: 'm', status: 'stopped' }] }]);
  });

  it('carries the result on the rejected error, the failed plugin with its error (BackendInitializer: startup results: should throw BackendStartupError with results when plugin fails to start)', async () => {
    const thrown = new Error('Plugin failed');
    const app = quietBuilder()
      .add(plugin('plugin1', () => Promise.reject(thrown)))
      .add(plugin('plugin2'))
      .build();
    const { result } = await startFailure(app);
    expect(result.outcome).toBe('failure');
    expect(result.plugins).toHaveLength(2);
    expect(result.plugins[0]).toMatchObject({ pluginId: 'plugin1', status: 'failed' });
    expect(rootCause(result.plugins[0]!.error)).toBe(thrown);
    expect(result.plugins[1]).not.toHaveProperty('error');
    expect(['stopped', 'skipped']).toContain(result.plugins[1]!.status); // shut down by the abort, or never begun
  });

  it('gives a failing module its own error, and (deliberately different) fails its plugin too (BackendInitializer: startup results: should throw BackendStartupError with results when module fails to start)', async () => {
    const thrown = new Error('Module failed');
    const app = quietBuilder()
      .add(plugin('plugin1'))
      .add(module('plugin1', 'module1', () => Promise.reject(thrown)))
      .build();
    const { result } = await startFailure(app);
    expect(result.plugins).toHaveLength(1);
    expect(result.plugins[0]).toMatchObject({
      pluginId: 'plugin1',
      status: 'failed',
      error: expect.objectContaining({ code: 'INIT_FAILED', moduleId: 'module1' }),
      modules: [{ moduleId: 'module1', status: 'failed' }],
    });
    expect(rootCause(result.plugins[0]!.modules[0]!.error)).toBe(thrown);
  });

  it('records every plugin that failed while others were starting (BackendInitializer: startup results: should throw BackendStartupError with results when multiple plugins fail)', async () => {
    const error1 = new Error('Plugin1 failed');
    const error2 = new Error('Plugin2 failed');
    // Both inits are running before either fails: an abort awaits inits already running.
    let entered = 0;
    let bothEntered!: () => void;
    const barrier = new Promise<void>((resolve) => (bothEntered = resolve));
    const failing = (id: string, error: Error) =>
      plugin(id, async () => {
        entered += 1;
        if (entered === 2) bothEntered();
        await barrier;
        throw error;
      });
    const { result } = await startFailure(
      quietBuilder({ initTimeoutMs: 2_000 }).add(failing('plugin1', error1)).add(failing('plugin2', error2)).build(),
    );
    expect(result.plugins.map((p) => p.status)).toEqual(['failed', 'failed']);
    expect(rootCause(result.plugins[0]!.error)).toBe(error1);
    expect(rootCause(result.plugins[1]!.error)).toBe(error2);
  });

  it("resolves to 'partial' with the failed plugin and its error under 'continue' (BackendInitializer: startup results: should return results with failure status when plugin boot failure is permitted)", async () => {
    const thrown = new Error('Plugin failed');
    const app = quietBuilder({ config: startup({ plugins: { plugin1: { onPluginBootFailure: 'continue' } } }) })
      .add(plugin('plugin1', () => Promise.reject(thrown)))
      .add(plugin('plugin2'))
      .build();
    const result = await app.start();
    expect(result).toMatchObject({
      outcome: 'partial',
      plugins: [
        { pluginId: 'plugin1', status: 'failed' },
        { pluginId: 'plugin2', status: 'started', modules: [] },
      ],
    });
    expect(rootCause(result.plugins[0]!.error)).toBe(thrown);
    expect(result.plugins[1]).not.toHaveProperty('error');
    await app.stop();
  });

  it("resolves to 'partial' with the failed module and its error under 'continue' (BackendInitializer: startup results: should return results with failure status when module boot failure is permitted)", async () => {
    const thrown = new Error('Module failed');
    const app = quietBuilder({ config: startup({ plugins: { plugin1: { modules: { module1: { onModuleBootFailure: 'continue' } } } } }) })
      .add(plugin('plugin1'))
      .add(module('plugin1', 'module1', () => Promise.reject(thrown)))
      .add(module('plugin1', 'module2'))
      .build();
    const result = await app.start();
    expect(result).toMatchObject({
      outcome: 'partial',
      plugins: [
        {
          pluginId: 'plugin1',
          status: 'started',
          modules: [
            { moduleId: 'module1', status: 'failed' },
            { moduleId: 'module2', status: 'started' },
          ],
        },
      ],
    });
    expect(result.plugins[0]).not.toHaveProperty('error');
    expect(rootCause(result.plugins[0]!.modules[0]!.error)).toBe(thrown);
    expect(result.plugins[0]!.modules[1]).not.toHaveProperty('error');
    await app.stop();
  });

  it('lists every module, the failed ones with their own error (BackendInitializer: startup results: should include all module results even when some modules fail)', async () => {
    const error1 = new Error('Module1 failed');
    const error2 = new Error('Module2 failed');
    const config = startup({
      plugins: { plugin1: { modules: { module1: { onModuleBootFailure: 'continue' }, module2: { onModuleBootFailure: 'continue' } } } },
    });
    const app = quietBuilder({ config })
      .add(plugin('plugin1'))
      .add(module('plugin1', 'module1', () => Promise.reject(error1)))
      .add(module('plugin1', 'module2', () => Promise.reject(error2)))
      .add(module('plugin1', 'module3'))
      .build();
    const { modules } = (await app.start()).plugins[0]!;
    expect(modules.map((m) => [m.moduleId, m.status])).toEqual([
      ['module1', 'failed'],
      ['module2', 'failed'],
      ['module3', 'started'],
    ]);
    expect(rootCause(modules[0]!.error)).toBe(error1);
    expect(rootCause(modules[1]!.error)).toBe(error2);
    expect(modules[2]).not.toHaveProperty('error');
    await app.stop();
  });

  it('lists a plugin without modules with an empty list (BackendInitializer: startup results: should return results for plugins without modules)', async () => {
    const app = quietBuilder().add(plugin('plugin1')).build();
    await expect(app.start()).resolves.toEqual({ outcome: 'success', plugins: [{ pluginId: 'plugin1', status: 'started', modules: [] }] });
    await app.stop();
  });

  it('names the plugin and the cause in the message of the rejected error, and carries the result (BackendInitializer: startup results: should include error information in BackendStartupError)', async () => {
    const thrown = new Error('Test error');
    const { error, result } = await startFailure(
      quietBuilder()
        .add(plugin('plugin1', () => Promise.reject(thrown)))
        .build(),
    );
    expect(error.message).toContain("'plugin1'");
    expect(error.message).toContain('Test error');
    expect(result).toBeDefined();
    expect(rootCause(result.plugins[0]!.error)).toBe(thrown);
  });

  describe('a failing plugin-scoped service factory', () => {
    const failingService = () => {
      const thrown = new Error('Service factory failed');
      const ref = createServiceRef<{ value: string }>({ id: 'failing-service' });
      const factory = createServiceFactory({
        service: ref,
        factory: (): { value: string } => {
          throw thrown;
        },
      });
      return { thrown, ref, factory };
    };

    it('fails the plugin that needs it, naming the service (BackendInitializer: startup results: should handle plugin scoped service factory failures)', async () => {
      const { thrown, ref, factory } = failingService();
      const { error, result } = await startFailure(quietBuilder().add(factory).add(userOf('plugin1', ref)).build());
      expect(error).toMatchObject({ code: 'INIT_FAILED', pluginId: 'plugin1' });
      expect(result.plugins).toEqual([expect.objectContaining({ pluginId: 'plugin1', status: 'failed' })]);
      expect(causes(result.plugins[0]!.error)).toContainEqual(expect.objectContaining({ refId: 'failing-service' }));
      expect(rootCause(result.plugins[0]!.error)).toBe(thrown);
    });

    it("leaves that plugin out under 'continue' (BackendInitializer: startup results: should handle plugin scoped service factory failures with allowed boot failure)", async () => {
      const { thrown, ref, factory } = failingService();
      const app = quietBuilder({ config: startup({ plugins: { plugin1: { onPluginBootFailure: 'continue' } } }) })
        .add(factory)
        .add(userOf('plugin1', ref))
        .build();
      const result = await app.start();
      expect(result).toMatchObject({ outcome: 'partial', plugins: [{ pluginId: 'plugin1', status: 'failed' }] });
      expect(causes(result.plugins[0]!.error)).toContainEqual(expect.objectContaining({ refId: 'failing-service' }));
      expect(rootCause(result.plugins[0]!.error)).toBe(thrown);
      await app.stop();
    });
  });
});
