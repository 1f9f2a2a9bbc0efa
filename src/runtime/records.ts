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
  /** Each plugin's record with its modules' records, by position (ModuleNode.index). */
  readonly #plugins = new Map<PluginNode, { readonly record: MutableRecord; readonly modules: readonly MutableRecord[] }>();
  /** The same module records by plugin id: a module node names its plugin by id. */
  readonly #modulesByPluginId = new Map<string, readonly MutableRecord[]>();
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
      const modules = plugin.modules.map(newRecord);
      this.#plugins.set(plugin, { record: newRecord(), modules });
      this.#modulesByPluginId.set(plugin.id, modules);
    }
  }

  plugin(node: PluginNode): MutableRecord {
    return this.#plugins.get(node)!.record;
  }

  module(node: ModuleNode): MutableRecord {
    return this.#modulesByPluginId.get(node.pluginId)![node.index]!;
  }

  /** The record of a plugin or module, for describe(). */
  lookup(node: PluginNode | ModuleNode): FeatureRecord | undefined {
    return 'modules' in node ? this.#plugins.get(node)?.record : this.#modulesByPluginId.get(node.pluginId)?.[node.index];
  }

  /** True when a module failed (and so was left out of a plugin that started, or failed it). */
  anyModuleFailed(): boolean {
    for (const { modules } of this.#plugins.values()) if (modules.some((record) => record.status === 'failed')) return true;
    return false;
  }

  /** The result of this start, made once; later calls return the same object. */
  result(outcome: StartupResult['outcome']): StartupResult {
    this.#result ??= {
      outcome,
      plugins: [...this.#plugins].map(([plugin, { record, modules }]) => ({
        pluginId: plugin.id,
        status: record.status,
        ...(record.error === undefined ? {} : { error: record.error }),
        modules: plugin.modules.map((module, index) => moduleResult(module.id, modules[index]!)),
      })),
    };
    return this.#result;
  }

  /** After stop(): every started plugin and module reads `stopped`, in the records and the result. */
  markStopped(plugin: PluginNode): void {
    const { record, modules } = this.#plugins.get(plugin)!;
    if (record.status === 'started') record.status = 'stopped';
    // Indexed loops: once per module at stop, mostly before V8 optimises this.
    for (let index = 0; index < modules.length; index++) if (modules[index]!.status === 'started') modules[index]!.status = 'stopped';
    const entry = this.#result?.plugins[this.#order.get(plugin)!];
    if (entry === undefined) return;
    if (entry.status === 'started') entry.status = 'stopped';
    const results = entry.modules;
    for (let index = 0; index < results.length; index++) if (results[index]!.status === 'started') results[index]!.status = 'stopped';
  }
}

// Built without a spread: there is one per module.
function moduleResult(moduleId: string, record: MutableRecord): ModuleStartupResult & { status: FeatureStatus } {
  if (record.error === undefined) return { moduleId, status: record.status };
  return { moduleId, status: record.status, error: record.error };
}

function newRecord(): MutableRecord {
  return { status: 'pending', initMs: undefined, error: undefined };
}
