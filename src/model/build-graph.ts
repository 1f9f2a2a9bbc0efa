import { wiringProblem, type WiringProblem } from '../errors/index.js';
import type { CatalogEntry } from './catalog-entry.js';
import type { FeatureSet } from './features.js';
import { ClassReach } from './graph/class-reach.js';
import { reportConstructionCycles } from './graph/construction-cycles.js';
import { ExtensionPointRegistry } from './graph/extension-points.js';
import { featureNodes } from './graph/feature-nodes.js';
import { checkImplementationAccess, checkServicesUseNoExtensionPoint } from './graph/isolation.js';
import { fillNeeds } from './graph/needs.js';
import { resolvePluginOrder } from './graph/plugin-order.js';
import { checkScopes } from './graph/scope-rules.js';
import { analyseUsage, type ExtensionPointDep } from './graph/usage.js';
import { RecipeBook } from './recipes.js';
import { fillServiceNodes, serviceShells } from './service-nodes.js';
import type { WiringGraph } from './types.js';

/**
 * Turns loaded features and the service catalog into the validated wiring graph. Pure: reads
 * metadata and data, never touches a container or runs user code. Every problem is appended to
 * `problems`; the graph is only usable when none were found.
 */
export function buildGraph(features: FeatureSet, catalog: ReadonlyMap<string, CatalogEntry>, problems: WiringProblem[]): WiringGraph {
  // 1. Nodes: services (shells first, so recipes can point at them), plugins, modules, extension points, classes.
  const { services, implementingClasses } = serviceShells(catalog);
  const book = new RecipeBook(services, implementingClasses, problems);
  const extensionPoints = new ExtensionPointRegistry(book, problems);
  const { pluginsById, skippedModules, modulesHoldingClasses } = featureNodes(features, book, extensionPoints, problems);
  fillServiceNodes(catalog, services, features.decorators, book);
  book.drain();
  const classes = [...book.classNodes.values()];
  const plugins = [...pluginsById.values()];

  // 2. Extension points: who uses them, module order, who may hold an implementation.
  const epReach = new ClassReach<ExtensionPointDep>((node) =>
    node.recipe.deps.filter((dep): dep is ExtensionPointDep => dep.kind === 'extensionPoint'),
  );
  for (const plugin of plugins) analyseUsage(plugin, extensionPoints.all, epReach, problems);
  checkServicesUseNoExtensionPoint(services.values(), epReach, problems);
  checkImplementationAccess(plugins, modulesHoldingClasses, services.values(), extensionPoints.all, problems);

  // 3. Services: scopes, the ones nothing implements, cycles.
  checkScopes(services.values(), classes, problems);
  for (const { ref, dependants } of book.missing.values()) {
    problems.push(wiringProblem('SERVICE_NOT_FOUND', { reason: 'missing', refId: ref.id, related: [...dependants] }));
  }
  reportConstructionCycles(services.values(), classes, extensionPoints.all, problems);

  // 4. Plugins: dependsOn.
  resolvePluginOrder(pluginsById, problems);

  // 5. What the runtime creates, and when.
  fillNeeds(services.values(), classes, plugins, extensionPoints.all.values());
  const creatable = [...services.values()].filter((node) => node.source !== 'builtin');
  return {
    plugins,
    services,
    rootAtStart: creatable.filter((node) => node.scope === 'root' && node.initialization === 'always'),
    pluginAtStart: creatable.filter((node) => node.scope === 'plugin' && node.initialization === 'always'),
    skippedModules,
  };
}
