import { ContainerBuilder, type App, type ContainerBuilderOptions } from 'plugboard';
import { CaseFiltersModule, GithubActionsModule, LegacyActionsModule, TemplatingModule } from './modules.js';
import { ScaffolderPlugin } from './scaffolder-plugin.js';
import { MemoryTaskStore } from './task-store.js';

/**
 * The example host's wiring: one plugin, five modules, one plugin-scoped service. The legacy
 * module may fail to start without stopping the host: it is left out (and the log says so).
 */
export function createScaffolderBuilder(options: ContainerBuilderOptions = {}): ContainerBuilder {
  return new ContainerBuilder({
    onModuleBootFailure: (_pluginId, moduleId) => (moduleId === 'legacy-actions' ? 'continue' : 'abort'),
    ...options,
  })
    .add(ScaffolderPlugin)
    .add(GithubActionsModule)
    .add(import('./gitlab-feature.js')) // a lazily imported feature module
    .add(TemplatingModule)
    .add(CaseFiltersModule)
    .add(LegacyActionsModule)
    .add(MemoryTaskStore);
}

/** The example host, built. */
export function createScaffolderApp(options: ContainerBuilderOptions = {}): App {
  return createScaffolderBuilder(options).build();
}
