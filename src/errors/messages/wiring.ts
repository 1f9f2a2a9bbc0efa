import { spec } from '../define.js';
import { describeThrown, describeValue } from '../describe-value.js';
import { implementationLabel, Label, label, plural, type ImplementationSubject, type Subject } from '../labels.js';

/** A module or plugin that injects something (the subject of most wiring problems). */
type Holder = { readonly pluginId: string; readonly moduleId?: string };

export type DuplicateServiceProblem =
  | {
      readonly reason: 'two-installed';
      readonly refId: string;
      readonly first: ImplementationSubject;
      readonly second: ImplementationSubject;
    }
  | { readonly reason: 'builtin'; readonly refId: string; readonly implementation: ImplementationSubject }
  | { readonly reason: 'two-loaders'; readonly refId: string; readonly loaders: readonly string[] }
  | { readonly reason: 'bootstrap'; readonly refId: string };

/** What a root-scoped service or class depends on that is made per plugin. */
export type PluginScopedTarget =
  | { readonly kind: 'service'; readonly refId: string }
  | { readonly kind: 'class'; readonly className: string }
  | { readonly kind: 'extensionPoint'; readonly extensionPointId: string };

export type ScopeProblem =
  | {
      readonly reason: 'root-service';
      readonly refId: string;
      readonly target: PluginScopedTarget;
      readonly related?: readonly string[];
    }
  | { readonly reason: 'root-class'; readonly className: string; readonly target: PluginScopedTarget }
  | { readonly reason: 'app-get'; readonly refId: string }
  | { readonly reason: 'loader-dep'; readonly loader: string; readonly name: string; readonly refId: string }
  | { readonly reason: 'root-implementation'; readonly className: string; readonly extensionPointId: string; readonly pluginId: string }
  | { readonly reason: 'root-context-dep'; readonly refId: string; readonly name: string; readonly dependency: string };

export type CycleProblem =
  | { readonly reason: 'construction'; readonly path: readonly string[]; readonly refId?: string; readonly extensionPointId?: string }
  | { readonly reason: 'modules'; readonly pluginId: string; readonly path: readonly string[] }
  | { readonly reason: 'plugins'; readonly pluginId: string; readonly path: readonly string[] };

