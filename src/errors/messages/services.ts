import { spec } from '../define.js';
import { describeThrown, describeValue } from '../describe-value.js';
import { implementationLabel, type ImplementationSubject } from '../labels.js';

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

/** Messages about service refs and their implementations: ids, scopes, missing and duplicate ones. */
export const serviceMessages = {
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
