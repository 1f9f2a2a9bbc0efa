/**
 * What the renderers draw: the parts of an `AppDescription` they read, checked and copied by
 * {@link readRenderInput} so that drawing never meets a wrong type, a getter or a Proxy.
 */

/** A plugin's module, as drawn. */
export interface DrawnModule {
  readonly id: string;
  readonly status: string;
  /** Service ref ids it injects. */
  readonly services: readonly string[];
}

/** A plugin, as drawn. */
export interface DrawnPlugin {
  readonly id: string;
  readonly status: string;
  readonly dependsOn: readonly string[];
  /** Service ref ids the plugin injects. */
  readonly services: readonly string[];
  readonly modules: readonly DrawnModule[];
}

/** A plugin, or one of its modules (`moduleId` set). */
export interface DrawnFeatureRef {
  readonly moduleId?: string;
}

/** An extension point, as drawn. */
export interface DrawnExtensionPoint {
  readonly id: string;
  readonly pluginId: string;
  readonly provider: DrawnFeatureRef;
  readonly users: readonly DrawnFeatureRef[];
}

/** What an explicit `add()` replaced from a feature loader. */
export interface DrawnReplacement {
  readonly implementation: string;
  readonly loader: string;
}

/** A service, as drawn. Fields a description from before multiton refs lacks take their defaults. */
export interface DrawnService {
  readonly id: string;
  readonly scope: 'root' | 'plugin';
  readonly implementation: string;
  /** `false` when the description does not say. */
  readonly multiton: boolean;
  /** Every provider in registration order; `[implementation]` when the description does not say. */
  readonly implementations: readonly string[];
  /** The scope's default (`always` for root, `lazy` for plugin) when the description does not say. */
  readonly initialization: 'always' | 'lazy';
  /** Empty when the description does not say. */
  readonly replaced: readonly DrawnReplacement[];
  readonly dependencies: readonly string[];
}

/** A validation problem, as drawn (only the ids that locate it). */
export interface DrawnProblem {
  readonly code: string;
  readonly pluginId?: string;
  readonly moduleId?: string;
  readonly refId?: string;
  readonly extensionPointId?: string;
  readonly related?: readonly string[];
}

/** The checked copy of a description that the scene is built from. */
export interface RenderInput {
  readonly plugins: readonly DrawnPlugin[];
  readonly extensionPoints: readonly DrawnExtensionPoint[];
  readonly services: readonly DrawnService[];
  readonly problems: readonly DrawnProblem[];
}
