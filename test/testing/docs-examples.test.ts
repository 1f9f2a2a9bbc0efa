// The examples of docs/testing.md, run as tests. A test below checks that every ```ts block of
// the doc appears here verbatim, so the doc cannot drift from code that works.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  coreServices,
  createExtensionPoint,
  createServiceFactory,
  createServiceRef,
  inject,
  Module,
  onInit,
  Plugin,
  Service,
  type LoggerService,
} from 'plugboard';
import { createServiceTester, mockServices, serviceValue, startTestApp } from 'plugboard/testing';

// --- the code under test, as a plugin author would have it ---

interface Action {
  readonly id: string;
}
interface ActionsExtensionPoint {
  addAction(action: Action): void;
}
const actionsExtensionPoint = createExtensionPoint<ActionsExtensionPoint>({ id: 'scaffolder.actions' });

@Service()
class ActionsRegistry implements ActionsExtensionPoint {
  private readonly actions: Action[] = [];
  addAction(action: Action): void {
    this.actions.push(action);
  }
  list(): Action[] {
    return [...this.actions];
  }
}

@Plugin({ id: 'scaffolder', extensionPoints: [{ provide: actionsExtensionPoint, useClass: ActionsRegistry }] })
class ScaffolderPlugin {
  constructor(
    @inject(ActionsRegistry) private readonly registry: ActionsRegistry,
    @inject(coreServices.logger) private readonly logger: LoggerService,
  ) {}
  @onInit()
  init(): void {
    this.logger.info({ actions: this.registry.list().map((a) => a.id) }, 'scaffolder ready');
  }
}

@Module({ pluginId: 'scaffolder', id: 'github-actions' })
class GithubActionsModule {
  constructor(@inject(actionsExtensionPoint) private readonly actions: ActionsExtensionPoint) {}
  @onInit()
  init(): void {
    this.actions.addAction({ id: 'github:publish' });
  }
}

interface Clock {
  now(): number;
}
const clockRef = createServiceRef<Clock>({ id: 'clock', scope: 'root' });

interface TaskIds {
  next(): string;
}
const taskIdsRef = createServiceRef<TaskIds>({ id: 'scaffolder.taskIds' });
const taskIdsFactory = createServiceFactory({
  service: taskIdsRef,
  deps: { clock: clockRef, metadata: coreServices.pluginMetadata },
  factory: ({ clock, metadata }) => {
    let n = 0;
    return { next: () => `${metadata.getId()}-${clock.now()}-${++n}` };
  },
});

// --- the examples ---

describe('docs/testing.md', () => {
  it('tests a plugin with its modules', async () => {
    const logger = mockServices.rootLogger();
    const app = await startTestApp({
      features: [ScaffolderPlugin, GithubActionsModule],
      services: [logger],
    });

    expect(logger.entries).toContainEqual(
      expect.objectContaining({ msg: 'scaffolder ready', plugin: 'scaffolder', actions: ['github:publish'] }),
    );
    await app.stop();
  });

  it('tests a module without its plugin', async () => {
    const added: Action[] = [];
    await startTestApp({
      features: [GithubActionsModule],
      extensionPoints: [[actionsExtensionPoint, { addAction: (action: Action) => added.push(action) }]],
    });

    expect(added).toEqual([{ id: 'github:publish' }]);
  });

  it('tests a service factory alone', async () => {
    const tester = createServiceTester(taskIdsFactory, {
      dependencies: [serviceValue(clockRef, { now: () => 1700 })],
    });

    const ids = await tester.get('scaffolder');
    expect([ids.next(), ids.next()]).toEqual(['scaffolder-1700-1', 'scaffolder-1700-2']);
    expect(await tester.get('catalog')).not.toBe(ids); // plugin-scoped: one per plugin
  });

  it('keeps every ts block of the doc verbatim in this file', () => {
    const doc = readFileSync(fileURLToPath(new URL('../../docs/testing.md', import.meta.url)), 'utf8');
    const self = readFileSync(fileURLToPath(import.meta.url), 'utf8');
    const blocks = [...doc.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);
    expect(blocks.length).toBeGreaterThanOrEqual(3);
    const normalise = (text: string): string =>
      text
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean)
        .join('\n');
    for (const block of blocks) expect(normalise(self)).toContain(normalise(block));
  });
});
