/**
 * Route: what plugboard describes (issue 13: "describe(), instanceMetadata"; DESIGN.md:
 * `describe()` is "the wiring graph as plain data", `getInstalledPlugins()` is "deep-frozen").
 *
 * `coreServices.instanceMetadata` and `coreServices.pluginMetadata` are injectable anywhere;
 * `app.describe()` and `app.validate()` are the host's, and what they return is handed to tools
 * (the CLI, dashboards). None of it may lead to a live object, and changing what one caller got
 * must change nothing for the next caller.
 */
import { coreServices, inject, Module, Plugin, type InstanceMetadataService } from 'plugboard';
import {
  crawl,
  hostileModule,
  hostilePlugin,
  leaks,
  mutableState,
  quietBuilder,
  runAndStop,
  scenario,
  Tamper,
  vandalize,
  victimSecrets,
  withStarted,
  type Holdings,
} from './kit.js';

const tamper = new Tamper();
afterEach(() => tamper.restore());

/** Paths in `value` that are not plain data (functions, symbols keys, class instances, accessors). */
function notPlainData(value: unknown, path = 'description', seen = new Set<unknown>()): string[] {
  if (value === null || ['string', 'number', 'boolean', 'undefined'].includes(typeof value)) return [];
  if (typeof value !== 'object') return [`${path} is a ${typeof value}`];
  if (seen.has(value)) return [];
  seen.add(value);
  const prototype = Object.getPrototypeOf(value) as unknown;
  const problems: string[] = [];
  if (!Array.isArray(value) && prototype !== Object.prototype && prototype !== null) problems.push(`${path} is a class instance`);
  if (Object.getOwnPropertySymbols(value).length > 0) problems.push(`${path} has symbol keys`);
  for (const [key, descriptor] of Object.entries(Object.getOwnPropertyDescriptors(value))) {
    if (!('value' in descriptor)) problems.push(`${path}.${key} is an accessor`);
    else problems.push(...notPlainData(descriptor.value, `${path}.${key}`, seen));
  }
  return problems;
}

/** Changes every nested object and array of `value` (the attacker's copy). */
function scribble(value: unknown): void {
  const reach = crawl({ value });
  for (const object of reach.paths.keys()) {
    if (Array.isArray(object)) tamper.emptyArray(object as unknown[]);
    else for (const key of Object.keys(object)) tamper.set(object, key, 'scribbled');
  }
}

describe('instanceMetadata and pluginMetadata', () => {
  it('nothing reachable from instanceMetadata or pluginMetadata leads to a victim object, and nothing reachable is mutable', async () => {
    let held: Holdings | undefined;
    const { app, victim } = scenario({
      attackers: [hostilePlugin(), hostileModule('hostile', 'evil', undefined, { construct: (holdings) => (held = holdings) })],
    });
    await withStarted(app, () => {
      const reach = crawl({
        instanceMetadata: held!.instanceMetadata,
        installed: held!.instanceMetadata.getInstalledPlugins(),
        pluginMetadata: held!.pluginMetadata,
      });
      expect(leaks(reach, victimSecrets(victim))).toEqual([]);
      expect(mutableState(reach)).toEqual([]);
    });
  });

  it('scribbling over what getInstalledPlugins() returned, and vandalizing instanceMetadata and pluginMetadata, changes nothing another plugin reads later', async () => {
    let observer: InstanceMetadataService | undefined;
    let seenByAttacker = '';
    @Module({ pluginId: 'victim', id: 'observer' })
    class Observer {
      constructor(@inject(coreServices.instanceMetadata) metadata: InstanceMetadataService) {
        observer = metadata;
      }
    }
    const { app, victim } = scenario({
      attackers: [
        hostilePlugin({ dependsOn: ['victim'] }),
        Observer,
        hostileModule('hostile', 'evil', undefined, {
          construct: (holdings) => {
            seenByAttacker = JSON.stringify(holdings.instanceMetadata.getInstalledPlugins());
            scribble(holdings.instanceMetadata.getInstalledPlugins());
            vandalize({ instanceMetadata: holdings.instanceMetadata, pluginMetadata: holdings.pluginMetadata }, tamper);
          },
        }),
      ],
    });
    await withStarted(app, () => {
      expect(seenByAttacker).toContain('victim');
      expect(victim.pluginMetadata!.getId()).toBe('victim');
      const installed = observer!.getInstalledPlugins();
      expect(installed.map((plugin) => plugin.pluginId).sort()).toEqual(['hostile', 'victim']);
      expect(
        installed
          .find((plugin) => plugin.pluginId === 'victim')!
          .modules.map((module) => module.moduleId)
          .sort(),
      ).toEqual(['friend', 'observer']);
    });
  });
});

describe('app.describe() and app.validate()', () => {
  function appWithAProblem() {
    @Plugin({ id: 'victim' })
    class Victim {}
    @Module({ pluginId: 'victim', id: 'friend' })
    class Friend {}
    @Module({ pluginId: 'missing', id: 'orphan' })
    class Orphan {}
    return quietBuilder().add([Victim, Friend, Orphan]).build();
  }

  it('a description is plain data all the way down (no functions, symbols, accessors or class instances), before start, while started and after a failed start', async () => {
    const { app } = scenario();
    expect(notPlainData(app.describe())).toEqual([]);
    await withStarted(app, () => {
      expect(notPlainData(app.describe())).toEqual([]);
    });
    const broken = appWithAProblem();
    await runAndStop(broken);
    expect(notPlainData(broken.describe())).toEqual([]);
  });

  it('scribbling over a description (problems included) changes nothing in the next describe() or validate()', async () => {
    const app = appWithAProblem();
    const problems = JSON.stringify(await app.validate());
    const description = JSON.stringify(app.describe());
    expect(JSON.parse(problems)).not.toEqual([]);
    scribble(app.describe());
    scribble(await app.validate());
    expect(JSON.stringify(app.describe())).toBe(description);
    expect(JSON.stringify(await app.validate())).toBe(problems);
  });

  it('scribbling over the problems of a rejected start’s INVALID_WIRING error changes nothing in validate()', async () => {
    const app = appWithAProblem();
    const problems = JSON.stringify(await app.validate());
    const thrown = await app.start().then(
      () => undefined,
      (error: unknown) => error as { problems?: unknown },
    );
    scribble(thrown?.problems);
    expect(JSON.stringify(await app.validate())).toBe(problems);
  });
});
