import { coreServices, createExtensionPoint, inject, Module, onInit, Service, type LoggerService } from 'plugboard';
import { actionsExtensionPoint, type ActionsExtensionPoint } from './actions.js';

@Module({ pluginId: 'scaffolder', id: 'github-actions' })
export class GithubActionsModule {
  constructor(
    @inject(actionsExtensionPoint) private readonly actions: ActionsExtensionPoint,
    @inject(coreServices.logger) private readonly logger: LoggerService,
  ) {}

  @onInit()
  init(): void {
    this.actions.addAction({ id: 'github:publish', run: ({ name }) => `published ${name} to GitHub` });
    this.logger.info('added github:publish');
  }
}

@Module({ pluginId: 'scaffolder', id: 'gitlab-actions' })
export class GitlabActionsModule {
  constructor(@inject(actionsExtensionPoint) private readonly actions: ActionsExtensionPoint) {}

  @onInit()
  async init(): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, 20)); // a slow module: the plugin still waits for it
    this.actions.addAction({ id: 'gitlab:publish', run: ({ name }) => `published ${name} to GitLab` });
  }
}

/** An old module whose action has no id: the plugin reports it as this module's failure. */
@Module({ pluginId: 'scaffolder', id: 'legacy-actions' })
export class LegacyActionsModule {
  constructor(@inject(actionsExtensionPoint) private readonly actions: ActionsExtensionPoint) {}

  @onInit()
  init(): void {
    this.actions.addAction({ id: '', run: () => 'legacy' });
  }
}

/** An extension point a module provides to other modules of the same plugin. */
export interface NameFiltersExtensionPoint {
  addFilter(name: string, filter: (value: string) => string): void;
}
export const nameFiltersExtensionPoint = createExtensionPoint<NameFiltersExtensionPoint>({ id: 'scaffolder.nameFilters' });

@Service()
export class NameFilters implements NameFiltersExtensionPoint {
  readonly filters = new Map<string, (value: string) => string>();
  addFilter(name: string, filter: (value: string) => string): void {
    this.filters.set(name, filter);
  }
}

/** Provides `scaffolder.nameFilters`; it initialises after every module that uses it. */
@Module({
  pluginId: 'scaffolder',
  id: 'templating',
  extensionPoints: [{ provide: nameFiltersExtensionPoint, useClass: NameFilters }],
})
export class TemplatingModule {
  constructor(
    @inject(NameFilters) private readonly filters: NameFilters,
    @inject(actionsExtensionPoint) private readonly actions: ActionsExtensionPoint,
    @inject(coreServices.logger) private readonly logger: LoggerService,
  ) {}

  @onInit()
  init(): void {
    const filters = [...this.filters.filters.entries()];
    this.logger.info({ filters: filters.map(([name]) => name) }, 'templating sees every filter');
    this.actions.addAction({
      id: 'template:render',
      run: ({ name = '' }) => `rendered ${filters.reduce((value, [, filter]) => filter(value), name)}`,
    });
  }
}

@Module({ pluginId: 'scaffolder', id: 'case-filters' })
export class CaseFiltersModule {
  constructor(@inject(nameFiltersExtensionPoint) private readonly filters: NameFiltersExtensionPoint) {}

  @onInit()
  init(): void {
    this.filters.addFilter('upper', (value) => value.toUpperCase());
  }
}
