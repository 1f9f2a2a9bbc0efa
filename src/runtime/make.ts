import { plugboardError, type Subject } from '../errors/index.js';
import type { ClassNode, Dependency, Implementation, NamedDeps, RootContextNode, ServiceNode } from '../model/types.js';
import { allSettled, bounded, box, construct, initialize, andThen, type Boxed } from './instances.js';
import type { ShutdownStack } from './shutdown/stack.js';

/** What making a service, class or root context needs from its scope. */
export interface MakeContext {
  /** The value a dependency resolves to in this scope (every need is done when this is called). */
  resolve(dep: Dependency): unknown;
  /** The scope's plugin, for messages; undefined at the root. */
  readonly pluginId: string | undefined;
  readonly timeoutMs: number | undefined;
  readonly stack: ShutdownStack;
  /** The root context made for `node`'s factory (done before `node` is made). */
  rootContext(node: RootContextNode): unknown;
}

/** Creates a service: its implementation (each one, for a multiton) wrapped by its decorators. */
export function makeService(node: ServiceNode, context: MakeContext): Boxed {
  const subject: Subject = context.pluginId === undefined ? { refId: node.id } : { refId: node.id, pluginId: context.pluginId };
  if (!node.multiton) return makeImplementation(node, node.implementations[0]!, subject, context);
  const elements: Boxed[] = [];
  for (const implementation of node.implementations) {
    try {
      elements.push(makeImplementation(node, implementation, subject, context));
    } catch (error) {
      // Earlier elements may still be being created: they finish before this fails.
      elements.push(Promise.reject(error));
    }
  }
  return andThen(allSettled(elements), (values) => box(Object.freeze(values)));
}

function makeImplementation(node: ServiceNode, implementation: Implementation, subject: Subject, context: MakeContext): Boxed {
  const created =
    implementation.kind === 'class'
      ? initialize(
          construct(implementation.recipe, resolveAll(implementation.recipe.deps, context), subject),
          implementation.recipe,
          subject,
          context.timeoutMs,
          context.stack,
        )
      : bounded(subject, context.timeoutMs, () =>
          implementation.factory.factory(
            named(implementation.deps, context),
            node.rootContext === undefined ? undefined : context.rootContext(node.rootContext),
          ),
        );
  // Decorators wrap the instance in order of installation; each gets the previous result.
  return node.decorators.reduce<Boxed>(
    (value, { decorator, deps }) =>
      andThen(value, (instance) => bounded(subject, context.timeoutMs, () => decorator.decorate(instance, named(deps, context)))),
    created,
  );
}

/** Creates a class injected by class: constructed, `@onInit` awaited, `@onShutdown` recorded. */
export function makeClass(node: ClassNode, context: MakeContext): Boxed {
  const subject: Subject =
    context.pluginId === undefined ? { className: node.recipe.name } : { className: node.recipe.name, pluginId: context.pluginId };
  return initialize(
    construct(node.recipe, resolveAll(node.recipe.deps, context), subject),
    node.recipe,
    subject,
    context.timeoutMs,
    context.stack,
  );
}

/**
 * Runs a plugin-scoped factory's `createRootContext` once for the app with its root-scoped deps.
 * Reading a plugin-scoped dep there throws `SCOPE_VIOLATION` naming it: there is no plugin yet.
 */
export function makeRootContext(node: RootContextNode, context: MakeContext): Boxed {
  const rootDeps: Record<string, unknown> = {};
  for (const [name, dep] of node.deps) {
    const pluginScoped = (dep.kind === 'service' || dep.kind === 'class') && dep.node.scope === 'plugin';
    if (!pluginScoped) {
      rootDeps[name] = context.resolve(dep);
      continue;
    }
    const dependency = dep.kind === 'service' ? dep.node.id : dep.node.recipe.name;
    Object.defineProperty(rootDeps, name, {
      enumerable: false,
      get: () => {
        throw plugboardError('SCOPE_VIOLATION', { reason: 'root-context-dep', refId: node.service.id, name, dependency });
      },
    });
  }
  return bounded({ refId: node.service.id, step: 'createRootContext' }, context.timeoutMs, () => node.create(Object.freeze(rootDeps)));
}

function resolveAll(deps: readonly Dependency[], context: MakeContext): unknown[] {
  const values = new Array<unknown>(deps.length);
  for (let index = 0; index < deps.length; index++) values[index] = context.resolve(deps[index]!);
  return values;
}

function named(deps: NamedDeps, context: MakeContext): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const [name, dep] of deps) values[name] = context.resolve(dep);
  return values;
}
