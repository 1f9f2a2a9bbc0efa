import type { Owner } from './recipes.js';

// Labels are only read when there is a problem to report: built on demand, not per feature.

/** The owner of a plugin's recipe. */
export const pluginOwner = (pluginId: string): Owner => ({
  get label() {
    return `plugin '${pluginId}'`;
  },
  pluginId,
});

/** The owner of a module's recipe. */
export const moduleOwner = (pluginId: string, moduleId: string): Owner => ({
  get label() {
    return `module '${moduleId}' of plugin '${pluginId}'`;
  },
  pluginId,
  moduleId,
});
