/**
 * Builders for the model's unit tests: small decorated classes made in one line, and the model's
 * pure steps (collectFeatures → buildCatalog → buildGraph) run on them.
 */
import {
  inject,
  Module,
  optional,
  Plugin,
  Service,
  type AnyServiceRef,
  type Class,
  type ExtensionPoint,
  type ExtensionPointProvider,
  type ServiceOptions,
  type WiringProblem,
} from 'plugboard';
import { buildGraph } from '../../src/model/build-graph.js';
import { implementationLabel } from '../../src/errors/index.js';
import { buildCatalog, type CatalogEntry, type CatalogImplementation, type CatalogOptions } from '../../src/model/catalog.js';
import { implementationSubject } from '../../src/model/catalog-entry.js';
import { collectFeatures, type LoadedOrigin } from '../../src/model/features.js';
import type { Creatable, ModuleNode, PluginNode, ServiceNode, WiringGraph } from '../../src/model/types.js';
import type { Constructor } from '../../src/tokens/types.js';

/** What a constructor parameter injects. */
export type Token = AnyServiceRef | ExtensionPoint<unknown> | Class<unknown>;
/** A parameter: a token, or `{ token, optional: true }`. */
export type Param = Token | { readonly token: Token; readonly optional: true };

/** A class named `name` whose constructor injects `params` in order, as `@inject()` / `@optional()` would. */
export function injecting(name: string, params: readonly Param[] = []): Constructor {
  const cls = { [name]: class {} }[name]!;
  params.forEach((param, index) => {
    const isOptional = typeof param === 'object' && 'optional' in param;
    inject(isOptional ? param.token : param)(cls, undefined, index);
    if (isOptional) optional()(cls, undefined, index);
  });
  return cls;
}

/** `@Plugin({ id, extensionPoints: provides, dependsOn })` on a class injecting `inject`. */
export function plugin(
  id: string,
  options: {
    readonly inject?: readonly Param[];
    readonly provides?: readonly ExtensionPointProvider[];
    readonly dependsOn?: string[];
  } = {},
): Constructor {
  const cls = injecting(`Plugin_${id}`, options.inject);
  Plugin({ id, extensionPoints: options.provides ?? [], dependsOn: options.dependsOn ?? [] })(cls);
  return cls;
}

/** `@Module({ pluginId, id, extensionPoints: provides })` on a class injecting `inject`. */
export function module(
  pluginId: string,
  id: string,
  options: { readonly inject?: readonly Param[]; readonly provides?: readonly ExtensionPointProvider[] } = {},
): Constructor {
  const cls = injecting(`Module_${pluginId}_${id}`, options.inject);
  Module({ pluginId, id, extensionPoints: options.provides ?? [] })(cls);
  return cls;
}

/** `@Service(options)` on a class named `name` injecting `inject`. */
export function service(name: string, options: ServiceOptions & { readonly inject?: readonly Param[] } = {}): Constructor {
  const { inject: params, ...decoratorOptions } = options;
  const cls = injecting(name, params);
  Service(decoratorOptions)(cls);
  return cls;
}

/** The model's outputs for some features. */
export interface Analysed {
  readonly graph: WiringGraph;
  readonly catalog: ReadonlyMap<string, CatalogEntry>;
  readonly problems: WiringProblem[];
}

/** Runs collectFeatures, buildCatalog and buildGraph on `features`; every defaultFactory must be synchronous. */
export function analyse(
  features: readonly unknown[],
  options: CatalogOptions & { readonly origins?: ReadonlyMap<unknown, LoadedOrigin> } = {},
): Analysed {
  const problems: WiringProblem[] = [];
  const set = collectFeatures(features, problems, options.origins);
  const catalog = buildCatalog(set, options, problems);
  if (catalog instanceof Promise) throw new Error('the catalog is async: a defaultFactory returned a promise');
  return { graph: buildGraph(set, catalog, problems), catalog, problems };
}

/** A problem without its message: the code and the ids, which is what tests assert. */
export function ids(problem: WiringProblem): Omit<WiringProblem, 'message'> {
  const { message: _message, ...rest } = problem;
  return rest;
}

/** The codes of `problems`, in order. */
export function codes(problems: readonly WiringProblem[]): string[] {
  return problems.map((problem) => problem.code);
}

/** The plugin node `id` (fails the test when there is none). */
export function pluginNode(graph: WiringGraph, id: string): PluginNode {
  const node = graph.plugins.find((candidate) => candidate.id === id);
  if (node === undefined) throw new Error(`no plugin node '${id}'`);
  return node;
}

/** The module node `id` of plugin `pluginId`. */
export function moduleNode(graph: WiringGraph, pluginId: string, id: string): ModuleNode {
  const node = pluginNode(graph, pluginId).modules.find((candidate) => candidate.id === id);
  if (node === undefined) throw new Error(`no module node '${id}' in plugin '${pluginId}'`);
  return node;
}

/** The service node of ref `id`. */
export function serviceNode(graph: WiringGraph, id: string): ServiceNode {
  const node = graph.services.get(id);
  if (node === undefined) throw new Error(`no service node '${id}'`);
  return node;
}

/** How a creatable (a need) is named in expectations: a ref id, a class name, or `context:<ref id>`. */
export function needName(need: Creatable): string {
  if (need.kind === 'service') return need.id;
  if (need.kind === 'class') return need.recipe.name;
  return `context:${need.service.id}`;
}

/** An implementation named as messages name it: `class Db`, `a factory (createServiceFactory) for 'cache'`. */
export function implementationText(implementation: CatalogImplementation): string {
  return implementationLabel(implementationSubject(implementation));
}
