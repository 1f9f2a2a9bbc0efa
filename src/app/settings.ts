import type { Logger } from 'pino';
import { plugboardError } from '../errors/index.js';
import type { BootFailurePolicy, RuntimeSettings } from '../runtime/runtime.js';
import type { ConfigService } from '../services/config/index.js';
import { coreServices } from '../services/core-services.js';
import {
  DEFAULT_INIT_TIMEOUT_MS,
  DEFAULT_SHUTDOWN_TIMEOUT_MS,
  DEFAULT_SLOW_INIT_WARNING_MS,
  isDuration,
  type ContainerBuilderOptions,
} from './options.js';

/**
 * The runtime's settings: builder options first, then refined from config once it is loaded.
 * Config wins over the builder (it is what operators change without a release); within config
 * the most specific entry wins: a module's, then its plugin's, then the global one.
 *
 * Config keys: `plugboard.initTimeoutMs`, `plugboard.shutdownTimeoutMs`,
 * `plugboard.startup.onPluginBootFailure`, `plugboard.startup.onModuleBootFailure`,
 * `plugboard.startup.plugins.<pluginId>.onPluginBootFailure|onModuleBootFailure`,
 * `plugboard.startup.plugins.<pluginId>.modules.<moduleId>.onModuleBootFailure`.
 */
export function runtimeSettings(options: ContainerBuilderOptions, logger: Logger): RuntimeSettings {
  const plugin = options.onPluginBootFailure ?? 'abort';
  const module = builderModulePolicy(options);
  return {
    initTimeoutMs: options.initTimeoutMs ?? DEFAULT_INIT_TIMEOUT_MS,
    shutdownTimeoutMs: options.shutdownTimeoutMs ?? DEFAULT_SHUTDOWN_TIMEOUT_MS,
    slowInitWarningMs: options.slowInitWarningMs ?? DEFAULT_SLOW_INIT_WARNING_MS,
    onPluginBootFailure: () => plugin,
    onModuleBootFailure: module,
    logger,
    loggerRef: coreServices.rootLogger,
    refine: (get) => {
      const config = get(coreServices.rootConfig) as ConfigService | undefined;
      return config === undefined ? {} : fromConfig(config, plugin, module);
    },
  };
}

/** The builder's module policy as a function; a function the user gave is checked on every answer. */
function builderModulePolicy(options: ContainerBuilderOptions): (pluginId: string, moduleId: string) => BootFailurePolicy {
  const option = options.onModuleBootFailure;
  if (typeof option !== 'function') {
    const policy = option ?? 'abort';
    return () => policy;
  }
  return (pluginId, moduleId) => {
    const policy: unknown = option(pluginId, moduleId);
    if (policy !== 'abort' && policy !== 'continue')
      throw plugboardError('INVALID_OPTIONS', { reason: 'policy', name: 'onModuleBootFailure', value: policy, function: true });
    return policy;
  };
}

function fromConfig(
  config: ConfigService,
  pluginDefault: BootFailurePolicy,
  moduleDefault: (pluginId: string, moduleId: string) => BootFailurePolicy,
): Partial<RuntimeSettings> {
  const settings: { -readonly [K in keyof RuntimeSettings]?: RuntimeSettings[K] } = {};
  const initTimeoutMs = milliseconds(config, 'plugboard.initTimeoutMs');
  if (initTimeoutMs !== undefined) settings.initTimeoutMs = initTimeoutMs;
  const shutdownTimeoutMs = milliseconds(config, 'plugboard.shutdownTimeoutMs');
  if (shutdownTimeoutMs !== undefined) settings.shutdownTimeoutMs = shutdownTimeoutMs;
  const pluginGlobal = policy(config, 'plugboard.startup.onPluginBootFailure');
  const moduleGlobal = policy(config, 'plugboard.startup.onModuleBootFailure');
  const perPlugin = pluginEntries(config);
  settings.onPluginBootFailure = (id) => perPlugin.get(id)?.plugin ?? pluginGlobal ?? pluginDefault;
  settings.onModuleBootFailure = (pluginId, moduleId) => {
    const entry = perPlugin.get(pluginId);
    return entry?.modules.get(moduleId) ?? entry?.module ?? moduleGlobal ?? moduleDefault(pluginId, moduleId);
  };
  return settings;
}

interface PluginEntry {
  readonly plugin: BootFailurePolicy | undefined;
  readonly module: BootFailurePolicy | undefined;
  readonly modules: Map<string, BootFailurePolicy>;
}

/** `plugboard.startup.plugins.<id>` entries, read once (a Map: any id, `constructor` included, is a key). */
function pluginEntries(config: ConfigService): Map<string, PluginEntry> {
  const entries = new Map<string, PluginEntry>();
  const plugins = config.getOptionalConfig('plugboard.startup.plugins');
  for (const id of plugins?.keys() ?? []) {
    const entry = plugins!.getConfig(id);
    const base = `plugboard.startup.plugins.${id}`;
    const modules = new Map<string, BootFailurePolicy>();
    const moduleEntries = entry.getOptionalConfig('modules');
    for (const moduleId of moduleEntries?.keys() ?? []) {
      const value = policyAt(moduleEntries!.getConfig(moduleId), 'onModuleBootFailure', `${base}.modules.${moduleId}.onModuleBootFailure`);
      if (value !== undefined) modules.set(moduleId, value);
    }
    entries.set(id, {
      plugin: policyAt(entry, 'onPluginBootFailure', `${base}.onPluginBootFailure`),
      module: policyAt(entry, 'onModuleBootFailure', `${base}.onModuleBootFailure`),
      modules,
    });
  }
  return entries;
}

function milliseconds(config: ConfigService, key: string): number | undefined {
  const value = config.getOptionalNumber(key);
  if (value === undefined) return undefined;
  if (!isDuration(value)) throw plugboardError('CONFIG_TYPE', { reason: 'setting', key, expected: 'milliseconds', value });
  return value;
}

function policy(config: ConfigService, key: string): BootFailurePolicy | undefined {
  return policyAt(config, key, key);
}

function policyAt(config: ConfigService, key: string, fullKey: string): BootFailurePolicy | undefined {
  const value = config.getOptionalString(key);
  if (value === undefined || value === 'abort' || value === 'continue') return value;
  throw plugboardError('CONFIG_TYPE', { reason: 'setting', key: fullKey, expected: 'policy', value });
}
