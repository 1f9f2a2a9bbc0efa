import { spec } from '../define.js';
import { Label, label, plural, type Subject } from '../labels.js';

/** A module or plugin that injects something (the subject of most wiring problems). */
type Holder = { readonly pluginId: string; readonly moduleId?: string };

export type CycleProblem =
  | { readonly reason: 'construction'; readonly path: readonly string[]; readonly refId?: string; readonly extensionPointId?: string }
  | { readonly reason: 'modules'; readonly pluginId: string; readonly path: readonly string[] }
  | { readonly reason: 'plugins'; readonly pluginId: string; readonly path: readonly string[] };

/** Messages about how plugins, modules and extension points are wired: duplicates, cycles, who may use what. */
export const wiringMessages = {
  INVALID_WIRING: spec({
    message: (data: { readonly problems: ReadonlyArray<{ readonly code: string; readonly message: string }> }): string =>
      `The app's wiring has ${plural(data.problems.length, 'problem')}; nothing was started:\n` +
      data.problems.map((problem, index) => `  ${index + 1}. [${problem.code}] ${problem.message}`).join('\n'),
    example: { problems: [{ code: 'SERVICE_NOT_FOUND', message: "No implementation of service 'todo.store' is installed …" }] },
  }),

  DUPLICATE_PLUGIN: spec({
    message: (data: { readonly pluginId: string; readonly classNames: readonly string[] }): string =>
      `Plugin id '${data.pluginId}' is used by ${data.classNames.length} classes (${data.classNames.join(', ')}). ` +
      `Plugin ids are unique in the app: remove the extra add() or rename one plugin.`,
    example: { pluginId: 'catalog', classNames: ['A', 'B'] },
  }),

  DUPLICATE_MODULE: spec({
    message: (data: { readonly pluginId: string; readonly moduleId: string; readonly first: string; readonly second: string }): string =>
      `Plugin '${data.pluginId}' has two modules with id '${data.moduleId}' (${data.first} and ${data.second}). ` +
      `Module ids are unique within a plugin: remove the extra add() or rename one module.`,
    example: { pluginId: 'catalog', moduleId: 'github', first: 'A', second: 'B' },
  }),

  MODULE_WITHOUT_PLUGIN: spec({
    message: (data: { readonly pluginId: string; readonly moduleId: string; readonly className: string }): string =>
      `Module '${data.moduleId}' (class ${data.className}) extends plugin '${data.pluginId}', which is not installed. ` +
      `Add the '${data.pluginId}' plugin with add(), or remove the module.`,
    example: { pluginId: 'catalog', moduleId: 'orphan', className: 'Orphan' },
  }),

  DUPLICATE_EXTENSION_POINT: spec({
    message: (data: {
      readonly extensionPointId: string;
      readonly first: Holder;
      readonly pluginId: string;
      readonly moduleId?: string;
    }): string =>
      `Extension point '${data.extensionPointId}' is provided twice: by ${label(data.first)} and by ${label(data)}. ` +
      `Exactly one feature provides an extension point; remove one provider.`,
    example: { extensionPointId: 'x', first: { pluginId: 'a' }, pluginId: 'a', moduleId: 'm' },
  }),

  EXTENSION_POINT_NOT_PROVIDED: spec({
    message: (data: Holder & { readonly extensionPointId: string }): string =>
      `${Label(data)} depends on extension point '${data.extensionPointId}', which no feature of plugin ` +
      `'${data.pluginId}' provides. Add the feature that provides it, or mark the parameter @optional().`,
    example: { pluginId: 'p', moduleId: 'm', extensionPointId: 'x' },
  }),

  EXTENSION_POINT_OF_OTHER_PLUGIN: spec({
    message: (
      data: Holder & { readonly extensionPointId: string; readonly ownerPluginId: string; readonly related: readonly string[] },
    ): string =>
      `${Label(data)} depends on extension point '${data.extensionPointId}', which belongs to plugin ` +
      `'${data.ownerPluginId}'. A module sees only its own plugin's extension points: make it a module of ` +
      `'${data.ownerPluginId}' (@Module({ pluginId: '${data.ownerPluginId}', ... })).`,
    example: { pluginId: 'search', moduleId: 'm', extensionPointId: 'catalog.processors', ownerPluginId: 'catalog', related: ['catalog'] },
  }),

  EXTENSION_POINT_IN_SERVICE: spec({
    message: (data: { readonly refId: string; readonly extensionPointId: string }): string =>
      `Service '${data.refId}' depends on extension point '${data.extensionPointId}'. Extension points belong to one plugin and can be ` +
      `injected only by that plugin, its modules and the classes they provide; pass what the service needs as a ` +
      `method argument instead.`,
    example: { refId: 's', extensionPointId: 'x' },
  }),

  IMPLEMENTATION_INJECTED: spec({
    message: (data: {
      readonly className: string;
      readonly extensionPointId: string;
      readonly provider: Holder;
      readonly holder: Subject;
      readonly pluginId?: string;
      readonly moduleId?: string;
      readonly refId?: string;
      /** The class the holder injects that holds the implementation, when it is not the implementation itself. */
      readonly viaClassName?: string;
    }): string =>
      `${Label(data.holder)} injects class ${data.className}` +
      `${data.viaClassName === undefined ? '' : ` (through class ${data.viaClassName})`}, the implementation of ` +
      `extension point '${data.extensionPointId}'. Only its provider (${label(data.provider)}) may hold the implementation; ` +
      `everyone else injects the extension point token and gets a guarded view. Inject extensionPoint '${data.extensionPointId}' instead.`,
    example: {
      className: 'ActionsRegistry',
      extensionPointId: 'scaffolder.actions',
      provider: { pluginId: 'scaffolder' },
      holder: { pluginId: 'scaffolder', moduleId: 'sneaky' },
      pluginId: 'scaffolder',
      moduleId: 'sneaky',
    },
  }),

  DEPENDENCY_CYCLE: spec({
    message: (data: CycleProblem): string => {
      const path = data.path.join(' -> ');
      switch (data.reason) {
        case 'construction':
          return (
            `Dependency cycle: ${path} (each arrow reads "needs"). Nothing in a cycle can be created first; break it by ` +
            `removing one dependency or by passing the value later through a method.`
          );
        case 'modules':
          return (
            `Modules of plugin '${data.pluginId}' form a cycle through their extension points: ${path}. Each arrow reads ` +
            `"must init after"; a module that provides an extension point inits after the modules that use it. Move one ` +
            `extension point so the chain ends.`
          );
        case 'plugins':
          return `Plugins depend on each other in a cycle: ${path} (each arrow reads "dependsOn"). Remove one dependsOn entry.`;
      }
    },
    example: { reason: 'construction', path: ['a', 'b', 'c', 'a'] },
  }),

  MISSING_INJECTION_TOKEN: spec({
    message: (data: Subject & { readonly index: number; readonly typeName?: string; readonly ownerClass: string }): string =>
      `Constructor parameter ${data.index}${data.typeName === undefined ? '' : ` (type ${data.typeName})`} of ${label(data)} ` +
      `${data.className === undefined ? `(class ${data.ownerClass}) ` : ''}has no injection token. Add @inject(ref) to it ` +
      `(interfaces have no runtime type, so plugboard cannot guess).`,
    example: { pluginId: 'p', index: 0, ownerClass: 'P' },
  }),

  PLUGIN_DEPENDENCY_MISSING: spec({
    message: (data: { readonly pluginId: string; readonly dependency: string; readonly related: readonly string[] }): string =>
      `Plugin '${data.pluginId}' depends on plugin '${data.dependency}' (dependsOn), which is not installed. Add it, or remove it from dependsOn.`,
    example: { pluginId: 'c', dependency: 'ghost', related: ['ghost'] },
  }),
};
