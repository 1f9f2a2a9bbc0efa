import { settleStack } from '../errors/index.js';
import type { ModuleStartupResult, PluginStartupResult, StartupResult } from '../errors/index.js';
import type { FeatureRecord, FeatureStatus } from '../model/describe.js';
import type { ModuleNode, PluginNode } from '../model/types.js';

/** A plugin's or module's entry in the start result, which the runtime updates as it starts and stops. */
export interface MutableEntry {
  status: FeatureStatus;
  error?: unknown;
}

type ModuleEntry = ModuleStartupResult & MutableEntry;
type PluginEntry = Omit<PluginStartupResult, 'modules'> & MutableEntry & { readonly modules: readonly ModuleEntry[] };

/** One plugin's entries and its features' init times (kept beside them: the result shows no times). */
interface PluginRecords {
  readonly entry: PluginEntry;
  initMs: number | undefined;
  /** By module position (ModuleNode.index). */
  readonly moduleInitMs: Array<number | undefined>;
}

/** Marks an entry failed with `error`, whose stack is formatted now so it keeps nothing of what failed alive. */
export function recordFailure(entry: MutableEntry, error: unknown): void {
  settleStack(error);
  entry.status = 'failed';
  entry.error = error;
}

/**
 * How far each plugin and module got, by node. The entries are the {@link StartupResult}'s own
 * (one object per feature, so stop() marks each once); describe() reads them with the init times.
 */
export class StartRecords {
  readonly #plugins = new Map<PluginNode, PluginRecords>();
  /** The same records by plugin id: a module node names its plugin by id. */
  readonly #byPluginId = new Map<string, PluginRecords>();
  readonly #entries: readonly PluginEntry[];
  #result: StartupResult | undefined;

  constructor(plugins: readonly PluginNode[]) {
    const entries: PluginEntry[] = [];
    for (const plugin of plugins) {
      const modules = Object.freeze(plugin.modules.map((module): ModuleEntry => ({ moduleId: module.id, status: 'pending' })));
      const records: PluginRecords = {
        entry: { pluginId: plugin.id, status: 'pending', modules },
        initMs: undefined,
        moduleInitMs: new Array<number | undefined>(modules.length).fill(undefined),
      };
      entries.push(records.entry);
      this.#plugins.set(plugin, records);
      this.#byPluginId.set(plugin.id, records);
    }
    this.#entries = Object.freeze(entries);
  }

  plugin(node: PluginNode): MutableEntry {
    return this.#plugins.get(node)!.entry;
  }

  module(node: ModuleNode): MutableEntry {
    return this.#byPluginId.get(node.pluginId)!.entry.modules[node.index]!;
  }

  /** A plugin or module started, its construction and `@onInit` having taken `ms`. */
  started(node: PluginNode | ModuleNode, ms: number): void {
    if ('modules' in node) {
      const records = this.#plugins.get(node)!;
      records.initMs = ms;
      records.entry.status = 'started';
    } else {
      const records = this.#byPluginId.get(node.pluginId)!;
      records.moduleInitMs[node.index] = ms;
      records.entry.modules[node.index]!.status = 'started';
    }
  }

  /** How long a started plugin or module took, undefined before it started. */
  initMs(node: PluginNode | ModuleNode): number | undefined {
    return 'modules' in node ? this.#plugins.get(node)?.initMs : this.#byPluginId.get(node.pluginId)?.moduleInitMs[node.index];
  }

  /** The record of a plugin or module, for describe(). */
  lookup(node: PluginNode | ModuleNode): FeatureRecord | undefined {
    const entry = 'modules' in node ? this.#plugins.get(node)?.entry : this.#byPluginId.get(node.pluginId)?.entry.modules[node.index];
    return entry === undefined ? undefined : { status: entry.status, initMs: this.initMs(node), error: entry.error };
  }

  /** True when a module failed (and so was left out of a plugin that started, or failed it). */
  anyModuleFailed(): boolean {
    for (const entry of this.#entries) if (entry.modules.some((module) => module.status === 'failed')) return true;
    return false;
  }

  /** The result of this start, made once; later calls return the same object, which stop() updates. */
  result(outcome: StartupResult['outcome']): StartupResult {
    this.#result ??= { outcome, plugins: this.#entries };
    return this.#result;
  }

  /** After stop(): the plugin and every module of it that had started read `stopped`. */
  markStopped(plugin: PluginNode): void {
    const { entry } = this.#plugins.get(plugin)!;
    if (entry.status === 'started') entry.status = 'stopped';
    // Indexed: once per module at stop, mostly before V8 optimises this.
    const modules = entry.modules;
    for (let index = 0; index < modules.length; index++) if (modules[index]!.status === 'started') modules[index]!.status = 'stopped';
  }
}
