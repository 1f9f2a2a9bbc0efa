import { createExtensionPoint, Service } from 'plugboard';

/** A scaffolder action: a named step a template can run. */
export interface Action {
  readonly id: string;
  run(input: Record<string, string>): string;
}

/** What modules see: they can only add actions. */
export interface ActionsExtensionPoint {
  addAction(action: Action): void;
}

export const actionsExtensionPoint = createExtensionPoint<ActionsExtensionPoint>({ id: 'scaffolder.actions' });

/**
 * Where the actions go: the plugin injects this class to read what modules added. Modules never
 * see it: the plugin provides the extension point with a factory (scaffolder-plugin.ts) that
 * checks each action and adds it here.
 */
@Service()
export class ActionsRegistry {
  private readonly actions = new Map<string, Action>();

  addAction(action: Action): void {
    if (this.actions.has(action.id)) throw new Error(`action '${action.id}' is already registered`);
    this.actions.set(action.id, action);
  }

  list(): Action[] {
    return [...this.actions.values()];
  }

  get(id: string): Action | undefined {
    return this.actions.get(id);
  }
}
