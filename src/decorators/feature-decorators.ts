import { PlugboardError } from '../errors.js';
import { isExtensionPoint } from '../tokens/extension-point.js';
import { assertFeatureId } from '../tokens/ids.js';
import { isServiceRef, type ServiceRef, type ServiceScope } from '../tokens/service-ref.js';
import { className } from '../tokens/types.js';
import { writableMetadata, type ExtensionPointProvider, type ClassMetadata } from './metadata.js';

/** A decorator for classes. */
export type FeatureClassDecorator = <TClass extends abstract new (...args: never[]) => unknown>(target: TClass) => void;

/** Options of {@link Plugin}. */
export interface PluginOptions {
  /** The plugin's id, unique in the app: `catalog`, `scaffolder`. */
  readonly id: string;
  /** The extension points this plugin provides to its modules. */
  readonly extensionPoints?: readonly ExtensionPointProvider[];
  /** Ids of plugins that must be up before this plugin's init starts. */
  readonly dependsOn?: readonly string[];
}

/** Options of {@link Module}. */
export interface ModuleOptions {
  /** The id of the plugin this module extends. */
  readonly pluginId: string;
  /** The module's id, unique within its plugin: `github-actions`. */
  readonly id: string;
  /**
   * Extension points this module provides to other modules of the same plugin. The module is
   * initialised after every module that uses them.
   */
  readonly extensionPoints?: readonly ExtensionPointProvider[];
}

/** Options of {@link Service}. */
export interface ServiceOptions {
  /** The ref this class implements. Without it the class is injected by class. */
  readonly provides?: ServiceRef<unknown>;
  /**
   * For a class injected by class (no `provides`): `'plugin'` (default, one instance per plugin)
   * or `'root'` (one for the app). With `provides`, the ref's scope applies.
   */
  readonly scope?: ServiceScope;
}

function assertClass(target: unknown, decorator: string): asserts target is abstract new (...args: never[]) => unknown {
  if (typeof target !== 'function') {
    throw new PlugboardError('INVALID_DECORATOR', `${decorator} decorates classes only.`);
  }
}

function claimRole(target: object, role: NonNullable<ClassMetadata['role']>, decorator: string): ClassMetadata {
  const metadata = writableMetadata(target);
  if (metadata.role !== undefined) {
    throw new PlugboardError(
      'INVALID_DECORATOR',
      `${className(target)} is decorated as a ${metadata.role} and as a ${role} (${decorator}); ` +
        `a class is one of plugin, module or service. Split it into two classes.`,
    );
  }
  metadata.role = role;
  // TypeScript's declared constructor parameter types, read once here (TypeScript has just written
  // them: its design-type decorator runs before the class decorators) rather than at every validation.
  metadata.declaredFor = target;
  metadata.declaredTypes = Reflect.getOwnMetadata?.('design:paramtypes', target) as readonly unknown[] | undefined;
  return metadata;
}

function checkProviders(providers: unknown, owner: string): readonly ExtensionPointProvider[] {
  if (providers === undefined) return [];
  if (!Array.isArray(providers)) {
    throw new PlugboardError(
      'INVALID_DECORATOR',
      `${owner}: extensionPoints must be an array of { provide, useClass } or { provide, useValue }.`,
    );
  }
  return providers.map((entry: unknown, index) => {
    const provider = entry as { provide?: unknown; useClass?: unknown; useValue?: unknown } | null;
    if (!provider || !isExtensionPoint(provider.provide)) {
      throw new PlugboardError(
        'INVALID_DECORATOR',
        `${owner}: extensionPoints[${index}].provide must be a token created with createExtensionPoint().`,
      );
    }
    const hasClass = 'useClass' in provider && provider.useClass !== undefined;
    const hasValue = 'useValue' in provider && provider.useValue !== undefined;
    const badValue =
      hasValue && (provider.useValue === null || (typeof provider.useValue !== 'object' && typeof provider.useValue !== 'function'));
    if (hasClass === hasValue || (hasClass && typeof provider.useClass !== 'function') || badValue) {
      throw new PlugboardError(
        'INVALID_DECORATOR',
        `${owner}: extension point '${provider.provide.id}' needs exactly one of useClass (a class) ` + `or useValue (an object).`,
        { extensionPointId: provider.provide.id },
      );
    }
    return Object.freeze({ ...provider }) as ExtensionPointProvider;
  });
}

