import type { WiringProblem } from '../errors.js';
import type { ExtensionPointProvider } from '../decorators/metadata.js';
import type { ServiceRef } from '../tokens/service-ref.js';
import { className, type Constructor } from '../tokens/types.js';
import type { CatalogEntry } from './catalog.js';
import { findCycles, topologicalOrder } from './cycles.js';
import type { FeatureSet } from './features.js';
import { RecipeBook, ids, type Owner } from './recipes.js';
import type {
  ClassNode,
  Dependency,
  ExtensionPointNode,
  ModuleNode,
  PluginNode,
  Recipe,
  ServiceNode,
  WiringGraph,
} from './types.js';

// Labels are only read when there is a problem to report: built on demand.
const pluginOwner = (pluginId: string): Owner => ({
  get label() {
    return `plugin '${pluginId}'`;
  },
  pluginId,
});
const moduleOwner = (pluginId: string, moduleId: string): Owner => ({
  get label() {
    return `module '${moduleId}' of plugin '${pluginId}'`;
  },
  pluginId,
  moduleId,
});

/** What a class node reaches through class-to-class injection: needed once per plugin that uses it. */
interface Reach {
  readonly extensionPoints: Map<string, { extensionPoint: Dependency & { kind: 'extensionPoint' }; via: string }>;
  readonly pluginServices: Set<string>;
  readonly classes: Set<ClassNode>;
}

/**
 * Turns loaded features and the service catalog into the validated wiring graph. Pure: reads
 * metadata and data, never touches a container or runs user code. Every problem is appended to
 * `problems`; the graph is only usable when none were found.
 */
