// Shared correctness checks: every system must pass the same ones, or its figures are void.

export class ScenarioError extends Error {}

/** Thrown from a plugin's init when it did not see exactly m items. */
export function checkItems(pluginId, items, m) {
  if (items.length !== m) {
    throw new ScenarioError(`plugin ${pluginId} saw ${items.length} items, expected ${m}`);
  }
}

/** Thrown from a module's init when an injected service is missing. */
export function checkDeps(where, ...deps) {
  for (const d of deps) {
    if (d === undefined || d === null) throw new ScenarioError(`${where}: a dependency was not injected`);
  }
}

/** After start: every plugin initialised, every module added its item. */
export function checkStarted(counters, n, m) {
  if (counters.pluginInits !== n) throw new ScenarioError(`${counters.pluginInits} plugin inits, expected ${n}`);
  if (counters.moduleInits !== n * m) throw new ScenarioError(`${counters.moduleInits} module inits, expected ${n * m}`);
}

/** After stop: every plugin and module stop hook ran exactly once. */
export function checkStopped(counters, n, m) {
  if (counters.stops !== n * (m + 1)) throw new ScenarioError(`${counters.stops} stop hooks ran, expected ${n * (m + 1)}`);
}

export function newCounters() {
  return { pluginInits: 0, moduleInits: 0, stops: 0 };
}

/** Variant scenario: the plugin-scoped service was made for this plugin from the one root service. */
export function checkPluginService(where, plug, pluginId, root) {
  if (plug?.bindings?.plugin !== pluginId) throw new ScenarioError(`${where}: the plugin-scoped service is not this plugin's`);
  if (plug.parent !== root) throw new ScenarioError(`${where}: the plugin-scoped service was not made from the root service`);
}

/** Variant scenario, after stop: every plugin stop hook ran exactly once (modules have none). */
export function checkPluginsStopped(counters, n) {
  if (counters.stops !== n) throw new ScenarioError(`${counters.stops} stop hooks ran, expected ${n}`);
}
