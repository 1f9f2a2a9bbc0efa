import { wiringProblem, type Subject, type WiringProblem } from '../../errors/index.js';
import type { ClassNode, Dependency, ExtensionPointNode, ModuleNode, PluginNode, ServiceNode } from '../types.js';
import { ClassReach } from './class-reach.js';

/**
 * Only an extension point's provider may hold its implementation: a module (or the plugin, for a
 * module-provided point) or a service that injects the implementation class, directly or through
 * classes it injects, would get the raw object and bypass the guarded view and its gate
 * (`IMPLEMENTATION_INJECTED`). And an implementation shared app-wide (`scope: 'root'`) would show
 * one plugin's additions to another (`SCOPE_VIOLATION`).
 */
export function checkImplementationAccess(
  plugins: Iterable<PluginNode>,
  modulesHoldingClasses: ReadonlyMap<PluginNode, readonly ModuleNode[]>,
  services: Iterable<ServiceNode>,
  extensionPoints: ReadonlyMap<string, ExtensionPointNode>,
  problems: WiringProblem[],
): void {
  const implementing = implementingClasses(extensionPoints, problems);
  if (implementing.size === 0) return;
  const reach = new ClassReach<ClassNode>((node) => (implementing.has(node) ? [node] : []));

  // A holder may hold an implementation class only as the provider of a point it implements
  // (two plugins may provide their own points with one class: each gets its own instance).
  const check = (held: readonly ClassNode[], holder: Subject, provides: (ep: ExtensionPointNode) => boolean): void => {
    for (const cls of held) {
      for (const implementation of reach.of(cls)) {
        const eps = implementing.get(implementation)!;
        // Allowed only to the provider of every point the class implements in the holder's plugin:
        // one class behind two points would hand one provider the other's additions.
        const here = eps.filter((ep) => ep.pluginId === holder.pluginId);
        if (here.length > 0 && here.every(provides)) continue;
        const ep = here.find((candidate) => !provides(candidate)) ?? eps[0]!;
        problems.push(
          wiringProblem('IMPLEMENTATION_INJECTED', {
            className: implementation.recipe.name,
            extensionPointId: ep.id,
            provider: ep.moduleId === undefined ? { pluginId: ep.pluginId } : { pluginId: ep.pluginId, moduleId: ep.moduleId },
            holder,
            ...holder,
            ...(cls === implementation ? {} : { viaClassName: cls.recipe.name }),
          }),
        );
      }
    }
  };
  // Most plugins and modules inject no class at all: nothing to check, nothing to allocate.
  for (const plugin of plugins) {
    const pluginHeld = injectedClasses(plugin.recipe.deps, plugin.provides);
    if (pluginHeld.length > 0) {
      check(pluginHeld, { pluginId: plugin.id }, (ep) => ep.pluginId === plugin.id && ep.moduleId === undefined);
    }
    // Only the modules that may hold a class: most inject none and provide nothing.
    for (const module of modulesHoldingClasses.get(plugin) ?? NO_MODULES) {
      const held = injectedClasses(module.recipe.deps, module.provides);
      if (held.length === 0) continue;
      check(held, { pluginId: plugin.id, moduleId: module.id }, (ep) => ep.pluginId === plugin.id && ep.moduleId === module.id);
    }
  }
  for (const service of services) {
    const classes: ClassNode[] = [];
    for (const dep of service.deps) if (dep.kind === 'class') classes.push(dep.node);
    check(classes, { refId: service.id }, () => false);
  }
}

/**
 * The classes a holder injects: by its constructor, and through the implementations it provides
 * (it creates them, with what they inject). Not those implementations themselves: creating one
 * is not holding it.
 */
function injectedClasses(deps: readonly Dependency[], provides: readonly ExtensionPointNode[]): readonly ClassNode[] {
  let classes: Set<ClassNode> | undefined;
  for (let d = 0; d < deps.length; d++) {
    const dep = deps[d]!;
    if (dep.kind === 'class') (classes ??= new Set()).add(dep.node);
  }
  for (let p = 0; p < provides.length; p++) {
    const ep = provides[p]!;
    if (ep.implementation.kind !== 'class') continue;
    for (const dep of ep.implementation.node.recipe.deps) if (dep.kind === 'class') (classes ??= new Set()).add(dep.node);
  }
  return classes === undefined ? NO_CLASSES : [...classes];
}

const NO_CLASSES: readonly ClassNode[] = Object.freeze([]);
const NO_MODULES: readonly ModuleNode[] = Object.freeze([]);

/** Each class that implements extension points, with them; a root-scoped one is `SCOPE_VIOLATION`. */
function implementingClasses(
  extensionPoints: ReadonlyMap<string, ExtensionPointNode>,
  problems: WiringProblem[],
): Map<ClassNode, ExtensionPointNode[]> {
  const implementing = new Map<ClassNode, ExtensionPointNode[]>();
  for (const ep of extensionPoints.values()) {
    for (const cls of implementationClasses(ep)) {
      const list = implementing.get(cls);
      if (list === undefined) implementing.set(cls, [ep]);
      else list.push(ep);
      if (cls.scope === 'root') {
        problems.push(
          wiringProblem('SCOPE_VIOLATION', {
            reason: 'root-implementation',
            className: cls.recipe.name,
            extensionPointId: ep.id,
            pluginId: ep.pluginId,
          }),
        );
      }
    }
  }
  return implementing;
}

/** The classes that hold an extension point's state: its implementation class, or its factory's class deps. */
export function implementationClasses(ep: ExtensionPointNode): ClassNode[] {
  if (ep.implementation.kind === 'class') return [ep.implementation.node];
  if (ep.implementation.kind === 'factory') {
    const classes: ClassNode[] = [];
    for (const [, dep] of ep.implementation.deps) if (dep.kind === 'class') classes.push(dep.node);
    return classes;
  }
  return [];
}

/** A service that injects an extension point, directly or through classes it injects: `EXTENSION_POINT_IN_SERVICE`. */
export function checkServicesUseNoExtensionPoint(
  services: Iterable<ServiceNode>,
  epReach: ClassReach<{ readonly extensionPoint: { readonly id: string } }>,
  problems: WiringProblem[],
): void {
  for (const service of services) {
    const ids = new Set<string>();
    for (const dep of service.deps) {
      if (dep.kind === 'extensionPoint') ids.add(dep.extensionPoint.id);
      else if (dep.kind === 'class') for (const reached of epReach.of(dep.node)) ids.add(reached.extensionPoint.id);
    }
    for (const extensionPointId of ids) problems.push(wiringProblem('EXTENSION_POINT_IN_SERVICE', { refId: service.id, extensionPointId }));
  }
}
