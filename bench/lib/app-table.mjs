// The app tables (start, stop, define, max RSS per system and size) of one scenario, in markdown.
import { cell, fmt, median, ratio, stats } from './stats.mjs';

export const LABELS = {
  plugboard: 'plugboard',
  backstage: 'Backstage backend',
  inversify: 'InversifyJS (raw)',
  nestjs: 'NestJS',
  handwired: 'hand-wired',
  containers: 'InversifyJS containers only',
};

const SCENARIO_TEXT = {
  current: [
    'N plugins × M modules. Each plugin has one extension point (`addItem(item)`); each module injects that ' +
      'extension point, a plugin-scoped service and a root-scoped service, and adds one item in its init; ' +
      'each plugin checks in its init that it saw exactly M items. Every plugin and module has a stop hook ' +
      'that counts; the count is checked after stop. All classes (N × M modules, N plugins, N registries) ' +
      'are created at run time, so each is distinct, as in a real app. Inits and hooks are synchronous ' +
      'functions; each system awaits them as it does. Code: `bench/systems/*.mjs`.',
  ],
  variant: [
    'The same plugins, modules and extension points, shaped like most real hosts: **only plugins have a stop hook** ' +
      '(modules have none, and in Backstage do not depend on the lifecycle at all); **every init and stop hook is async** ' +
      '(`async`, awaiting once); the root-scoped service and the **plugin-scoped service are factories, the plugin-scoped ' +
      'one made from the root one** and the plugin’s id, as a plugin logger is `rootLogger.child({ plugin })` ' +
      '(plugboard and Backstage: `createServiceFactory` with `deps: { root, metadata: coreServices.pluginMetadata }`; ' +
      'InversifyJS: a `toDynamicValue` in each child container resolving the root from the parent; NestJS: a ' +
      '`useFactory` provider injecting the root; hand-wired: `root.child(...)`). The plugin injects its registry and the ' +
      'plugin-scoped service; each module the extension point, the plugin-scoped and the root service; every init checks ' +
      'that the plugin-scoped service it got is its plugin’s and was made from the one root service. Code: ' +
      '`bench/systems/variant/*.mjs`.',
  ],
};

export const SCENARIO_TITLES = { current: 'the current scenario', variant: 'the variant scenario' };

export function scenarioDescription(scenario) {
  return SCENARIO_TEXT[scenario].join('\n');
}

function summary(results, size, system) {
  const rs = results.filter((r) => r.n === size.n && r.m === size.m && r.system === system);
  if (rs.length === 0) return undefined;
  return {
    loadMs: stats(rs.map((r) => r.loadMs)),
    defineMs: stats(rs.map((r) => r.defineMs)),
    startMs: stats(rs.map((r) => r.startMs)),
    stopMs: stats(rs.map((r) => r.stopMs)),
    maxRssMB: stats(rs.map((r) => r.maxRssMB)),
  };
}

/**
 * The system's figure divided by Backstage's of the same round, median over the rounds: two runs of
 * one round ran back to back, so this cancels the machine's drift better than a ratio of medians.
 */
function pairedRatio(results, size, system, key) {
  const at = (s) => new Map(results.filter((r) => r.n === size.n && r.m === size.m && r.system === s).map((r) => [r.run, r[key]]));
  const mine = at(system);
  const base = at('backstage');
  const ratios = [...mine].filter(([run]) => base.get(run) > 0).map(([run, v]) => v / base.get(run));
  return ratios.length ? ratio(median(ratios), 1) : 'n/a';
}

