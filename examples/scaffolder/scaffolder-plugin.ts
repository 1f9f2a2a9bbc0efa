import { coreServices, inject, onInit, onShutdown, Plugin, type ExtensionPointFactoryContext, type LoggerService } from 'plugboard';
import { actionsExtensionPoint, ActionsRegistry, type Action, type ActionsExtensionPoint } from './actions.js';
import { taskStoreRef, type TaskStore } from './task-store.js';

/**
 * What each module gets when it injects `scaffolder.actions` (called once per module). An action
 * without an id is not added: it is reported as the failure of the module that added it, so that
 * module's boot-failure policy decides (the host leaves it out, see app.ts) and the log names it.
 */
function actionsFor(context: ExtensionPointFactoryContext, deps: Record<string, unknown>): ActionsExtensionPoint {
  const registry = deps['registry'] as ActionsRegistry;
  return {
    addAction(action: Action): void {
      if (typeof action.id !== 'string' || action.id === '') {
        context.reportModuleStartupFailure({ error: new Error(`module '${context.moduleId}' added an action without an id`) });
        return;
      }
      registry.addAction(action);
    },
  };
}

@Plugin({
  id: 'scaffolder',
  extensionPoints: [{ provide: actionsExtensionPoint, deps: { registry: ActionsRegistry }, useFactory: actionsFor }],
})
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
