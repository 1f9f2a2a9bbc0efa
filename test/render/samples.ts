// Apps whose descriptions the renderer tests draw.
import {
  type AppDescription,
  coreServices,
  createExtensionPoint,
  createServiceFactory,
  createServiceRef,
  inject,
  Module,
  onInit,
  Plugin,
} from 'plugboard';
import { quietBuilder } from '../support.js';

interface Registry {
  add(name: string): void;
}
const registry = (): Registry => ({ add() {} });

/**
 * Started with `onPluginBootFailure: 'continue'`: plugin `catalog` (extension point
 * `catalog.processors`, used by module `github-org`, which provides `catalog.rules "strict"` to
 * module `rules`) and plugin `search` (depends on catalog, fails its init). Both inject the
 * plugin-scoped `catalog.store`, which needs the root service `db.pool`.
 */
export async function startedDescription(): Promise<AppDescription> {
  const processors = createExtensionPoint<Registry>({ id: 'catalog.processors' });
  const rules = createExtensionPoint<Registry>({ id: 'catalog.rules "strict"' });
  const store = createServiceRef<object>({ id: 'catalog.store', scope: 'plugin' });
  const db = createServiceRef<object>({ id: 'db.pool', scope: 'root' });

  @Plugin({ id: 'catalog', extensionPoints: [{ provide: processors, useValue: registry() }] })
  class Catalog {
    constructor(@inject(store) readonly store: object) {}
  }
  @Module({ pluginId: 'catalog', id: 'github-org', extensionPoints: [{ provide: rules, useValue: registry() }] })
  class GithubOrg {
    constructor(@inject(processors) readonly processors: Registry) {}
  }
  @Module({ pluginId: 'catalog', id: 'rules' })
  class Rules {
    constructor(
      @inject(rules) readonly rules: Registry,
      @inject(coreServices.logger) readonly logger: object,
    ) {}
  }
  @Plugin({ id: 'search', dependsOn: ['catalog'] })
  class Search {
    constructor(@inject(store) readonly store: object) {}
    @onInit() init(): void {
      throw new Error('search index is down');
    }
  }
  const app = quietBuilder({ onPluginBootFailure: 'continue' })
    .add([Catalog, GithubOrg, Rules, Search])
    .add(createServiceFactory({ service: store, deps: { db }, factory: () => ({}) }))
    .add(createServiceFactory({ service: db, factory: () => ({}) }))
    .build();
  await app.start();
  try {
    return app.describe();
  } finally {
    await app.stop();
  }
}

/**
 * Not started, with problems: plugin `orders` injects `payments.client`, which nothing
 * implements, and depends on plugin `ghost`, which is not installed; its module `audit` injects
 * extension point `orders.hooks`, which nothing provides, and its module `spy` injects
 * `billing.ledger`, which belongs to plugin `billing`.
 */
export async function brokenDescription(): Promise<AppDescription> {
  const payments = createServiceRef<object>({ id: 'payments.client' });
  const hooks = createExtensionPoint<Registry>({ id: 'orders.hooks' });
  const ledger = createExtensionPoint<Registry>({ id: 'billing.ledger' });
  @Plugin({ id: 'orders', dependsOn: ['ghost'] })
  class Orders {
    constructor(@inject(payments) readonly payments: object) {}
  }
  @Module({ pluginId: 'orders', id: 'audit' })
  class Audit {
    constructor(@inject(hooks) readonly hooks: Registry) {}
  }
  @Module({ pluginId: 'orders', id: 'spy' })
  class Spy {
    constructor(@inject(ledger) readonly ledger: Registry) {}
  }
  @Plugin({ id: 'billing', extensionPoints: [{ provide: ledger, useValue: registry() }] })
  class Billing {}
  const app = quietBuilder().add([Orders, Audit, Spy, Billing]).build();
  await app.validate();
  return app.describe();
}

/** Ids that need escaping everywhere: Mermaid and DOT syntax, HTML, entities, line breaks. */
export const oddIds = [
  'say "hi"',
  'a#35;b',
  '<b>bold</b>',
  '`tick`',
  '%% not a comment',
  'end',
  'a&b',
  'back\\slash',
  'semi;colon|pipe',
  'two\nlines',
  '{curly} [square]',
  'x --> y',
  'ünïcode ✓',
];

/** A plugin `end` providing one extension point per odd id and injecting one root service per odd id. */
export async function oddDescription(): Promise<AppDescription> {
  const points = oddIds.map((id) => createExtensionPoint<Registry>({ id: `ep ${id}` }));
  const refs = oddIds.map((id) => createServiceRef<object>({ id, scope: 'root' }));
  class End {}
  [...points, ...refs].forEach((token, index) => inject(token)(End, undefined, index));
  Plugin({ id: 'end', extensionPoints: points.map((provide) => ({ provide, useValue: registry() })) })(End);
  class Subgraph {}
  Module({ pluginId: 'end', id: 'subgraph' })(Subgraph);
  const builder = quietBuilder().add([End, Subgraph]);
  for (const service of refs) builder.add(createServiceFactory({ service, factory: () => ({}) }));
  const app = builder.build();
  expect(await app.validate()).toEqual([]);
  return app.describe();
}
