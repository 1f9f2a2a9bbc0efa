import type { Logger } from 'pino';
import { PlugboardError } from '../errors.js';
import type { BootFailurePolicy, RuntimeSettings } from '../runtime/runtime.js';
import type { ConfigService } from '../services/config/index.js';
import { coreServices } from '../services/core-services.js';
import {
  DEFAULT_INIT_TIMEOUT_MS,
  DEFAULT_SHUTDOWN_TIMEOUT_MS,
  DEFAULT_SLOW_INIT_WARNING_MS,
  type ContainerBuilderOptions,
} from './options.js';

/**
 * The runtime's settings: builder options first, then refined from config once it is loaded.
 * Config wins over the builder (it is what operators change without a release), and a plugin's
 * own entry under `plugboard.startup.plugins.<id>` wins over both.
 *
 * Config keys: `plugboard.initTimeoutMs`, `plugboard.shutdownTimeoutMs`,
 * `plugboard.startup.onPluginBootFailure`, `plugboard.startup.onModuleBootFailure`,
 * `plugboard.startup.plugins.<pluginId>.onPluginBootFailure|onModuleBootFailure`.
 */
export function runtimeSettings(options: ContainerBuilderOptions, logger: Logger): RuntimeSettings {
  const plugin = options.onPluginBootFailure ?? 'abort';
  const module = options.onModuleBootFailure ?? 'abort';
  return {
    initTimeoutMs: options.initTimeoutMs ?? DEFAULT_INIT_TIMEOUT_MS,
    shutdownTimeoutMs: options.shutdownTimeoutMs ?? DEFAULT_SHUTDOWN_TIMEOUT_MS,
    slowInitWarningMs: options.slowInitWarningMs ?? DEFAULT_SLOW_INIT_WARNING_MS,
    onPluginBootFailure: () => plugin,
    onModuleBootFailure: () => module,
    logger,
    loggerRef: coreServices.rootLogger,
    refine: (get) => {
      const config = get(coreServices.rootConfig);
      return config === undefined ? {} : fromConfig(config, plugin, module);
    },
  };
}

function fromConfig(config: ConfigService, pluginDefault: BootFailurePolicy, moduleDefault: BootFailurePolicy): Partial<RuntimeSettings> {
  const settings: { -readonly [K in keyof RuntimeSettings]?: RuntimeSettings[K] } = {};
  const initTimeoutMs = positive(config, 'plugboard.initTimeoutMs');
  if (initTimeoutMs !== undefined) settings.initTimeoutMs = initTimeoutMs;
  const shutdownTimeoutMs = positive(config, 'plugboard.shutdownTimeoutMs');
  if (shutdownTimeoutMs !== undefined) settings.shutdownTimeoutMs = shutdownTimeoutMs;
  const plugin = policy(config, 'plugboard.startup.onPluginBootFailure') ?? pluginDefault;
  const module = policy(config, 'plugboard.startup.onModuleBootFailure') ?? moduleDefault;
  const overrides = config.getOptionalConfig('plugboard.startup.plugins');
  const perPlugin = new Map<string, { plugin?: BootFailurePolicy; module?: BootFailurePolicy }>();
  for (const id of overrides?.keys() ?? []) {
    const entry: { plugin?: BootFailurePolicy; module?: BootFailurePolicy } = {};
    const p = policy(config, `plugboard.startup.plugins.${id}.onPluginBootFailure`);
    const m = policy(config, `plugboard.startup.plugins.${id}.onModuleBootFailure`);
    if (p !== undefined) entry.plugin = p;
    if (m !== undefined) entry.module = m;
    perPlugin.set(id, entry);
  }
  settings.onPluginBootFailure = (id) => perPlugin.get(id)?.plugin ?? plugin;
  settings.onModuleBootFailure = (id) => perPlugin.get(id)?.module ?? module;
  return settings;
}

function positive(config: ConfigService, key: string): number | undefined {
  const value = config.getOptionalNumber(key);
  if (value === undefined) return undefined;
  if (!(value > 0)) {
    throw new PlugboardError('CONFIG_TYPE', `Config key '${key}' must be a positive number of milliseconds, got ${value}.`, { key });
  }
  return value;
}

function policy(config: ConfigService, key: string): BootFailurePolicy | undefined {
  const value = config.getOptionalString(key);
  if (value === undefined || value === 'abort' || value === 'continue') return value;
  throw new PlugboardError('CONFIG_TYPE', `Config key '${key}' must be 'abort' or 'continue', got '${value}'.`, { key });
}
