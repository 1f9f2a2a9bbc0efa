import { coreServices, inject, onInit, onShutdown, Plugin, type LoggerService } from 'plugboard';
import { actionsExtensionPoint, ActionsRegistry } from './actions.js';
import { taskStoreRef, type TaskStore } from './task-store.js';

@Plugin({ id: 'scaffolder', extensionPoints: [{ provide: actionsExtensionPoint, useClass: ActionsRegistry }] })
export class ScaffolderPlugin {
  constructor(
    @inject(ActionsRegistry) private readonly registry: ActionsRegistry,
    @inject(taskStoreRef) private readonly tasks: TaskStore,
    @inject(coreServices.logger) private readonly logger: LoggerService,
  ) {}

  @onInit()
  async init(): Promise<void> {
    const ids = this.registry.list().map((action) => action.id);
    this.logger.info({ actions: ids }, `scaffolder ready with ${ids.length} actions`);
    for (const action of this.registry.list()) {
      this.tasks.record(action.run({ name: 'demo-service' }));
    }
    this.logger.info({ tasks: this.tasks.entries() }, 'ran every action once');
  }

  /** What the host can call: run one action by id. */
  run(actionId: string, input: Record<string, string>): string {
    const action = this.registry.get(actionId);
    if (action === undefined) throw new Error(`no action '${actionId}'`);
    return action.run(input);
  }

  @onShutdown()
  async close(): Promise<void> {
    this.logger.info(`scaffolder stopping after ${this.tasks.entries().length} tasks`);
  }
}
