import type { Logger } from 'pino';
import type { PluginRuntime } from './plugin-runtime.js';

/** One plugin's outcome and init times, as the final start line carries them. */
export interface PluginTiming {
  status: string;
  ms?: number;
  modules?: Record<string, number | string>;
}

/**
 * Reports on a start while it runs: progress lines (`3/12 plugins up`; every plugin for small
 * apps, every tenth otherwise) and, every `intervalMs`, a warning naming plugins still
 * initialising. `stop()` ends the warnings.
 */
export class StartupReport {
  private up = 0;
  private readonly step: number;
  private readonly timer: ReturnType<typeof setInterval>;

  constructor(
    private readonly plugins: readonly PluginRuntime[],
    private readonly logger: () => Logger,
    intervalMs: number,
  ) {
    this.step = plugins.length <= 20 ? 1 : Math.ceil(plugins.length / 10);
    const startedAt = performance.now();
    this.timer = setInterval(() => {
      const slow = this.plugins.filter((p) => p.record.status === 'starting').map((p) => p.pluginId);
      if (slow.length === 0) return;
      const seconds = Math.round((performance.now() - startedAt) / 1000);
      const names = `${slow.slice(0, 10).join(', ')}${slow.length > 10 ? ` and ${slow.length - 10} more` : ''}`;
      this.logger().warn({ plugins: slow }, `still initialising after ${seconds} s: ${names}`);
    }, intervalMs);
    this.timer.unref?.();
  }

  pluginUp(plugin: PluginRuntime): void {
    this.up++;
    if ((this.up % this.step === 0 || this.up === this.plugins.length) && this.logger().isLevelEnabled('info')) {
      this.logger().info({ plugin: plugin.pluginId, ms: round(plugin.record.initMs ?? 0) }, `${this.up}/${this.plugins.length} plugins up`);
    }
  }

  stop(): void {
    clearInterval(this.timer);
  }
}

/** Per plugin: outcome, init time and each module's, for the final start line. */
export function timings(plugins: readonly PluginRuntime[]): Record<string, PluginTiming> {
  const result: Record<string, PluginTiming> = {};
  for (const plugin of plugins) {
    const entry: PluginTiming = { status: plugin.record.status };
    if (plugin.record.initMs !== undefined) entry.ms = round(plugin.record.initMs);
    const modules = plugin.node.modules;
    if (modules.length > 0) {
      entry.modules = {};
      for (const module of modules) {
        const record = plugin.moduleRecords[module.index]!;
        entry.modules[module.id] = record.initMs === undefined ? record.status : round(record.initMs);
      }
    }
    result[plugin.pluginId] = entry;
  }
  return result;
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}
