import { plugboardError } from '../errors/index.js';
import type { ExtensionPointNode, ModuleNode, PluginNode } from '../model/types.js';
import type { FailureReports } from './plugin-scope.js';

/** A failure an extension point factory attributed to a module (`reportModuleStartupFailure`). */
export interface ReportedFailure {
  readonly error: unknown;
  readonly extensionPoint: ExtensionPointNode;
}

/**
 * The failures extension point factories reported for one plugin's modules, and when reporting
 * ends: a report is accepted until the provider of that extension point has finished its
 * `@onInit`; later it is `MODULE_FAILURE_TOO_LATE`.
 */
export class ModuleFailureReports implements FailureReports {
  /** Made at the first report: most plugins have none. */
  #reported: Map<string, ReportedFailure> | undefined;
  readonly #closed = new Set<string>();
  /** Each module's position in the plugin, to hand reported modules back in order; made at the first report. */
  #positions: ReadonlyMap<string, number> | undefined;

  constructor(private readonly plugin: PluginNode) {}

  report(moduleId: string, extensionPoint: ExtensionPointNode, error: unknown): void {
    if (this.#closed.has(extensionPoint.id)) {
      const provider =
        extensionPoint.moduleId === undefined
          ? { pluginId: this.plugin.id }
          : { pluginId: this.plugin.id, moduleId: extensionPoint.moduleId };
      throw plugboardError('MODULE_FAILURE_TOO_LATE', {
        pluginId: this.plugin.id,
        moduleId,
        extensionPointId: extensionPoint.id,
        provider,
      });
    }
    // The first report is the module's failure; later ones add nothing.
    this.#reported ??= new Map();
    if (!this.#reported.has(moduleId)) this.#reported.set(moduleId, { error, extensionPoint });
  }

  /** The failure reported for `module`, if any. */
  of(module: ModuleNode): ReportedFailure | undefined {
    return this.#reported?.get(module.id);
  }

  /**
   * Ends reporting through `provided` (their provider's `@onInit` settled); returns the modules
   * reported through them, in the plugin's order. Called once per provider: it looks at the
   * reports, not at every module (a chain of 10 000 provider modules stays linear).
   */
  close(provided: readonly ExtensionPointNode[]): ModuleNode[] {
    for (const ep of provided) this.#closed.add(ep.id);
    if (this.#reported === undefined) return [];
    const ids = new Set(provided.map((ep) => ep.id));
    this.#positions ??= new Map(this.plugin.modules.map((module) => [module.id, module.index]));
    const positions: number[] = [];
    for (const [moduleId, reported] of this.#reported) {
      if (ids.has(reported.extensionPoint.id)) positions.push(this.#positions.get(moduleId)!);
    }
    return positions.sort((a, b) => a - b).map((position) => this.plugin.modules[position]!);
  }
}
