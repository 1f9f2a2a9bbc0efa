/**
 * Breaking a sound app on purpose. Each injector changes a draft of the app and returns the
 * problem `validate()` must report for it, or undefined when the app has no place for that
 * defect (then nothing changes). Injectors keep defects independent: each one causes exactly the
 * problem it returns, so the generator knows the complete list of problems.
 */
import type { Defect, ExtraParameter, Scope, ServiceModel, Stray } from './model.js';
import { itemsPointId, modulePointId } from './model.js';

/** A mutable copy of the app, as the generator builds it. */
export interface Draft {
  plugins: DraftPlugin[];
  services: DraftService[];
  strays: Stray[];
  defects: Defect[];
  /** Plugins that already got a module cycle, and whether the services got one: one each keeps cycles apart. */
  cycledPlugins: Set<string>;
  serviceCycle: boolean;
}
export interface DraftPlugin {
  id: string;
  modules: DraftModule[];
  services: string[];
  timing: { delayMs: number; failure: ServiceModel['timing']['failure'] };
  extra: ExtraParameter[];
}
export interface DraftModule {
  id: string;
  addsToPlugin: boolean;
  provides: boolean;
  uses: string[];
  services: string[];
  timing: DraftPlugin['timing'];
  extra: ExtraParameter[];
}
export interface DraftService {
  id: string;
  scope: Scope;
  form: 'class' | 'factory';
  deps: string[];
  timing: DraftPlugin['timing'];
}

export const DEFECT_KINDS = [
  'DUPLICATE_PLUGIN',
  'DUPLICATE_MODULE',
  'MODULE_WITHOUT_PLUGIN',
  'EXTENSION_POINT_NOT_PROVIDED',
  'EXTENSION_POINT_OF_OTHER_PLUGIN',
  'DUPLICATE_EXTENSION_POINT',
  'SERVICE_NOT_FOUND',
  'DUPLICATE_SERVICE',
  'SCOPE_VIOLATION',
  'SERVICE_CYCLE',
  'MODULE_CYCLE',
  'MISSING_INJECTION_TOKEN',
] as const;
export type DefectKind = (typeof DEFECT_KINDS)[number];

/** Where a defect goes: two free numbers the injector reduces to a target (they shrink towards 0). */
export interface DefectGene {
  readonly kind: DefectKind;
  readonly a: number;
  readonly b: number;
}

type Injector = (draft: Draft, gene: DefectGene, serial: number) => Defect | undefined;

const pick = <T>(items: readonly T[], n: number): T | undefined => (items.length === 0 ? undefined : items[n % items.length]);

/** The plugin, or one of its modules, that receives an extra constructor parameter. */
function owner(draft: Draft, gene: DefectGene): { plugin: DraftPlugin; module?: DraftModule } | undefined {
  const plugin = pick(draft.plugins, gene.a);
  if (plugin === undefined) return undefined;
  const module = gene.b % 2 === 1 ? pick(plugin.modules, gene.b >> 1) : undefined;
  return module === undefined ? { plugin } : { plugin, module };
}

function addExtra(target: { plugin: DraftPlugin; module?: DraftModule }, extra: ExtraParameter): Pick<Defect, 'pluginId' | 'moduleId'> {
  (target.module ?? target.plugin).extra.push(extra);
  return target.module === undefined ? { pluginId: target.plugin.id } : { pluginId: target.plugin.id, moduleId: target.module.id };
}

