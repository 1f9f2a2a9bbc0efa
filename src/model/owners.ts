import type { Owner } from './recipes.js';

// One per plugin and module: a class, so the label getter lives on the prototype and the string
// is only built when there is a problem to report.

class PluginOwner implements Owner {
  constructor(readonly pluginId: string) {}
  get label(): string {
    return `plugin '${this.pluginId}'`;
  }
}

class ModuleOwner implements Owner {
  constructor(
    readonly pluginId: string,
    readonly moduleId: string,
  ) {}
  get label(): string {
    return `module '${this.moduleId}' of plugin '${this.pluginId}'`;
  }
}

/** The owner of a plugin's recipe. */
export const pluginOwner = (pluginId: string): Owner => new PluginOwner(pluginId);

/** The owner of a module's recipe. */
export const moduleOwner = (pluginId: string, moduleId: string): Owner => new ModuleOwner(pluginId, moduleId);
