import { settleStack } from '../errors/index.js';
import type { ModuleStartupResult, PluginStartupResult, StartupResult } from '../errors/index.js';
import type { FeatureRecord, FeatureStatus } from '../model/describe.js';
import type { ModuleNode, PluginNode } from '../model/types.js';

/** A record the runtime updates as a feature starts and stops. */
export interface MutableRecord extends FeatureRecord {
  status: FeatureStatus;
  initMs: number | undefined;
  error: unknown;
}

/** Marks a record failed with `error`, whose stack is formatted now so it keeps nothing of what failed alive. */
export function recordFailure(record: MutableRecord, error: unknown): void {
  settleStack(error);
  record.status = 'failed';
  record.error = error;
}

/**
 * The start records of every plugin and module, by node. describe() reads them; start() turns
 * them into its {@link StartupResult}, which stop() then marks `stopped`.
 */
export class StartRecords {
  readonly #plugins = new Map<PluginNode, MutableRecord>();
  readonly #modules = new Map<ModuleNode, MutableRecord>();
  #result:
    | {
        outcome: StartupResult['outcome'];
        plugins: Array<PluginStartupResult & { status: FeatureStatus; modules: Array<ModuleStartupResult & { status: FeatureStatus }> }>;
      }
    | undefined;

  readonly #order = new Map<PluginNode, number>();

  constructor(plugins: readonly PluginNode[]) {
    for (const plugin of plugins) {
      this.#order.set(plugin, this.#order.size);
      this.#plugins.set(plugin, newRecord());
      for (const module of plugin.modules) this.#modules.set(module, newRecord());
    }
  }

  plugin(node: PluginNode): MutableRecord {
    return this.#plugins.get(node)!;
  }

  module(node: ModuleNode): MutableRecord {
    return this.#modules.get(node)!;
  }

  /** The record of a plugin or module, for describe(). */
  lookup(node: PluginNode | ModuleNode): FeatureRecord | undefined {
    return 'modules' in node ? this.#plugins.get(node) : this.#modules.get(node);
  }

  /** The result of this start, made once; later calls return the same object. */
  result(outcome: StartupResult['outcome']): StartupResult {
    this.#result ??= {
      outcome,
      plugins: [...this.#plugins].map(([plugin, record]) => ({
        pluginId: plugin.id,
        status: record.status,
        ...(record.error === undefined ? {} : { error: record.error }),
        modules: plugin.modules.map((module) => {
          const moduleRecord = this.#modules.get(module)!;
          return {
            moduleId: module.id,
            status: moduleRecord.status,
            ...(moduleRecord.error === undefined ? {} : { error: moduleRecord.error }),
          };
        }),
      })),
    };
    return this.#result;
  }

  /** After stop(): every started plugin and module reads `stopped`, in the records and the result. */
  markStopped(plugin: PluginNode): void {
    const record = this.#plugins.get(plugin)!;
    if (record.status === 'started') record.status = 'stopped';
    for (const module of plugin.modules) {
      const moduleRecord = this.#modules.get(module)!;
      if (moduleRecord.status === 'started') moduleRecord.status = 'stopped';
    }
    const entry = this.#result?.plugins[this.#order.get(plugin)!];
    if (entry === undefined) return;
    if (entry.status === 'started') entry.status = 'stopped';
    for (const module of entry.modules) if (module.status === 'started') module.status = 'stopped';
  }
}

function newRecord(): MutableRecord {
  return { status: 'pending', initMs: undefined, error: undefined };
}
