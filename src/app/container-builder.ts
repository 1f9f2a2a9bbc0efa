import { PlugboardError } from '../errors.js';
import type { FeatureLoader } from '../tokens/feature-loader.js';
import type { ServiceDecorator } from '../tokens/service-decorator.js';
import type { ServiceFactory } from '../tokens/service-ref.js';
import type { Class } from '../tokens/types.js';
import { App } from './app.js';
import { FeatureSource } from './feature-source.js';
import type { ContainerBuilderOptions } from './options.js';

/** What `add()` accepts: a decorated class, a service factory or decorator, a feature loader, or an array of them. */
export type Feature = Class<unknown> | ServiceFactory | ServiceDecorator | FeatureLoader;

/** An ES module whose default export is a feature or an array of features. */
export interface FeatureModule {
  /** The feature, or features, the module installs. */
  readonly default: Feature | readonly Feature[];
}

/**
 * Wires an app: `new ContainerBuilder(options).add(...).build()`.
 *
 * @example
 * ```ts
 * const app = new ContainerBuilder()
 *   .add(ScaffolderPlugin)
 *   .add(GithubActionsModule)
 *   .add(import('./modules/gitlab.js'))
 *   .build();
 * await app.start();
 * ```
 */
export class ContainerBuilder {
  private readonly source = new FeatureSource();
  private built = false;

  constructor(private readonly options: ContainerBuilderOptions = {}) {
    for (const name of ['onPluginBootFailure', 'onModuleBootFailure'] as const) {
      const policy = options[name];
      if (policy !== undefined && policy !== 'abort' && policy !== 'continue') {
        throw new PlugboardError('INVALID_OPTIONS', `${name} must be 'abort' or 'continue', got ${JSON.stringify(policy)}.`);
      }
    }
    for (const name of ['initTimeoutMs', 'shutdownTimeoutMs', 'slowInitWarningMs'] as const) {
      const value = options[name];
      if (value !== undefined && !(typeof value === 'number' && value > 0)) {
        throw new PlugboardError('INVALID_OPTIONS', `${name} must be a positive number of milliseconds, got ${JSON.stringify(value)}.`);
      }
    }
  }

  /**
   * Adds a plugin, module or service class, a service factory, an array of them, or a promise of
   * an ES module whose default export is one of those.
   *
   * @throws PlugboardError `INVALID_FEATURE` for anything else, `INVALID_STATE` after build().
   */
  add(feature: Feature | readonly Feature[] | Promise<FeatureModule> | PromiseLike<FeatureModule>): this {
    if (this.built) {
      throw new PlugboardError(
        'INVALID_STATE',
        'add() was called after build(): the app is already built from what was added. Add every feature before build().',
      );
    }
    this.source.add(feature);
    return this;
  }

  /** Builds the app. Nothing runs until `app.start()`; add() is refused afterwards. */
  build(): App {
    this.built = true;
    return new App(this.source, this.options);
  }
}
