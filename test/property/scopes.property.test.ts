import fc from 'fast-check';
import { appModel, type AppModel, type Journal } from './generator.js';
import { build, start, stop } from './harness.js';
import { pluginScoped, servicesById } from './oracle.js';
import { propertySettings } from './settings.js';

const { params, timeoutMs } = propertySettings(100);

/**
 * Every instance a feature received: a plugin-scoped one was created for the receiver's own
 * plugin and reached no other plugin; a root-scoped one is the same object everywhere.
 */
function checkScopes(model: AppModel, journal: Journal): void {
  const byId = servicesById(model);
  const wrong: string[] = [];
  const pluginsOf = new Map<object, Set<string | undefined>>();
  const instancesOf = new Map<string, Set<object>>();
  for (const { consumer, consumerPlugin, instance } of journal.received) {
    const scope = byId.get(instance.serviceId)!.scope;
    if (scope === 'plugin' && instance.pluginId !== consumerPlugin) {
      wrong.push(`${consumer} (plugin ${consumerPlugin}) received ${instance.who}, created for plugin ${instance.pluginId}`);
    }
    pluginsOf.set(instance, (pluginsOf.get(instance) ?? new Set()).add(consumerPlugin));
    const key = scope === 'root' ? instance.serviceId : `${instance.serviceId}@${consumerPlugin}`;
    instancesOf.set(key, (instancesOf.get(key) ?? new Set()).add(instance));
  }
  for (const [instance, plugins] of pluginsOf) {
    const { serviceId, who } = instance as { serviceId: string; who: string };
    if (byId.get(serviceId)!.scope === 'plugin' && plugins.size > 1) wrong.push(`${who} shared by plugins ${[...plugins].join(', ')}`);
  }
  for (const [key, instances] of instancesOf) if (instances.size > 1) wrong.push(`${instances.size} instances of ${key}`);
  expect(wrong).toEqual([]);
}

/** Exactly one instance of each root service, and one per plugin that needs a plugin-scoped one. */
function checkCreations(model: AppModel, journal: Journal): void {
  const expected = [
    ...model.services.filter((s) => s.scope === 'root').map((s) => s.id),
    ...model.plugins.flatMap((p) => [...pluginScoped(model, p)].map((id) => `${id}@${p.id}`)),
  ].sort();
  const constructed = journal.whos('construct').filter((who) => who.startsWith('svc.'));
  expect(constructed.sort()).toEqual(expected);
}

it(
  '3. plugin-scoped instances are never shared between plugins; root-scoped ones always are',
  async () => {
    await fc.assert(
      fc.asyncProperty(appModel(), async (model) => {
        const { app, journal } = build(model);
        expect(await start(app)).toEqual({ started: true });
        try {
          checkScopes(model, journal);
          checkCreations(model, journal);
        } finally {
          await stop(app);
        }
      }),
      params,
    );
  },
  timeoutMs,
);