/**
 * Declares a plugin: a feature of the host with its own child container.
 *
 * @example
 * ```ts
 * @Plugin({ id: 'scaffolder', extensionPoints: [{ provide: actionsExtensionPoint, useClass: ActionsRegistry }] })
 * export class ScaffolderPlugin { ... }
 * ```
 * @throws PlugboardError `INVALID_DECORATOR` for a bad id or option, or a class that already has a role.
 */
export function Plugin(options: PluginOptions): FeatureClassDecorator {
  const id: unknown = options?.id;
  assertFeatureId(id, '@Plugin()');
  const owner = `@Plugin({ id: '${id}' })`;
  const extensionPoints = checkProviders(options.extensionPoints, owner);
  const dependsOn = options.dependsOn ?? [];
  if (!Array.isArray(dependsOn)) {
    throw new PlugboardError('INVALID_DECORATOR', `${owner}: dependsOn must be an array of plugin ids.`, {
      pluginId: id,
    });
  }
  for (const dependency of dependsOn) assertFeatureId(dependency, `${owner} dependsOn entry`);
  const plugin = Object.freeze({ id, extensionPoints, dependsOn: Object.freeze([...(dependsOn as readonly string[])]) });
  return (target) => {
    assertClass(target, owner);
    claimRole(target, 'plugin', owner).plugin = plugin;
  };
}

/**
 * Declares a module: a class resolved into its plugin's child container, where it can inject
 * the plugin's extension points. Its `@onInit` completes before the plugin's starts.
 *
 * @throws PlugboardError `INVALID_DECORATOR` for a missing `pluginId`, a bad id, or a class that already has a role.
 */
export function Module(options: ModuleOptions): FeatureClassDecorator {
  if (options?.pluginId === undefined) {
    throw new PlugboardError(
      'INVALID_DECORATOR',
      `@Module({ id: ${JSON.stringify(options?.id)} }) needs \`pluginId\`: the id of the plugin it extends.`,
    );
  }
  const pluginId: unknown = options.pluginId;
  assertFeatureId(pluginId, `@Module() pluginId`);
  const id: unknown = options.id;
  assertFeatureId(id, `@Module({ pluginId: '${pluginId}' })`);
  const owner = `@Module({ pluginId: '${pluginId}', id: '${id}' })`;
  const module = Object.freeze({ pluginId, id, extensionPoints: checkProviders(options.extensionPoints, owner) });
  return (target) => {
    assertClass(target, owner);
    claimRole(target, 'module', owner).module = module;
  };
}

/**
 * Declares an injectable class. With `provides`, the class implements that ref and is installed
 * with `builder.add(TheClass)`. Without it, the class is injected by class
 * (`@inject(TheClass)`), one instance per plugin unless `scope: 'root'`.
 *
 * @throws PlugboardError `INVALID_DECORATOR` when `provides` is not a ref or the class already has a role.
 */
export function Service(options: ServiceOptions = {}): FeatureClassDecorator {
  const provides: unknown = options.provides;
  if (provides !== undefined && !isServiceRef(provides)) {
    throw new PlugboardError('INVALID_DECORATOR', '@Service({ provides }) needs a ref created with createServiceRef().');
  }
  const scope = options.scope ?? provides?.scope ?? 'plugin';
  if (scope !== 'root' && scope !== 'plugin') {
    throw new PlugboardError('INVALID_DECORATOR', `@Service(): scope must be 'root' or 'plugin', got ${JSON.stringify(scope)}.`);
  }
  if (provides !== undefined && options.scope !== undefined && options.scope !== provides.scope) {
    throw new PlugboardError(
      'INVALID_DECORATOR',
      `@Service({ provides: '${provides.id}' }) sets scope '${options.scope}', but the ref ` +
        `is ${provides.scope}-scoped; the ref's scope decides, remove \`scope\`.`,
      { refId: provides.id },
    );
  }
  const service = Object.freeze(provides === undefined ? { scope } : { provides, scope });
  return (target) => {
    assertClass(target, '@Service()');
    claimRole(target, 'service', '@Service()').service = service;
  };
}