export function buildGraph(
  features: FeatureSet,
  catalog: ReadonlyMap<string, CatalogEntry>,
  problems: WiringProblem[],
): WiringGraph {
  const book = new RecipeBook(catalog, problems);

  // Plugins, unique by id.
  const pluginsById = new Map<string, PluginNode>();
  const pluginClasses = new Map<string, Constructor[]>();
  for (const { cls, metadata } of features.plugins) {
    const id = metadata.plugin!.id;
    const classes = pluginClasses.get(id) ?? [];
    classes.push(cls);
    pluginClasses.set(id, classes);
    if (classes.length > 1) continue;
    pluginsById.set(id, {
      id,
      recipe: book.recipe(cls, pluginOwner(id), metadata),
      provides: [],
      dependsOn: metadata.plugin!.dependsOn,
      modules: [],
      extensionPoints: new Map(),
      pluginServices: [],
      pluginClasses: [],
    });
  }
  for (const [id, classes] of pluginClasses) {
    if (classes.length < 2) continue;
    problems.push({
      code: 'DUPLICATE_PLUGIN',
      message:
        `Plugin id '${id}' is used by ${classes.length} classes (${classes.map(className).join(', ')}). ` +
        `Plugin ids are unique in the app: remove the extra add() or rename one plugin.`,
      pluginId: id,
    });
  }

  // Modules, each attached to its installed plugin, unique within it.
  const seenModules = new Map<string, Constructor>();
  const skippedModules: Array<{ pluginId: string; moduleId: string }> = [];
  for (const { cls, metadata, skippable } of features.modules) {
    const { pluginId, id } = metadata.module!;
    const plugin = pluginsById.get(pluginId);
    if (plugin === undefined && skippable) {
      skippedModules.push({ pluginId, moduleId: id });
      continue;
    }
    if (plugin === undefined) {
      problems.push({
        code: 'MODULE_WITHOUT_PLUGIN',
        message:
          `Module '${id}' (class ${className(cls)}) extends plugin '${pluginId}', which is not installed. ` +
          `Add the '${pluginId}' plugin with add(), or remove the module.`,
        pluginId,
        moduleId: id,
      });
      continue;
    }
    const key = `${pluginId}/${id}`;
    const first = seenModules.get(key);
    if (first !== undefined) {
      problems.push({
        code: 'DUPLICATE_MODULE',
        message:
          `Plugin '${pluginId}' has two modules with id '${id}' (${className(first)} and ${className(cls)}). ` +
          `Module ids are unique within a plugin: remove the extra add() or rename one module.`,
        pluginId,
        moduleId: id,
      });
      continue;
    }
    seenModules.set(key, cls);
    plugin.modules.push({
      pluginId,
      id,
      recipe: book.recipe(cls, moduleOwner(pluginId, id), metadata),
      provides: [],
      uses: [],
      after: [],
    });
  }

  // Extension points: one provider each in the whole app.
  const extensionPoints = new Map<string, ExtensionPointNode>();
  const provide = (plugin: PluginNode, providers: readonly ExtensionPointProvider[], moduleId?: string): ExtensionPointNode[] => {
    const provided: ExtensionPointNode[] = [];
    for (const provider of providers) {
      const id = provider.provide.id;
      const existing = extensionPoints.get(id);
      const who = moduleId === undefined ? `plugin '${plugin.id}'` : `module '${moduleId}' of plugin '${plugin.id}'`;
      if (existing !== undefined) {
        const first = existing.moduleId === undefined ? `plugin '${existing.pluginId}'` : `module '${existing.moduleId}' of plugin '${existing.pluginId}'`;
        problems.push({
          code: 'DUPLICATE_EXTENSION_POINT',
          message: `Extension point '${id}' is provided twice: by ${first} and by ${who}. Exactly one feature provides an extension point; remove one provider.`,
          extensionPointId: id,
          pluginId: plugin.id,
          ...(moduleId === undefined ? {} : { moduleId }),
        });
        continue;
      }
      const node: ExtensionPointNode = {
        id,
        extensionPoint: provider.provide,
        pluginId: plugin.id,
        ...(moduleId === undefined ? {} : { moduleId }),
        implementation:
          'useClass' in provider
            ? { kind: 'class', node: book.classNode(provider.useClass as Constructor) }
            : { kind: 'value', value: provider.useValue },
        users: [],
        usedByPlugin: false,
      };
      extensionPoints.set(id, node);
      plugin.extensionPoints.set(id, node);
      provided.push(node);
    }
    return provided;
  };
  for (const { cls, metadata } of features.plugins) {
    const plugin = pluginsById.get(metadata.plugin!.id);
    if (plugin?.recipe.cls !== cls) continue;
    plugin.provides.push(...provide(plugin, metadata.plugin!.extensionPoints));
  }
  for (const { cls, metadata } of features.modules) {
    const { pluginId, id } = metadata.module!;
    if (seenModules.get(`${pluginId}/${id}`) !== cls) continue;
    const plugin = pluginsById.get(pluginId);
    if (plugin === undefined) continue; // skipped: its plugin is not installed
    const module = plugin.modules.find((m) => m.id === id)!;
    module.provides.push(...provide(plugin, metadata.module!.extensionPoints, id));
  }

  // Services: recipes, scope rules, and refs nothing implements.
  const services = new Map<string, ServiceNode>();
  for (const entry of catalog.values()) {
    const owner: Owner = { label: `service '${entry.ref.id}'`, refId: entry.ref.id };
    const implementation: ServiceNode['implementation'] =
      entry.implementation.kind === 'class'
        ? { kind: 'class', recipe: book.recipe(entry.implementation.cls, owner) }
        : entry.implementation.kind === 'factory'
          ? {
              kind: 'factory',
              factory: entry.implementation.factory,
              deps: Object.entries(entry.implementation.factory.deps).map(
                ([name, ref]) => [name, book.dependency(ref, false, owner)] as const,
              ),
            }
          : { kind: 'builtin' };
    const decorators = features.decorators
      .filter((decorator) => decorator.service.id === entry.ref.id)
      .map((decorator) => ({
        decorator,
        deps: Object.entries(decorator.deps).map(([name, ref]) => [name, book.dependency(ref, false, owner)] as const),
      }));
    services.set(entry.ref.id, { id: entry.ref.id, ref: entry.ref, scope: entry.ref.scope, source: entry.source, implementation, decorators });
  }
  const serviceDeps = (node: ServiceNode): readonly Dependency[] => [
    ...(node.implementation.kind === 'class'
      ? node.implementation.recipe.deps
      : node.implementation.kind === 'factory'
        ? node.implementation.deps.map(([, dep]) => dep)
        : []),
    ...node.decorators.flatMap(({ deps }) => deps.map(([, dep]) => dep)),
  ];

  const reachCache = new Map<ClassNode, Reach>();
  const reachOf = (node: ClassNode): Reach => {
    let reach = reachCache.get(node);
    if (reach !== undefined) return reach;
    reach = { extensionPoints: new Map(), pluginServices: new Set(), classes: new Set([node]) };
    reachCache.set(node, reach); // set before recursing: a class cycle ends here and is reported below
    addReach(reach, node.recipe.deps, node.recipe.name);
    return reach;
  };
  const addReach = (reach: Reach, deps: readonly Dependency[], via: string): void => {
    for (const dep of deps) {
      if (dep.kind === 'extensionPoint') {
        if (!reach.extensionPoints.has(dep.extensionPoint.id)) reach.extensionPoints.set(dep.extensionPoint.id, { extensionPoint: dep, via });
      } else if (dep.kind === 'service') {
        for (const id of pluginClosure(services.get(dep.ref.id)!)) reach.pluginServices.add(id);
      } else if (dep.kind === 'class') {
        const inner = reachOf(dep.node);
        for (const [id, entry] of inner.extensionPoints) if (!reach.extensionPoints.has(id)) reach.extensionPoints.set(id, entry);
        for (const id of inner.pluginServices) reach.pluginServices.add(id);
        for (const cls of inner.classes) reach.classes.add(cls);
      }
    }
  };
  const closing = new Set<ServiceNode>();
  const pluginClosure = (node: ServiceNode): ReadonlySet<string> => {
    if (node.pluginClosure !== undefined) return node.pluginClosure;
    const closure = new Set<string>();
    if (closing.has(node)) return closure; // cycle: reported below
    closing.add(node);
    if (node.scope === 'plugin') closure.add(node.id);
    const reach: Reach = { extensionPoints: new Map(), pluginServices: closure, classes: new Set() };
    addReach(reach, serviceDeps(node), `service '${node.id}'`);
    // Plugin-scoped classes a service needs must be bound in each plugin container too.
    for (const cls of reach.classes) if (cls.scope === 'plugin' && node.scope === 'plugin') closure.add(cls.key);
    node.pluginClosure = closure;
    for (const [id] of reach.extensionPoints) {
      problems.push({
        code: 'EXTENSION_POINT_IN_SERVICE',
        message:
          `Service '${node.id}' depends on extension point '${id}'. Extension points belong to one plugin and can be ` +
          `injected only by that plugin, its modules and the classes they provide; pass what the service needs as a ` +
          `method argument instead.`,
        refId: node.id,
        extensionPointId: id,
      });
    }
    return closure;
  };

  for (const node of services.values()) {
    pluginClosure(node);
    if (node.scope !== 'root') continue;
    for (const dep of serviceDeps(node)) {
      const target =
        dep.kind === 'service' && dep.ref.scope === 'plugin'
          ? `plugin-scoped service '${dep.ref.id}'`
          : dep.kind === 'class' && dep.node.scope === 'plugin'
            ? `class ${dep.node.recipe.name}, which is created once per plugin`
            : undefined;
      if (target === undefined) continue;
      problems.push({
        code: 'SCOPE_VIOLATION',
        message:
          `Root-scoped service '${node.id}' depends on ${target}. A root service is shared by every plugin, so it ` +
          `would capture one plugin's instance. Make '${node.id}' plugin-scoped, or make the dependency root-scoped.`,
        refId: node.id,
        ...(dep.kind === 'service' ? { related: [dep.ref.id] } : {}),
      });
    }
  }
  for (const node of book.classNodes.values()) {
    if (node.scope !== 'root') continue;
    for (const dep of node.recipe.deps) {
      const plugin = (dep.kind === 'service' && dep.ref.scope === 'plugin') || (dep.kind === 'class' && dep.node.scope === 'plugin') || dep.kind === 'extensionPoint';
      if (!plugin) continue;
      problems.push({
        code: 'SCOPE_VIOLATION',
        message:
          `Root-scoped class ${node.recipe.name} depends on ${dep.kind === 'service' ? `plugin-scoped service '${dep.ref.id}'` : dep.kind === 'class' ? `plugin-scoped class ${dep.node.recipe.name}` : `extension point '${dep.extensionPoint.id}'`}. ` +
          `A root instance is shared by every plugin; make ${node.recipe.name} plugin-scoped (the default) or its dependency root-scoped.`,
      });
    }
  }

  const classesByKey = new Map([...book.classNodes.values()].map((node) => [node.key, node]));
  // Per plugin: who uses which extension point, ownership, module order, what to bind.
  for (const plugin of pluginsById.values()) {
    const pluginReach: Reach = { extensionPoints: new Map(), pluginServices: new Set(), classes: new Set() };
    for (const ep of plugin.extensionPoints.values()) {
      if (ep.implementation.kind === 'class') addReach(pluginReach, [{ kind: 'class', node: ep.implementation.node, optional: false }], '');
    }
    // Hot path (runs for every module of every plugin): no per-feature collections unless needed.
    const useExtensionPoint = (id: string, optional: boolean, owner: Owner, module: ModuleNode | undefined): void => {
      const ep = plugin.extensionPoints.get(id);
      if (ep !== undefined) {
        if (module === undefined) ep.usedByPlugin = true;
        else if (ep.moduleId !== module.id && !module.uses.includes(id)) {
          ep.users.push(module.id);
          module.uses.push(id);
        }
        return;
      }
      if (optional) return;
      if (problems.some((p) => p.extensionPointId === id && p.pluginId === owner.pluginId && p.moduleId === owner.moduleId)) return;
      const provider = extensionPoints.get(id);
      problems.push(
        provider === undefined
          ? {
              code: 'EXTENSION_POINT_NOT_PROVIDED',
              message:
                `${capitalize(owner.label)} depends on extension point '${id}', which no feature of plugin ` +
                `'${plugin.id}' provides. Add the feature that provides it, or mark the parameter @optional().`,
              extensionPointId: id,
              ...ids(owner),
            }
          : {
              code: 'EXTENSION_POINT_OF_OTHER_PLUGIN',
              message:
                `${capitalize(owner.label)} depends on extension point '${id}', which belongs to plugin ` +
                `'${provider.pluginId}'. A module sees only its own plugin's extension points: make it a module of ` +
                `'${provider.pluginId}' (@Module({ pluginId: '${provider.pluginId}', ... })).`,
              extensionPointId: id,
              ...ids(owner),
              related: [provider.pluginId],
            },
      );
    };
    const useDeps = (deps: readonly Dependency[], owner: Owner, module: ModuleNode | undefined): void => {
      for (const dep of deps) {
        if (dep.kind === 'extensionPoint') useExtensionPoint(dep.extensionPoint.id, dep.optional, owner, module);
        else if (dep.kind === 'service') {
          for (const id of pluginClosure(services.get(dep.ref.id)!)) pluginReach.pluginServices.add(id);
        } else if (dep.kind === 'class') {
          const inner = reachOf(dep.node);
          for (const [id, entry] of inner.extensionPoints) useExtensionPoint(id, entry.extensionPoint.optional, owner, module);
          for (const id of inner.pluginServices) pluginReach.pluginServices.add(id);
          for (const cls of inner.classes) pluginReach.classes.add(cls);
        }
      }
    };
    useDeps(plugin.recipe.deps, pluginOwner(plugin.id), undefined);
    for (const module of plugin.modules) {
      const owner = moduleOwner(plugin.id, module.id);
      useDeps(module.recipe.deps, owner, module);
      // A module that provides an extension point uses whatever its implementations inject.
      for (const ep of module.provides) {
        if (ep.implementation.kind === 'class') useDeps([{ kind: 'class', node: ep.implementation.node, optional: false }], owner, module);
      }
    }
    for (const module of plugin.modules) {
      for (const ep of module.provides) {
        for (const userId of ep.users) {
          const user = plugin.modules.find((m) => m.id === userId)!;
          if (!module.after.includes(user)) module.after.push(user);
        }
      }
    }
    const classes = new Set<ClassNode>();
    for (const cls of pluginReach.classes) if (cls.scope === 'plugin') classes.add(cls);
    for (const id of pluginReach.pluginServices) {
      if (services.has(id)) plugin.pluginServices.push(id);
      else if (classesByKey.has(id)) classes.add(classesByKey.get(id)!); // a class a plugin-scoped service injects
    }
    plugin.pluginClasses.push(...classes);

    for (const cycle of findCycles(
      plugin.modules.map((m) => m.id),
      (id) => plugin.modules.find((m) => m.id === id)!.after.map((m) => m.id),
    )) {
      problems.push({
        code: 'DEPENDENCY_CYCLE',
        message:
          `Modules of plugin '${plugin.id}' form a cycle through their extension points: ${cycle.join(' -> ')}. ` +
          `Each arrow reads "must init after"; a module that provides an extension point inits after the modules that use it. ` +
          `Move one extension point so the chain ends.`,
        pluginId: plugin.id,
        path: cycle,
      });
    }
  }

  // Missing refs, reported once each with every dependant.
  for (const { ref, dependants } of book.missing.values()) {
    problems.push({
      code: 'SERVICE_NOT_FOUND',
      message:
        `No implementation of service '${ref.id}' is installed and the ref has no defaultFactory; it is needed by ` +
        `${dependants.join(', ')}. Install one with add() (a @Service({ provides }) class or a createServiceFactory()), ` +
        `or mark the parameter @optional().`,
      refId: ref.id,
      related: [...dependants],
    });
  }

  // Construction cycles among services, classes and extension point implementations.
  reportConstructionCycles(services, book.classNodes, extensionPoints, serviceDeps, problems);

  // Plugin dependsOn.
  for (const plugin of pluginsById.values()) {
    for (const dependency of plugin.dependsOn) {
      if (pluginsById.has(dependency)) continue;
      problems.push({
        code: 'PLUGIN_DEPENDENCY_MISSING',
        message: `Plugin '${plugin.id}' depends on plugin '${dependency}' (dependsOn), which is not installed. Add it, or remove it from dependsOn.`,
        pluginId: plugin.id,
        related: [dependency],
      });
    }
  }
  const pluginIds = [...pluginsById.keys()];
  const pluginDeps = (id: string): readonly string[] => pluginsById.get(id)?.dependsOn.filter((d) => pluginsById.has(d)) ?? [];
  for (const cycle of findCycles(pluginIds, pluginDeps)) {
    problems.push({
      code: 'DEPENDENCY_CYCLE',
      message: `Plugins depend on each other in a cycle: ${cycle.join(' -> ')} (each arrow reads "dependsOn"). Remove one dependsOn entry.`,
      pluginId: cycle[0]!,
      path: cycle,
    });
  }
  const plugins = [...pluginsById.values()];
  const rootServices = [...services.values()].filter((s) => s.scope === 'root' && s.source !== 'builtin');
  const rootClasses = [...book.classNodes.values()].filter((c) => c.scope === 'root');
  return {
    plugins,
    pluginsById,
    services,
    rootServices,
    rootClasses,
    classNodes: book.classNodes,
    pluginOrder: topologicalOrder(pluginIds, pluginDeps),
    skippedModules,
    problems,
  };
}