const injectors: Record<DefectKind, Injector> = {
  DUPLICATE_PLUGIN: (draft, gene) => {
    const plugin = pick(draft.plugins, gene.a);
    if (plugin === undefined) return undefined;
    draft.strays.push({ kind: 'plugin', id: plugin.id });
    return { code: 'DUPLICATE_PLUGIN', pluginId: plugin.id };
  },
  DUPLICATE_MODULE: (draft, gene) => {
    const plugin = pick(
      draft.plugins.filter((p) => p.modules.length > 0),
      gene.a,
    );
    const module = plugin && pick(plugin.modules, gene.b);
    if (plugin === undefined || module === undefined) return undefined;
    draft.strays.push({ kind: 'module', pluginId: plugin.id, id: module.id });
    return { code: 'DUPLICATE_MODULE', pluginId: plugin.id, moduleId: module.id };
  },
  MODULE_WITHOUT_PLUGIN: (draft, gene, serial) => {
    const pluginId = `ghost${serial}`;
    const id = `m${gene.a % 10}`;
    draft.strays.push({ kind: 'module', pluginId, id });
    return { code: 'MODULE_WITHOUT_PLUGIN', pluginId, moduleId: id };
  },
  EXTENSION_POINT_NOT_PROVIDED: (draft, gene, serial) => {
    const target = owner(draft, gene);
    if (target === undefined) return undefined;
    const id = `${target.plugin.id}.nowhere${serial}`;
    return { code: 'EXTENSION_POINT_NOT_PROVIDED', extensionPointId: id, ...addExtra(target, { kind: 'extensionPoint', id }) };
  },
  EXTENSION_POINT_OF_OTHER_PLUGIN: (draft, gene) => {
    const target = owner(draft, gene);
    if (target === undefined || draft.plugins.length < 2) return undefined;
    const others = draft.plugins.filter((p) => p !== target.plugin);
    const other = pick(others, gene.a + gene.b)!;
    const id = itemsPointId(other.id);
    return {
      code: 'EXTENSION_POINT_OF_OTHER_PLUGIN',
      extensionPointId: id,
      related: [other.id],
      ...addExtra(target, { kind: 'extensionPoint', id }),
    };
  },
  DUPLICATE_EXTENSION_POINT: (draft, gene, serial) => {
    const plugin = pick(draft.plugins, gene.a);
    if (plugin === undefined) return undefined;
    const providers = plugin.modules.filter((m) => m.provides);
    const provider = gene.b % 2 === 1 ? pick(providers, gene.b >> 1) : undefined;
    const id = provider === undefined ? itemsPointId(plugin.id) : modulePointId(plugin.id, provider.id);
    const moduleId = `dup${serial}`;
    // A later add() of a second provider: the problem names the second one.
    draft.strays.push({ kind: 'module', pluginId: plugin.id, id: moduleId, provides: id });
    return { code: 'DUPLICATE_EXTENSION_POINT', extensionPointId: id, pluginId: plugin.id, moduleId };
  },
  SERVICE_NOT_FOUND: (draft, gene, serial) => {
    const target = owner(draft, gene);
    if (target === undefined) return undefined;
    const id = `svc.missing${serial}`;
    const ids = addExtra(target, { kind: 'service', id, scope: gene.b % 3 === 0 ? 'root' : 'plugin' });
    return { code: 'SERVICE_NOT_FOUND', refId: id, related: [ids.moduleId ?? ids.pluginId!] };
  },
  DUPLICATE_SERVICE: (draft, gene) => {
    const service = pick(draft.services, gene.a);
    if (service === undefined) return undefined;
    draft.strays.push({ kind: 'implementation', serviceId: service.id });
    return { code: 'DUPLICATE_SERVICE', refId: service.id };
  },
  SCOPE_VIOLATION: (draft, gene) => {
    // A root service that depends on an earlier plugin-scoped one: deps point to earlier
    // services only, so this adds no cycle.
    const pairs: Array<[DraftService, DraftService]> = [];
    draft.services.forEach((root, index) => {
      if (root.scope !== 'root') return;
      for (const dep of draft.services.slice(0, index)) {
        if (dep.scope === 'plugin' && !root.deps.includes(dep.id)) pairs.push([root, dep]);
      }
    });
    let pair = pick(pairs, gene.a);
    if (pair === undefined) {
      const perPlugin = newService(draft, 'plugin', []);
      pair = [newService(draft, 'root', []), perPlugin];
    }
    pair[0].deps.push(pair[1].id);
    return { code: 'SCOPE_VIOLATION', refId: pair[0].id, related: [pair[1].id] };
  },
  SERVICE_CYCLE: (draft, gene) => {
    if (draft.serviceCycle) return undefined;
    // Reverse one edge between services of one scope (so the cycle breaks no scope rule). The
    // services were a DAG, so every cycle now runs through that edge: both ends are on its path.
    const edges: Array<[DraftService, DraftService]> = [];
    for (const from of draft.services) {
      for (const to of from.deps) {
        const target = draft.services.find((s) => s.id === to)!;
        if (target.scope === from.scope && !target.deps.includes(from.id)) edges.push([from, target]);
      }
    }
    let edge = pick(edges, gene.a);
    if (edge === undefined) {
      const first = newService(draft, 'plugin', []);
      edge = [newService(draft, 'plugin', [first.id]), first];
    }
    edge[1].deps.push(edge[0].id);
    draft.serviceCycle = true;
    return { code: 'DEPENDENCY_CYCLE', path: [edge[0].id, edge[1].id] };
  },
  MODULE_CYCLE: (draft, gene) => {
    const plugins = draft.plugins.filter((p) => !draft.cycledPlugins.has(p.id) && p.modules.length >= 2);
    const plugin = pick(plugins, gene.a);
    if (plugin === undefined) return undefined;
    // A provider that also uses the extension point of one of its users closes a loop; with no
    // such pair yet, two modules that use each other's extension points.
    const pairs: Array<[DraftModule, DraftModule]> = [];
    for (const user of plugin.modules) {
      for (const used of user.uses) pairs.push([user, plugin.modules.find((m) => m.id === used)!]);
    }
    const pair = pick(pairs, gene.b) ?? [
      plugin.modules[gene.b % plugin.modules.length]!,
      plugin.modules[(gene.b + 1) % plugin.modules.length]!,
    ];
    const [user, provider] = pair;
    user.provides = true;
    provider.provides = true;
    if (!user.uses.includes(provider.id)) user.uses.push(provider.id);
    provider.uses.push(user.id);
    draft.cycledPlugins.add(plugin.id);
    return { code: 'DEPENDENCY_CYCLE', pluginId: plugin.id, path: [user.id, provider.id] };
  },
  MISSING_INJECTION_TOKEN: (draft, gene) => {
    const target = owner(draft, gene);
    if (target === undefined) return undefined;
    return { code: 'MISSING_INJECTION_TOKEN', ...addExtra(target, { kind: 'untokened' }) };
  },
};

function newService(draft: Draft, scope: Scope, deps: string[]): DraftService {
  const service: DraftService = {
    id: `svc.${draft.services.length}`,
    scope,
    form: 'factory',
    deps,
    timing: { delayMs: 0, failure: 'none' },
  };
  draft.services.push(service);
  return service;
}

/** Applies one defect gene; records the defect when the app had a place for it. */
export function injectDefect(draft: Draft, gene: DefectGene, serial: number): void {
  const defect = injectors[gene.kind](draft, gene, serial);
  if (defect !== undefined) draft.defects.push(defect);
}
