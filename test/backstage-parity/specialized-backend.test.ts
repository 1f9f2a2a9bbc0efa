/**
 * Backstage's createSpecializedBackend tests
 * (packages/backend-app-api/src/wiring/createSpecializedBackend.test.ts), ported: plugboard's
 * counterpart is `new ContainerBuilder().add(...).build()`. Backstage throws while creating the
 * backend; plugboard reports at validate() / start(), with every problem at once.
 */
import {
  ContainerBuilder,
  coreServices,
  createServiceFactory,
  inject,
  Plugin,
  type PluginMetadataService,
  type RootLifecycleService,
} from 'plugboard';
import { quietBuilder } from './kit.js';

const noopLifecycle = (): RootLifecycleService => ({
  addStartupHook: () => undefined,
  addShutdownHook: () => undefined,
  addBeforeShutdownHook: () => undefined,
});

it('builds and runs an app with nothing added (createSpecializedBackend: should create a backend without services)', async () => {
  const app = new ContainerBuilder({ logger: { level: 'silent' } }).build();
  await expect(app.start()).resolves.toEqual({ outcome: 'success', plugins: [] });
  await app.stop();
});

it('reports two implementations of a core service (createSpecializedBackend: should throw on duplicate service implementations)', async () => {
  const problems = await quietBuilder()
    .add(createServiceFactory({ service: coreServices.rootLifecycle, factory: async () => noopLifecycle() }))
    .add(createServiceFactory({ service: coreServices.rootLifecycle, factory: async () => noopLifecycle() }))
    .build()
    .validate();
  expect(problems).toEqual([expect.objectContaining({ code: 'DUPLICATE_SERVICE', refId: coreServices.rootLifecycle.id })]);
});

it('lets an app replace the plugin metadata service, as every core service (deliberately different; createSpecializedBackend: should throw when providing a plugin metadata service implementation)', async () => {
  let seenId = '';
  @Plugin({ id: 'test' })
  class Test {
    constructor(@inject(coreServices.pluginMetadata) meta: PluginMetadataService) {
      seenId = meta.getId();
    }
  }
  const app = quietBuilder()
    .add(createServiceFactory({ service: coreServices.pluginMetadata, factory: async () => ({ getId: () => 'replaced' }) }))
    .add(Test)
    .build();
  await app.start();
  expect(seenId).toBe('replaced');
  await app.stop();
});