/** The summary and per-size tables of one scenario; `results` are that scenario's runs. */
export function appTables({ scenario, sizes, systems, results }) {
  const lines = [];
  lines.push(`### Summary (${SCENARIO_TITLES[scenario]}): median start ms / stop ms / max RSS MB`, '');
  lines.push(`| size | ${systems.map((s) => LABELS[s]).join(' | ')} | plugboard start / stop / RSS ÷ Backstage |`);
  lines.push(`|---|${systems.map(() => '---').join('|')}|---|`);
  for (const size of sizes) {
    const cells = systems.map((s) => {
      const x = summary(results, size, s);
      return x ? `${fmt(x.startMs.median)} / ${fmt(x.stopMs.median)} / ${x.maxRssMB.median.toFixed(0)}` : '–';
    });
    const ratios = ['startMs', 'stopMs', 'maxRssMB'].map((key) => pairedRatio(results, size, 'plugboard', key)).join(' / ');
    lines.push(`| ${size.n}×${size.m} | ${cells.join(' | ')} | ${ratios} |`);
  }
  lines.push('');

  for (const size of sizes) {
    lines.push(
      `### ${size.n} plugins × ${size.m} modules, ${SCENARIO_TITLES[scenario]} (${size.runs} run${size.runs > 1 ? 's' : ''} each)`,
      '',
    );
    lines.push(
      '| system | start ms | stop ms | define ms | max RSS MB | import ms | start ÷ Backstage | stop ÷ Backstage | define ÷ Backstage | RSS ÷ Backstage |',
    );
    lines.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
    for (const s of systems) {
      const x = summary(results, size, s);
      if (!x) continue;
      lines.push(
        `| ${LABELS[s]} | ${cell(x.startMs)} | ${cell(x.stopMs)} | ${cell(x.defineMs)} | ${cell(x.maxRssMB, 0)} | ` +
          `${fmt(x.loadMs.median)} | ${pairedRatio(results, size, s, 'startMs')} | ` +
          `${pairedRatio(results, size, s, 'stopMs')} | ${pairedRatio(results, size, s, 'defineMs')} | ` +
          `${pairedRatio(results, size, s, 'maxRssMB')} |`,
      );
    }
    lines.push('');
  }
  return lines.join('\n');
}

/** What the app figures mean and how each system is wired (both scenarios). */
export function appDefinitions() {
  return [
    '- **define**: creating and decorating the classes (plugboard, InversifyJS and NestJS decorators applied ' +
      'programmatically; Backstage: `createExtensionPoint`/`createBackendPlugin`/`createBackendModule`).',
    '- **start**: from wiring (builder, containers, bindings, `backend.add`) until the app is started and every init ran.',
    '- **stop**: the stop call until every stop hook ran.',
    '- **max RSS**: the process peak (`process.resourceUsage().maxRSS`), framework load included.',
    '- **import**: loading the framework (`import()` of the system module), outside the other figures.',
    '- Cells are `median (min–max)`; **÷ Backstage** is the system’s figure divided by the Backstage backend’s ' +
      'of the same round (the two ran back to back), median over the rounds, in the same scenario and size ' +
      '(below 1: faster or smaller than Backstage).',
    '',
    'How each system is wired (`bench/systems/*.mjs`, `bench/systems/variant/*.mjs`):',
    '',
    '- **plugboard**: the public API of the built package (`dist/`), decorators applied as TypeScript would ' +
      '(parameters, methods, class); the plugin reads the items through its extension point’s implementation ' +
      "class; `@onShutdown` hooks; `new ContainerBuilder({ logger: { level: 'silent' } })`, `add`, `build`, `start`, `stop`.",
    '- **Backstage backend**: `createSpecializedBackend` with the minimal service factories it needs ' +
      '(`core.rootLifecycle`, `core.lifecycle`, whose hooks run concurrently as Backstage’s defaults do; ' +
      'no root logger or config, so it logs nothing), the scenario’s root and plugin services as ' +
      '`createServiceFactory`; stop hooks are `lifecycle.addShutdownHook`. Its `register` callbacks run inside ' +
      '`start()`, so its define figure is only the creation of the feature objects.',
    '- **InversifyJS (raw)**: the naive way: a child container per plugin, modules bound to one multi-binding ' +
      'token and resolved with `getAll`, then the plugin; `@preDestroy` hooks run by `unbindAll()` ' +
      '(`unbindAllAsync()` in the variant) of each child container, then the root.',
    '- **NestJS**: one Nest module per plugin (plugin service, registry, plugin and modules as providers), ' +
      'a global root module; modules add in `onModuleInit`, the plugin checks in `onApplicationBootstrap`; ' +
      'stop hooks are `onModuleDestroy`; `createApplicationContext` (logger off) and `close()`.',
    '- **hand-wired**: `new` in init order, inits called (and awaited, in the variant) directly, stop hooks called in reverse: the floor.',
    '- **InversifyJS containers only**: not an app, a measurement: the InversifyJS work alone that plugboard ' +
      'does per plugin here (a child container, three bindings: plugin service, extension point implementation ' +
      'class, extension point token; two resolutions), nothing else. It is the part of plugboard’s start that ' +
      'a real InversifyJS child container per plugin (DESIGN.md) costs.',
    '',
  ].join('\n');
}
