import type { AnyServiceRef, ServiceRef, ServiceScope } from './service-ref.js';

/** Which plugin, or module of a plugin, is asking for a service; see {@link withDependantView}. */
export interface DependantViewContext {
  readonly pluginId: string;
  readonly moduleId?: string;
}

// By ref id: a ref re-created by id still gets the same per-dependant form (it names the same service).
const dependantViews = new Map<string, (instance: unknown, context: DependantViewContext) => unknown>();

/**
 * Internal: gives a ref a form per dependant. Anything of a plugin that injects the ref (the
 * plugin, a module, a plugin-scoped service or class) receives `view(instance, { pluginId,
 * moduleId? })`, `moduleId` set when a module asks, instead of the shared instance. The logger and
 * lifecycle use it to name the module, the root lifecycle to name the plugin or module.
 */
export function withDependantView<T, TScope extends ServiceScope>(
  ref: ServiceRef<T, TScope>,
  view: (instance: T, context: DependantViewContext) => T,
): ServiceRef<T, TScope> {
  dependantViews.set(ref.id, view as (instance: unknown, context: DependantViewContext) => unknown);
  return ref;
}

/** Internal: the per-dependant form of a ref, if it has one. */
export function dependantViewOf(ref: AnyServiceRef): ((instance: unknown, context: DependantViewContext) => unknown) | undefined {
  return dependantViews.get(ref.id);
}
