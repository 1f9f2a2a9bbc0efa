import type { Logger } from 'pino';
import type { PluginNode } from '../model/types.js';
import type { StartRecords } from './records.js';

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
  #up = 0;
  readonly #step: number;
  readonly #timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly plugins: readonly PluginNode[],
    private readonly records: StartRecords,
    private readonly logger: () => Logger,
    intervalMs: number,
  ) {
    this.#step = plugins.length <= 20 ? 1 : Math.ceil(plugins.length / 10);
    const startedAt = performance.now();
    // Infinity: no warnings (setInterval would take it for 1 ms).
    if (intervalMs === Infinity) return;
    this.#timer = setInterval(() => {
      const slow = this.plugins.filter((plugin) => records.plugin(plugin).status === 'starting').map((plugin) => plugin.id);
      if (slow.length === 0) return;
      const seconds = Math.round((performance.now() - startedAt) / 1000);
      const names = `${slow.slice(0, 10).join(', ')}${slow.length > 10 ? ` and ${slow.length - 10} more` : ''}`;
      this.logger().warn({ plugins: slow }, `still initialising after ${seconds} s: ${names}`);
    }, intervalMs);
    // Not unref()ed: while plugins start, this watches pending work. With initTimeoutMs: Infinity
    // it is the only timer left, and it keeps a hung start visible instead of letting the process
    // exit mid-start. start() clears it however it ends.
  }

  pluginUp(plugin: PluginNode): void {
    this.#up++;
    if ((this.#up % this.#step === 0 || this.#up === this.plugins.length) && this.logger().isLevelEnabled('info')) {
      this.logger().info(
        { plugin: plugin.id, ms: round(this.records.initMs(plugin) ?? 0) },
        `${this.#up}/${this.plugins.length} plugins up`,
      );
    }
  }

  stop(): void {
    clearInterval(this.#timer);
  }
}

/** What the final start line says: how many plugins are up and failed, since when, with the timings. */
export interface StartedLine {
  readonly plugins: readonly PluginNode[];
  readonly records: StartRecords;
  readonly up: number;
  readonly failed: number;
  /** `performance.now()` when start() began. */
  readonly startedAt: number;
}

/** Logs `plugboard started N/M plugins` with every feature's timing. */
export function logStarted(logger: Logger, line: StartedLine): void {
  // The timings object has an entry per feature: only built when the line will be written.
  if (!logger.isLevelEnabled('info')) return;
  logger.info(
    {
      plugins: line.up,
      failed: line.failed,
      ms: Math.round(performance.now() - line.startedAt),
      timings: timings(line.plugins, line.records),
    },
    `plugboard started ${line.up}/${line.plugins.length} plugins`,
  );
}

/** Per plugin: outcome, init time and each module's, for the final start line. */
function timings(plugins: readonly PluginNode[], records: StartRecords): Record<string, PluginTiming> {
  const result: Record<string, PluginTiming> = {};
  for (const plugin of plugins) {
    const entry: PluginTiming = { status: records.plugin(plugin).status };
    const ms = records.initMs(plugin);
    if (ms !== undefined) entry.ms = round(ms);
    if (plugin.modules.length > 0) {
      entry.modules = {};
      for (const module of plugin.modules) {
        const moduleMs = records.initMs(module);
        entry.modules[module.id] = moduleMs === undefined ? records.module(module).status : round(moduleMs);
      }
    }
    result[plugin.id] = entry;
  }
  return result;
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}
