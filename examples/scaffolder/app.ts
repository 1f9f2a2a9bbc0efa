import { ContainerBuilder, type App, type ContainerBuilderOptions } from 'plugboard';
import { CaseFiltersModule, GithubActionsModule, TemplatingModule } from './modules.js';
import { ScaffolderPlugin } from './scaffolder-plugin.js';
import { MemoryTaskStore } from './task-store.js';

/** The example host's wiring: one plugin, four modules, one plugin-scoped service. */
export function createScaffolderBuilder(options: ContainerBuilderOptions = {}): ContainerBuilder {
  return new ContainerBuilder(options)
    .add(ScaffolderPlugin)
    .add(GithubActionsModule)
    .add(import('./gitlab-feature.js')) // a lazily imported feature module
    .add(TemplatingModule)
    .add(CaseFiltersModule)
    .add(MemoryTaskStore);
}

/** The example host, built. */
export function createScaffolderApp(options: ContainerBuilderOptions = {}): App {
  return createScaffolderBuilder(options).build();
}
