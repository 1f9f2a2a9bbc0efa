/**
 * What a sound {@link AppModel} must do when started, worked out from the model alone: which
 * services each plugin creates, and which plugins or root services fail.
 */
import type { WiringProblem } from 'plugboard';
import type { AppModel, Defect, PluginModel, ServiceModel } from './model.js';

/** Services by id. */
export function servicesById(model: AppModel): Map<string, ServiceModel> {
  return new Map(model.services.map((s) => [s.id, s]));
}

/** Every service a plugin needs, directly or through other services (root ones included). */
export function serviceClosure(model: AppModel, plugin: PluginModel): Set<string> {
  const byId = servicesById(model);
  const reached = new Set<string>();
  const visit = (id: string): void => {
    if (reached.has(id)) return;
    reached.add(id);
    for (const dep of byId.get(id)?.deps ?? []) visit(dep);
  };
  for (const id of [...plugin.services, ...plugin.modules.flatMap((m) => m.services)]) visit(id);
  return reached;
}

/** Plugin-scoped services created in `plugin` (one instance each). */
export function pluginScoped(model: AppModel, plugin: PluginModel): Set<string> {
  const byId = servicesById(model);
  return new Set([...serviceClosure(model, plugin)].filter((id) => byId.get(id)?.scope === 'plugin'));
}

/** Root services whose creation fails: with any of them, start() rejects whatever the policy. */
export function failingRootServices(model: AppModel): string[] {
  return model.services.filter((s) => s.scope === 'root' && s.timing.failure !== 'none').map((s) => s.id);
}

/** Plugins that cannot start: their own init fails, a module's does, or a plugin-scoped service they create does. */
export function failingPlugins(model: AppModel): Set<string> {
  const byId = servicesById(model);
  const failing = new Set<string>();
  for (const plugin of model.plugins) {
    const own = plugin.timing.failure !== 'none' || plugin.modules.some((m) => m.timing.failure !== 'none');
    const service = [...pluginScoped(model, plugin)].some((id) => byId.get(id)!.timing.failure !== 'none');
    if (own || service) failing.add(plugin.id);
  }
  return failing;
}

/** Whether `problem` is the one `defect` should cause: same code, same ids, and the named path and related ids. */
export function reports(problem: WiringProblem, defect: Defect): boolean {
  const sameIds = (['pluginId', 'moduleId', 'refId', 'extensionPointId'] as const).every(
    (key) => defect[key] === undefined || problem[key] === defect[key],
  );
  const onPath = (defect.path ?? []).every((id) => problem.path?.includes(id));
  // `related` holds ids (`svc.3`) or labels (`module 'm1' of plugin 'p3'`).
  const named = (defect.related ?? []).every((id) => problem.related?.some((entry) => entry === id || entry.includes(`'${id}'`)));
  return problem.code === defect.code && sameIds && onPath && named;
}