export type DefaultFactoryProblem =
  | { readonly reason: 'threw'; readonly refId: string; readonly cause: unknown }
  | {
      readonly reason: 'returned';
      readonly refId: string;
      readonly value: unknown;
      /** The ref the returned factory is for, or the returned class provides (`@Service({ provides })`), when it is another. */
      readonly otherRefId?: string;
    }
  | { readonly reason: 'timeout'; readonly refId: string; readonly ms: number };

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

  DUPLICATE_REF_ID: spec({
    message: (
      data:
        | { readonly refId: string; readonly difference: 'scope'; readonly scopes: readonly ['root' | 'plugin', 'root' | 'plugin'] }
        | { readonly refId: string; readonly difference: 'multiton' | 'defaultFactory' },
    ): string =>
      `Two different service refs have the id '${data.refId}' (${refDifference(data)}). ` +
      `Ref ids are unique in the app: rename one of them.`,
    example: { refId: 'x', difference: 'scope', scopes: ['root', 'plugin'] },
  }),

  RESERVED_ID: spec({
    message: (data: {
      readonly kind: 'service ref' | 'extension point';
      readonly refId?: string;
      readonly extensionPointId?: string;
    }): string =>
      `The ${data.kind} id '${data.refId ?? data.extensionPointId ?? ''}' starts with 'plugboard.', which is reserved for plugboard's own ` +
      `${data.kind === 'service ref' ? 'services' : 'extension points'}. Rename it (for example to your package's name).`,
    example: { kind: 'service ref', refId: 'plugboard.internal.rootContext' },
  }),

  SERVICE_NOT_FOUND: spec({
    message: (
      data:
        | { readonly reason: 'missing'; readonly refId: string; readonly related: readonly string[] }
        | { readonly reason: 'not-in-app'; readonly refId: string },
    ): string =>
      data.reason === 'missing'
        ? `No implementation of service '${data.refId}' is installed and the ref has no defaultFactory; it is needed by ` +
          `${data.related.join(', ')}. Install one with add() (a @Service({ provides }) class or a createServiceFactory()), ` +
          `or mark the parameter @optional().`
        : `Service '${data.refId}' is not part of this app: nothing installed it and nothing depends on it. Install it with add().`,
    example: { reason: 'missing', refId: 'todo.store', related: ["plugin 'todo'"] },
  }),

  DUPLICATE_SERVICE: spec({
    message: (data: DuplicateServiceProblem): string => {
      switch (data.reason) {
        case 'two-installed':
          return (
            `Service '${data.refId}' has two implementations installed: ${implementationLabel(data.first)} and ` +
            `${implementationLabel(data.second)}. ` +
            `Install exactly one (a later one does not override an earlier one).`
          );
        case 'builtin':
          return `Service '${data.refId}' is provided by plugboard itself and cannot be replaced; remove ${implementationLabel(data.implementation)} from add().`;
        case 'two-loaders':
          return (
            `Service '${data.refId}' is provided by two feature loaders (${data.loaders.map((name) => `'${name}'`).join(' and ')}). ` +
            `Choose one by adding it directly with add(): an implementation added directly replaces the loaders' ones.`
          );
        case 'bootstrap':
          return (
            `Service '${data.refId}' was created for the feature loaders, and a feature a loader returned installs another ` +
            `implementation of it. Install that implementation with add() instead, so the loaders use it too.`
          );
      }
    },
    example: {
      reason: 'two-installed',
      refId: 'dup',
      first: { className: 'One' },
      second: { factoryOf: 'dup' },
    },
  }),

  SCOPE_VIOLATION: spec({
    message: (data: ScopeProblem): string => {
      switch (data.reason) {
        case 'root-service':
          return (
            `Root-scoped service '${data.refId}' depends on ${perPluginTarget(data.target, 'service')}. A root service is shared by every plugin, so it ` +
            `would capture one plugin's instance. Make '${data.refId}' plugin-scoped, or make the dependency root-scoped.`
          );
        case 'root-class':
          return (
            `Root-scoped class ${data.className} depends on ${perPluginTarget(data.target, 'class')}. A root instance is shared by every plugin; ` +
            `make ${data.className} plugin-scoped (the default) or its dependency root-scoped.`
          );
        case 'app-get':
          return `app.get() returns root-scoped services, but '${data.refId}' is plugin-scoped (one instance per plugin). Inject it into a plugin or module instead.`;
        case 'loader-dep':
          return (
            `Feature loader '${data.loader}' depends on plugin-scoped service '${data.refId}' (as '${data.name}'); loaders ` +
            `run before any plugin exists, so they can use root-scoped services only.`
          );
        case 'root-implementation':
          return (
            `Class ${data.className} implements extension point '${data.extensionPointId}' of plugin '${data.pluginId}' but is ` +
            `declared @Service({ scope: 'root' }): one instance would be shared by every plugin (and app) that provides it, ` +
            `so one plugin's additions would show in another's. Remove scope: 'root'.`
          );
        case 'root-context-dep':
          return (
            `createRootContext of service '${data.refId}' read dependency '${data.name}', which is plugin-scoped ` +
            `('${data.dependency}'). The root context is made once per app, before any plugin: it receives root-scoped ` +
            `dependencies only. Read '${data.name}' in factory() instead.`
          );
      }
    },
    example: { reason: 'root-service', refId: 'shared', target: { kind: 'service', refId: 'per.plugin' } },
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

  DEFAULT_FACTORY_FAILED: spec({
    message: (data: DefaultFactoryProblem): string => {
      switch (data.reason) {
        case 'threw':
          return `The defaultFactory of service '${data.refId}' threw: ${describeThrown(data.cause)}. Fix it, or install an implementation with add().`;
        case 'returned':
          return (
            `The defaultFactory of service '${data.refId}' returned ${returnedText(data)}; it must return a factory for ` +
            `'${data.refId}' (createServiceFactory) or a class (undecorated, or @Service({ provides }) of this ref).`
          );
        case 'timeout':
          return (
            `The defaultFactory of service '${data.refId}' did not settle within ${data.ms} ms (initTimeoutMs). A defaultFactory ` +
            `only returns (or imports) a factory; check what it waits for.`
          );
      }
    },
    example: { reason: 'threw', refId: 'clock', cause: new Error('no clock') },
  }),
};

function returnedText(data: { readonly value: unknown; readonly otherRefId?: string }): string {
  if (data.otherRefId === undefined) return describeValue(data.value);
  return typeof data.value === 'function'
    ? `${describeValue(data.value)}, which provides '${data.otherRefId}'`
    : `a factory for '${data.otherRefId}'`;
}

/** How a root-scoped service or class names what it may not depend on. */
function perPluginTarget(target: PluginScopedTarget, holder: 'service' | 'class'): string {
  switch (target.kind) {
    case 'service':
      return `plugin-scoped service '${target.refId}'`;
    case 'class':
      return holder === 'class' ? `plugin-scoped class ${target.className}` : `class ${target.className}, which is created once per plugin`;
    case 'extensionPoint':
      return `extension point '${target.extensionPointId}'`;
  }
}

/** How two refs with one id differ. */
function refDifference(
  data:
    { readonly difference: 'scope'; readonly scopes: readonly [string, string] } | { readonly difference: 'multiton' | 'defaultFactory' },
): string {
  switch (data.difference) {
    case 'scope':
      return `one ${data.scopes[0]}-scoped, one ${data.scopes[1]}-scoped`;
    case 'multiton':
      return 'one a multiton, one a singleton';
    case 'defaultFactory':
      return 'one with one defaultFactory, one with another';
  }
}
