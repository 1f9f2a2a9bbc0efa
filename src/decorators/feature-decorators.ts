import { plugboardError } from '../errors/index.js';
import { isExtensionPoint } from '../tokens/extension-point.js';
import { assertFeatureId } from '../tokens/ids.js';
import { isServiceRef, type AnyServiceRef, type ServiceInitialization, type ServiceScope } from '../tokens/service-ref.js';
import { className, type Class } from '../tokens/types.js';
import { writableMetadata, type ExtensionPointProvider, type ClassMetadata } from './metadata.js';
import { assertLegacyCall } from './standard-decorators.js';

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
  readonly provides?: AnyServiceRef;
  /**
   * For a class injected by class (no `provides`): `'plugin'` (default, one instance per plugin)
   * or `'root'` (one for the app). With `provides`, the ref's scope applies.
   */
  readonly scope?: ServiceScope;
  /**
   * With `provides`: `'always'` (created at start even if unused) or `'lazy'` (when first
   * needed). Default: root-scoped refs `'always'`, plugin-scoped `'lazy'`.
   */
  readonly initialization?: ServiceInitialization;
}

function assertClass(target: unknown, context: unknown, decorator: string): asserts target is abstract new (...args: never[]) => unknown {
  assertLegacyCall(decorator, context);
  if (typeof target !== 'function') throw plugboardError('INVALID_DECORATOR', { reason: 'not-a-class', decorator });
}

function optionsObject(options: unknown, decorator: string): Record<string, unknown> {
  if (typeof options !== 'object' || options === null)
    throw plugboardError('INVALID_DECORATOR', { reason: 'options', decorator, value: options });
  return options as Record<string, unknown>;
}