function reportConstructionCycles(
  services: ReadonlyMap<string, ServiceNode>,
  classNodes: ReadonlyMap<Constructor, ClassNode>,
  extensionPoints: ReadonlyMap<string, ExtensionPointNode>,
  serviceDeps: (node: ServiceNode) => readonly Dependency[],
  problems: WiringProblem[],
): void {
  const edges = new Map<string, string[]>();
  const labels = new Map<string, string>();
  const targetsOf = (deps: readonly Dependency[]): string[] => {
    const targets: string[] = [];
    for (const dep of deps) {
      if (dep.kind === 'service') targets.push(`service:${dep.ref.id}`);
      else if (dep.kind === 'class') targets.push(dep.node.key);
      else if (dep.kind === 'extensionPoint' && extensionPoints.has(dep.extensionPoint.id)) targets.push(`ep:${dep.extensionPoint.id}`);
    }
    return targets;
  };
  for (const node of services.values()) {
    edges.set(`service:${node.id}`, targetsOf(serviceDeps(node)));
    labels.set(`service:${node.id}`, node.id);
  }
  for (const node of classNodes.values()) {
    edges.set(node.key, targetsOf(node.recipe.deps));
    labels.set(node.key, node.recipe.name);
  }
  for (const ep of extensionPoints.values()) {
    edges.set(`ep:${ep.id}`, ep.implementation.kind === 'class' ? [ep.implementation.node.key] : []);
    labels.set(`ep:${ep.id}`, ep.id);
  }
  for (const cycle of findCycles(edges.keys(), (key) => edges.get(key) ?? [])) {
    const named = cycle.map((key) => labels.get(key) ?? key);
    const refs = cycle.filter((key) => key.startsWith('service:')).map((key) => key.slice('service:'.length));
    const eps = cycle.filter((key) => key.startsWith('ep:')).map((key) => key.slice('ep:'.length));
    problems.push({
      code: 'DEPENDENCY_CYCLE',
      message:
        `Dependency cycle: ${named.join(' -> ')} (each arrow reads "needs"). Nothing in a cycle can be created first; ` +
        `break it by removing one dependency or by passing the value later through a method.`,
      path: named,
      ...(refs[0] !== undefined ? { refId: refs[0] } : {}),
      ...(eps[0] !== undefined ? { extensionPointId: eps[0] } : {}),
    });
  }
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Re-exported for callers that only need the type of a recipe's owner. */
export type { Recipe, ServiceRef };
