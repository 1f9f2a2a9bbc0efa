import { ContainerBuilder, type ContainerBuilderOptions } from 'plugboard';
import { CaseFiltersModule, GithubActionsModule, TemplatingModule } from './modules.js';
import { ScaffolderPlugin } from './scaffolder-plugin.js';
import { MemoryTaskStore } from './task-store.js';

/** The example host: one plugin, four modules, one plugin-scoped service. */
export function createScaffolderApp(options: ContainerBuilderOptions = {}) {
  return new ContainerBuilder(options)
    .add(ScaffolderPlugin)
    .add(GithubActionsModule)
    .add(import('./gitlab-feature.js')) // a lazily imported feature module
    .add(TemplatingModule)
    .add(CaseFiltersModule)
    .add(MemoryTaskStore)
    .build();
}