function claimRole(target: object, role: NonNullable<ClassMetadata['role']>, decorator: string): ClassMetadata {
  const metadata = writableMetadata(target);
  if (metadata.role !== undefined) {
    throw plugboardError('INVALID_DECORATOR', {
      reason: 'two-roles',
      className: className(target),
      role,
      otherRole: metadata.role,
      decorator,
    });
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
  if (!Array.isArray(providers)) throw plugboardError('INVALID_DECORATOR', { reason: 'providers-not-array', owner });
  // Array.from, not map: a hole (`[ , ep]`) is checked as `undefined`, not skipped.
  return Array.from(providers as unknown[], (entry: unknown, index) => checkProvider(entry, index, owner));
}

function checkProvider(entry: unknown, index: number, owner: string): ExtensionPointProvider {
  const provider = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<string, unknown>;
  // Read once: a getter could answer the check with one token and the use with another.
  const provide = provider['provide'];
  if (!isExtensionPoint(provide)) throw plugboardError('INVALID_DECORATOR', { reason: 'provider-token', owner, index });
  const extensionPointId = provide.id;
  const { useClass, useValue, useFactory, deps } = provider;
  const forms = [useClass, useValue, useFactory].filter((form) => form !== undefined).length;
  const valid =
    forms === 1 &&
    (useClass === undefined || typeof useClass === 'function') &&
    (useValue === undefined || (typeof useValue === 'object' && useValue !== null) || typeof useValue === 'function') &&
    (useFactory === undefined || typeof useFactory === 'function') &&
    (deps === undefined || useFactory !== undefined);
  if (!valid) throw plugboardError('INVALID_DECORATOR', { reason: 'provider-kind', owner, extensionPointId });
  if (useClass !== undefined) return Object.freeze({ provide, useClass: useClass as Class<unknown> });
  if (useValue !== undefined) return Object.freeze({ provide, useValue });
  const factoryDeps: Record<string, AnyServiceRef | Class<unknown>> = {};
  if (deps !== undefined) {
    if (typeof deps !== 'object' || deps === null)
      throw plugboardError('INVALID_DECORATOR', { reason: 'provider-deps', owner, extensionPointId, name: '(deps)' });
    for (const name of Object.keys(deps)) {
      const token: unknown = (deps as Record<string, unknown>)[name];
      if (!isServiceRef(token) && typeof token !== 'function') {
        throw plugboardError('INVALID_DECORATOR', { reason: 'provider-deps', owner, extensionPointId, name });
      }
      factoryDeps[name] = token as AnyServiceRef | Class<unknown>;
    }
  }
  return Object.freeze({
    provide,
    useFactory: useFactory as Extract<ExtensionPointProvider, { useFactory: unknown }>['useFactory'],
    deps: Object.freeze(factoryDeps),
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
  const config = optionsObject(options, '@Plugin()');
  const id: unknown = config['id'];
  assertFeatureId(id, '@Plugin()');
  const owner = `@Plugin({ id: '${id}' })`;
  const extensionPoints = checkProviders(config['extensionPoints'], owner);
  const dependsOn: unknown = config['dependsOn'] ?? [];
  if (!Array.isArray(dependsOn)) throw plugboardError('INVALID_DECORATOR', { reason: 'depends-on', owner, pluginId: id });
  for (const dependency of dependsOn) assertFeatureId(dependency, `${owner} dependsOn entry`);
  const plugin = Object.freeze({ id, extensionPoints, dependsOn: Object.freeze([...(dependsOn as readonly string[])]) });
  return (target: unknown, context?: unknown) => {
    assertClass(target, context, owner);
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
  const config = optionsObject(options, '@Module()');
  if (config['pluginId'] === undefined) throw plugboardError('INVALID_DECORATOR', { reason: 'module-plugin-id', id: config['id'] });
  const pluginId: unknown = config['pluginId'];
  assertFeatureId(pluginId, `@Module() pluginId`);
  const id: unknown = config['id'];
  assertFeatureId(id, `@Module({ pluginId: '${pluginId}' })`);
  const owner = `@Module({ pluginId: '${pluginId}', id: '${id}' })`;
  const module = Object.freeze({ pluginId, id, extensionPoints: checkProviders(config['extensionPoints'], owner) });
  return (target: unknown, context?: unknown) => {
    assertClass(target, context, owner);
    claimRole(target, 'module', owner).module = module;
  };
}

/**
 * Declares an injectable class. With `provides`, the class implements that ref and is installed
 * with `builder.add(TheClass)`. Without it, the class is injected by class
 * (`@inject(TheClass)`), one instance per plugin unless `scope: 'root'`.
 *
 * @throws PlugboardError `INVALID_DECORATOR` when `provides` is not a ref, an option is unknown, or the class already has a role.
 */
export function Service(options: ServiceOptions = {}): FeatureClassDecorator {
  const config = optionsObject(options, '@Service()');
  const provides: unknown = config['provides'];
  if (provides !== undefined && !isServiceRef(provides)) throw plugboardError('INVALID_DECORATOR', { reason: 'provides' });
  const scope: unknown = config['scope'] ?? provides?.scope ?? 'plugin';
  if (scope !== 'root' && scope !== 'plugin') throw plugboardError('INVALID_DECORATOR', { reason: 'scope', value: scope });
  if (provides !== undefined && config['scope'] !== undefined && config['scope'] !== provides.scope) {
    throw plugboardError('INVALID_DECORATOR', { reason: 'scope-conflict', refId: provides.id, scope, refScope: provides.scope });
  }
  const initialization: unknown = config['initialization'];
  if (initialization !== undefined && initialization !== 'always' && initialization !== 'lazy') {
    throw plugboardError('INVALID_DECORATOR', { reason: 'initialization', decorator: '@Service()', value: initialization });
  }
  const service = Object.freeze({
    scope,
    ...(provides === undefined ? {} : { provides }),
    ...(initialization === undefined ? {} : { initialization }),
  });
  return (target: unknown, context?: unknown) => {
    assertClass(target, context, '@Service()');
    claimRole(target, 'service', '@Service()').service = service;
  };
}
