/**
 * The generator of apps for the property tests: {@link appModel} is a fast-check arbitrary of
 * plain app descriptions ({@link AppModel}) with the defects it injected, and
 * {@link materialize} (re-exported here) turns one into decorated classes that record what
 * happens in a {@link Journal}.
 *
 * Every part is drawn as free numbers ("genes") and reduced to a valid app in `map`, so the
 * arbitrary has no `chain` and fast-check shrinks a failing app well: fewer plugins, fewer
 * modules, fewer defects, smaller delays.
 */
import fc from 'fast-check';
import {
  DEFECT_KINDS,
  injectDefect,
  type DefectGene,
  type Draft,
  type DraftModule,
  type DraftPlugin,
  type DraftService,
} from './defects.js';
import { KNOWN_BUGS } from './known-bugs.js';
import type { AppModel, Failure } from './model.js';

export { materialize, type Materialized } from './materialize.js';
export { Journal, type JournalEvent, type Phase, type Received } from './journal.js';
export * from './model.js';

/** What to generate. */
export interface GeneratorOptions {
  /** Up to this many plugins (default 30). */
  readonly maxPlugins?: number;
  /** Up to this many modules per plugin (default 10). */
  readonly maxModules?: number;
  /** Up to this many services (default 12). */
  readonly maxServices?: number;
  /** Inject defects into about half of the apps (default false: every app is sound). */
  readonly defects?: boolean;
  /** Make up to 3 inits or factories fail (default: none fail). `hang` needs `initTimeoutMs` when started. */
  readonly failures?: readonly Exclude<Failure, 'none'>[];
}

interface ServiceGene {
  readonly root: boolean;
  readonly factory: boolean;
  readonly deps: number[];
  readonly delayMs: number;
}
interface ModuleGene {
  readonly addsToPlugin: boolean;
  readonly provides: boolean;
  readonly uses: number[];
  readonly services: number[];
  readonly delayMs: number;
}
interface PluginGene {
  readonly modules: ModuleGene[];
  readonly services: number[];
  readonly delayMs: number;
}
interface FailureGene {
  readonly target: number;
  readonly failure: Exclude<Failure, 'none'>;
}

// Half of the inits are synchronous: plugboard keeps sync paths sync, so both must be covered.
const delayMs = fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 3 }));
const picks = (maxLength: number): fc.Arbitrary<number[]> => fc.array(fc.nat({ max: 999 }), { maxLength });

/** An arbitrary app description; see {@link GeneratorOptions}. */
export function appModel(options: GeneratorOptions = {}): fc.Arbitrary<AppModel> {
  const { maxPlugins = 30, maxModules = 10, maxServices = 12, defects = false, failures = [] } = options;
  const service: fc.Arbitrary<ServiceGene> = fc.record({
    root: fc.nat({ max: 2 }).map((n) => n === 0), // one in three is root-scoped
    factory: fc.boolean(),
    deps: picks(3),
    delayMs,
  });
  const module: fc.Arbitrary<ModuleGene> = fc.record({
    addsToPlugin: fc.boolean(),
    provides: fc.boolean(),
    uses: picks(3),
    services: picks(2),
    delayMs,
  });
  const plugin: fc.Arbitrary<PluginGene> = fc.record({
    modules: fc.array(module, { maxLength: maxModules, size: 'max' }),
    services: picks(3),
    delayMs,
  });
  const defect: fc.Arbitrary<DefectGene> = fc.record({
    kind: fc.constantFrom(...DEFECT_KINDS),
    a: fc.nat({ max: 999 }),
    b: fc.nat({ max: 999 }),
  });
  return fc
    .record({
      services: fc.array(service, { maxLength: maxServices, size: 'max' }),
      // 'max': the whole range up to the limits (fast-check would keep arrays near 10 by default).
      plugins: fc.array(plugin, { maxLength: maxPlugins, size: 'max' }),
      defects: defects
        ? fc.oneof(fc.constant<DefectGene[]>([]), fc.array(defect, { minLength: 1, maxLength: 4 }))
        : fc.constant<DefectGene[]>([]),
      failures:
        failures.length === 0
          ? fc.constant<FailureGene[]>([])
          : fc.array(fc.record({ target: fc.nat({ max: 9999 }), failure: fc.constantFrom(...failures) }), { maxLength: 3 }),
      addOrder: fc.option(fc.nat(), { nil: undefined }),
    })
    .map(({ services, plugins, defects: defectGenes, failures: failureGenes, addOrder }) => {
      const draft = soundDraft(services, plugins);
      defectGenes.forEach((gene, serial) => injectDefect(draft, gene, serial));
      for (const gene of failureGenes) fail(draft, gene);
      return freeze(draft, addOrder);
    });
}

/** Reduces genes to a sound app: service deps point to earlier services (a DAG), root ones only to root ones. */
function soundDraft(serviceGenes: readonly ServiceGene[], pluginGenes: readonly PluginGene[]): Draft {
  const services: DraftService[] = [];
  serviceGenes.forEach((gene, index) => {
    const scope = gene.root ? 'root' : 'plugin';
    const earlier = services.filter((s) => scope === 'plugin' || s.scope === 'root');
    services.push({
      id: `svc.${index}`,
      scope,
      form: gene.factory ? 'factory' : 'class',
      deps: unique(gene.deps.map((n) => earlier[n % earlier.length]?.id)),
      timing: { delayMs: gene.delayMs, failure: 'none' },
    });
  });
  const serviceIds = (genes: readonly number[]): string[] => unique(genes.map((n) => services[n % services.length]?.id));
  const plugins = pluginGenes.map((gene, p): DraftPlugin => {
    const modules = gene.modules.map((m, index): DraftModule => ({
      id: `m${index}`,
      addsToPlugin: m.addsToPlugin,
      provides: m.provides,
      uses: [],
      services: serviceIds(m.services),
      timing: { delayMs: m.delayMs, failure: 'none' },
      extra: [],
    }));
    // A module uses extension points of later modules only: the module order is a DAG.
    modules.forEach((module, index) => {
      const later = modules.slice(index + 1).filter((m) => m.provides);
      module.uses = unique(gene.modules[index]!.uses.map((n) => later[n % later.length]?.id));
    });
    return { id: `p${p}`, modules, services: serviceIds(gene.services), timing: { delayMs: gene.delayMs, failure: 'none' }, extra: [] };
  });
  return { plugins, services, strays: [], defects: [], cycledPlugins: new Set(), serviceCycle: false };
}

/** Makes one plugin, module or service fail. */
function fail(draft: Draft, gene: FailureGene): void {
  const targets = [...draft.plugins, ...draft.plugins.flatMap((p) => p.modules), ...draft.services];
  const target = targets[gene.target % Math.max(1, targets.length)];
  if (target === undefined) return;
  // See KNOWN_BUGS.nestedSyncFailureAbandonsPending: while it is open, services fail asynchronously.
  const service = draft.services.includes(target as DraftService);
  const syncThrow = gene.failure === 'throw' && target.timing.delayMs === 0;
  const failure = service && syncThrow && KNOWN_BUGS.nestedSyncFailureAbandonsPending ? 'reject' : gene.failure;
  target.timing = { ...target.timing, failure };
}

function unique(ids: ReadonlyArray<string | undefined>): string[] {
  return [...new Set(ids.filter((id): id is string => id !== undefined))];
}

function freeze(draft: Draft, addOrder: number | undefined): AppModel {
  const model = { plugins: draft.plugins, services: draft.services, strays: draft.strays, defects: draft.defects };
  return addOrder === undefined ? model : { ...model, addOrder };
}
