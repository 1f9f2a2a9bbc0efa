// The sample of README.md, run at import (test/docs/samples.test.ts keeps it verbatim). The
// sample's own names come first: imports are hoisted, and the sample runs as the module loads.
interface Action {
  readonly id: string;
}
const githubAction: Action = { id: 'github:publish' };

import { ContainerBuilder, Plugin, Module, Service, inject, onInit, createExtensionPoint } from 'plugboard';

export interface ActionsExtensionPoint {
  addAction(action: Action): void;
}
export const actionsExtensionPoint = createExtensionPoint<ActionsExtensionPoint>({ id: 'scaffolder.actions' });

@Service()
class ActionsRegistry implements ActionsExtensionPoint {
  private readonly actions: Action[] = [];
  addAction(action: Action) {
    this.actions.push(action);
  }
  list() {
    return [...this.actions];
  }
}

@Plugin({ id: 'scaffolder', extensionPoints: [{ provide: actionsExtensionPoint, useClass: ActionsRegistry }] })
class ScaffolderPlugin {
  ready = false;
  constructor(@inject(ActionsRegistry) private readonly registry: ActionsRegistry) {}
  @onInit() init() {
    this.ready = this.registry.list().length > 0; // every module has added its actions by now
  }
}

@Module({ pluginId: 'scaffolder', id: 'github-actions' })
class GithubActionsModule {
  constructor(@inject(actionsExtensionPoint) private readonly actions: ActionsExtensionPoint) {}
  @onInit() init() {
    this.actions.addAction(githubAction);
  }
}

const app = new ContainerBuilder({ logger: { level: 'warn' } }).add(ScaffolderPlugin).add(GithubActionsModule).build();
await app.start();
await app.stop();

describe('README.md', () => {
  it('starts and stops the sample app', () => {
    expect(app.state).toBe('stopped');
  });
});
