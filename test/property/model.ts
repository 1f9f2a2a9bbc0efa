/**
 * A generated app as plain data: what the generator produces, what `materialize()` turns into
 * decorated classes, and what the properties reason about. Nothing here touches plugboard.
 *
 * Ids follow one scheme so a failing case reads easily: plugins `p0…`, modules `m0…` (unique
 * within their plugin), services `svc.0…`, the plugin's own extension point `p3.items`, a
 * module's extension point `p3.m1.ep`.
 */
import type { PlugboardErrorCode } from 'plugboard';

export type Scope = 'root' | 'plugin';

/** How an init (or a factory call) ends. */
export type Failure = 'none' | 'throw' | 'reject' | 'hang';

/** When and how an init, or a service factory, completes. */
export interface Timing {
  /** 0: synchronous. Otherwise the init awaits a timer of this many ms. */
  readonly delayMs: number;
  readonly failure: Failure;
}

export interface ServiceModel {
  /** `svc.N` */
  readonly id: string;
  readonly scope: Scope;
  /** `class`: a `@Service({ provides })` class with `@onInit`/`@onShutdown`. `factory`: createServiceFactory. */
  readonly form: 'class' | 'factory';
  /** Ids of the services it depends on. */
  readonly deps: readonly string[];
  /** For a class, its `@onInit`; for a factory, the factory call. */
  readonly timing: Timing;
}

/** A constructor parameter added only to break the app (see {@link Defect}). */
export type ExtraParameter =
  | { readonly kind: 'extensionPoint'; readonly id: string }
  | { readonly kind: 'service'; readonly id: string; readonly scope: Scope }
  /** A parameter with no `@inject`. */
  | { readonly kind: 'untokened' };

export interface ModuleModel {
  /** `mN`, unique within the plugin. */
  readonly id: string;
  /** Injects the plugin's `<plugin>.items` extension point and adds its name to it. */
  readonly addsToPlugin: boolean;
  /** Provides `<plugin>.<module>.ep` to other modules of its plugin. */
  readonly provides: boolean;
  /** Ids of modules of the same plugin whose extension point it injects (and adds its name to). */
  readonly uses: readonly string[];
  /** Ids of the services it injects. */
  readonly services: readonly string[];
  readonly timing: Timing;
  readonly extra: readonly ExtraParameter[];
}

export interface PluginModel {
  /** `pN` */
  readonly id: string;
  readonly modules: readonly ModuleModel[];
  /** Ids of the services it injects. */
  readonly services: readonly string[];
  readonly timing: Timing;
  readonly extra: readonly ExtraParameter[];
}

/** A feature that exists only to break the app: it never runs (validation stops the app first). */
export type Stray =
  | { readonly kind: 'plugin'; readonly id: string }
  | { readonly kind: 'module'; readonly pluginId: string; readonly id: string; readonly provides?: string }
  | { readonly kind: 'implementation'; readonly serviceId: string };

/**
 * A defect the generator injected, as the problem `validate()` must report: its code, and the
 * ids the problem must carry. `path` and `related` list ids that must appear in the problem's
 * `path` (a cycle) or be named in its `related` entries.
 */
export interface Defect {
  readonly code: PlugboardErrorCode;
  readonly pluginId?: string;
  readonly moduleId?: string;
  readonly refId?: string;
  readonly extensionPointId?: string;
  readonly path?: readonly string[];
  readonly related?: readonly string[];
}

export interface AppModel {
  readonly plugins: readonly PluginModel[];
  readonly services: readonly ServiceModel[];
  readonly strays: readonly Stray[];
  /** Empty exactly when the app is sound. */
  readonly defects: readonly Defect[];
  /**
   * Features are added in the order declared here (services, then each plugin and its modules),
   * or shuffled with this seed; strays always come last.
   */
  readonly addOrder?: number;
}

/** The id of the extension point a plugin provides to its modules. */
export const itemsPointId = (pluginId: string): string => `${pluginId}.items`;

/** The id of the extension point a module provides to other modules of its plugin. */
export const modulePointId = (pluginId: string, moduleId: string): string => `${pluginId}.${moduleId}.ep`;

/**
 * How the journal names a feature: `p3` (plugin), `p3/m1` (module), `svc.2` (root service),
 * `svc.2@p3` (the instance of plugin-scoped service svc.2 in plugin p3).
 */
export const moduleName = (pluginId: string, moduleId: string): string => `${pluginId}/${moduleId}`;
export const serviceName = (serviceId: string, pluginId: string | undefined): string =>
  pluginId === undefined ? serviceId : `${serviceId}@${pluginId}`;
