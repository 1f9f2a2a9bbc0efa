import type { ClassNode, Dependency, Recipe, ServiceNode } from '../model/types.js';
import { settle } from './creation-failure.js';
import { initFailure, initTimeout } from './failures.js';
import { callLifecycle, construct, settleThenThrow } from './instantiate.js';
import type { Scope } from './scope.js';
import { methodStep } from './shutdown-stack.js';
import { withTimeout } from './timeouts.js';
import { after, isThenable } from './walk.js';

/** What creating an instance needs from the runtime. */
export interface CreationHost {
  readonly initTimeoutMs: number | undefined;
  /** Resolves one dependency for `scope` (a service's or class's, not a module's). */
  resolveFor(dep: Dependency, scope: Scope): unknown;
}

/**
 * Creates services and classes injected by class, as InversifyJS dynamic values call for them:
 * construct or call the factory, apply decorators, await `@onInit`, record `@onShutdown` on the
 * scope's stack. Sync when everything is; errors name the service or class and the plugin.
 */
export class Creator {
  constructor(private readonly host: CreationHost) {}

  service(node: ServiceNode, scope: Scope): unknown {
    const label = scope.pluginId === undefined ? `service '${node.id}'` : `service '${node.id}' of plugin '${scope.pluginId}'`;
    const ids = { refId: node.id, ...(scope.pluginId === undefined ? {} : { pluginId: scope.pluginId }) };
    const fail = (error: unknown): never => {
      throw initFailure(label, error, ids);
    };
    const timed = (work: unknown): unknown =>
      withTimeout(work, this.host.initTimeoutMs, () => initTimeout(label, this.host.initTimeoutMs!, ids));
    try {
      const implementation = node.implementation;
      let created: unknown;
      if (implementation.kind === 'class') created = this.instantiate(implementation.recipe, scope, label, ids, fail);
      else if (implementation.kind === 'factory')
        created = after(this.named(implementation.deps, scope), (deps) => timed(implementation.factory.factory(deps)));
      else return undefined;
      // Decorators wrap the instance in order of installation; each gets the previous result.
      for (const { decorator, deps } of node.decorators) {
        created = after(created, (instance) => after(this.named(deps, scope), (resolved) => timed(decorator.decorate(instance, resolved))));
      }
      return isThenable(created) ? settle(Promise.resolve(created).then(undefined, fail)) : created;
    } catch (error) {
      return fail(error);
    }
  }

  class(node: ClassNode, scope: Scope): unknown {
    const label = scope.pluginId === undefined ? `class ${node.recipe.name}` : `class ${node.recipe.name} of plugin '${scope.pluginId}'`;
    const ids = scope.pluginId === undefined ? {} : { pluginId: scope.pluginId };
    const fail = (error: unknown): never => {
      throw initFailure(label, error, ids);
    };
    try {
      const created = this.instantiate(node.recipe, scope, label, ids, fail);
      return isThenable(created) ? settle(created) : created;
    } catch (error) {
      return fail(error);
    }
  }

  /** Resolves named dependencies (a factory's or decorator's deps); sync when they all are. */
  private named(
    deps: ReadonlyArray<readonly [string, Dependency]>,
    scope: Scope,
  ): Record<string, unknown> | Promise<Record<string, unknown>> {
    const resolved: Record<string, unknown> = {};
    const pending: Array<Promise<void>> = [];
    for (const [name, dep] of deps) {
      let value: unknown;
      try {
        value = this.host.resolveFor(dep, scope);
      } catch (error) {
        // Dependencies already being created may run user code: wait for them, then fail.
        return settleThenThrow(pending, error);
      }
      if (isThenable(value)) pending.push(Promise.resolve(value).then((v) => void (resolved[name] = v)));
      else resolved[name] = value;
    }
    return pending.length === 0 ? resolved : Promise.all(pending).then(() => resolved);
  }

  /** Constructs, awaits @onInit, and records @onShutdown on the scope's stack. */
  private instantiate(
    recipe: Recipe,
    scope: Scope,
    label: string,
    ids: { pluginId?: string; refId?: string },
    fail: (error: unknown) => never,
  ): unknown {
    const made = construct(recipe, { resolveDependency: (dep) => this.host.resolveFor(dep, scope) });
    const finish = (instance: object): unknown => {
      const ms = this.host.initTimeoutMs;
      let init = callLifecycle(instance, recipe.onInit);
      if (isThenable(init)) init = withTimeout(init, ms, () => initTimeout(label, ms!, ids));
      return after(init, () => {
        const step = methodStep(instance, recipe.onShutdown, scope.pluginId, undefined, label);
        if (step !== undefined) scope.stack.push(step);
        return instance;
      });
    };
    const result = after(made, finish);
    return isThenable(result) ? Promise.resolve(result).then(undefined, fail) : result;
  }
}
