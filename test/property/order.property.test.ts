import fc from 'fast-check';
import { appModel, moduleName, type AppModel, type Journal } from './generator.js';
import { build, start, stop } from './harness.js';
import { propertySettings } from './settings.js';

const { params, timeoutMs } = propertySettings(100);

/** Every module's init completes before its plugin's begins; users of a module's extension point before that module. */
function checkOrder(model: AppModel, journal: Journal): void {
  const late: string[] = [];
  const before = (first: string, then: string): void => {
    const ready = journal.at('ready', first);
    const init = journal.at('init', then);
    if (ready < 0 || init < 0 || ready > init) late.push(`${first} ready at ${ready}, ${then} init at ${init}`);
  };
  for (const plugin of model.plugins) {
    for (const module of plugin.modules) {
      const who = moduleName(plugin.id, module.id);
      before(who, plugin.id);
      for (const used of module.uses) before(who, moduleName(plugin.id, used));
    }
  }
  expect(late).toEqual([]);
}

/** Each provider saw exactly the items of the features that add to it: its own plugin's, never another's. */
function checkItems(model: AppModel, journal: Journal): void {
  const expected = new Map<string, string[]>();
  const seen = new Map<string, string[]>();
  const record = (provider: string, adders: string[]): void => {
    expected.set(provider, adders.sort());
    seen.set(provider, [...(journal.seen.get(provider) ?? ['(never initialised)'])].sort());
  };
  for (const plugin of model.plugins) {
    const name = (id: string): string => moduleName(plugin.id, id);
    record(
      plugin.id,
      plugin.modules.filter((m) => m.addsToPlugin).map((m) => name(m.id)),
    );
    for (const provider of plugin.modules.filter((m) => m.provides)) {
      record(
        name(provider.id),
        plugin.modules.filter((m) => m.uses.includes(provider.id)).map((m) => name(m.id)),
      );
    }
  }
  expect(seen).toEqual(expected);
}

/** Each feature is constructed and initialised once, and a service is initialised before anything receives it. */
function checkOnceAndServicesFirst(journal: Journal): void {
  const repeated = ['construct', 'init', 'ready'].flatMap((phase) => {
    const names = journal.whos(phase as 'construct');
    return names.filter((who, index) => names.indexOf(who) !== index).map((who) => `${phase} ${who} twice`);
  });
  const early = journal.received
    .filter(({ consumer, instance }) => journal.at('ready', instance.who) > journal.at('construct', consumer))
    .map(({ consumer, instance }) => `${consumer} received ${instance.who} before it was ready`);
  expect([...repeated, ...early]).toEqual([]);
}

it(
  '2. sound apps: modules init before their plugin, users of an extension point before its provider, and each plugin sees exactly its own modules’ items',
  async () => {
    await fc.assert(
      fc.asyncProperty(appModel(), async (model) => {
        const { app, journal } = build(model);
        expect(await start(app)).toEqual({ started: true });
        try {
          checkOrder(model, journal);
          checkItems(model, journal);
          checkOnceAndServicesFirst(journal);
        } finally {
          await stop(app);
        }
      }),
      params,
    );
  },
  timeoutMs,
);
