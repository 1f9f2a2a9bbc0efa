import type { InstalledPlugin } from '../runtime/context-refs.js';

export type { InstalledPlugin } from '../runtime/context-refs.js';

/** Who the current plugin is (`coreServices.pluginMetadata`). */
export interface PluginMetadataService {
  /** The plugin's id. */
  getId(): string;
}

/** What is installed in the app (`coreServices.instanceMetadata`). */
export interface InstanceMetadataService {
  /** Every installed plugin with its modules; deep-frozen. */
  getInstalledPlugins(): readonly InstalledPlugin[];
}
