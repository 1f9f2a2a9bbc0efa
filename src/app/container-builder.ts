import { plugboardError } from '../errors/index.js';
import type { FeatureLoader } from '../tokens/feature-loader.js';
import type { ServiceDecorator } from '../tokens/service-decorator.js';
import type { ServiceFactory } from '../tokens/service-factory.js';
import type { Class } from '../tokens/types.js';
import { App } from './app.js';
import { FeatureSource } from './feature-source.js';
import { isDuration, type ContainerBuilderOptions } from './options.js';

/** What `add()` accepts: a decorated class, a service factory or decorator, a feature loader, or an array of them. */
export type Feature = Class<unknown> | ServiceFactory | ServiceDecorator | FeatureLoader;

/** An ES module whose default export is a feature or an array of features. */
export interface FeatureModule {
  /** The feature, or features, the module installs (or, for a CommonJS module, `{ default: features }`). */
  readonly default: Feature | readonly Feature[] | CommonJsFeatureModule;
}

/** A CommonJS module's `module.exports = { default: features }`, as `import()` sees it. */
export interface CommonJsFeatureModule {
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
  readonly #source = new FeatureSource();
  readonly #options: ContainerBuilderOptions;
  #built = false;

  /** @throws PlugboardError `INVALID_OPTIONS` for options that are not an object or out of range. */
  constructor(options: ContainerBuilderOptions = {}) {
    this.#options = checkOptions(options);
  }

  /**
   * Adds a plugin, module or service class, a service factory, an array of them, or a promise of
   * an ES module whose default export is one of those.
   *
   * @throws PlugboardError `INVALID_FEATURE` for anything else, `INVALID_STATE` after build().
   */
  add(feature: Feature | readonly Feature[] | Promise<FeatureModule> | PromiseLike<FeatureModule>): this {
    if (this.#built) throw plugboardError('INVALID_STATE', { reason: 'add-after-build' });
    this.#source.add(feature);
    return this;
  }

  /** Builds the app. Nothing runs until `app.start()`; add() is refused afterwards. */
  build(): App {
    this.#built = true;
    return new App(this.#source, this.#options);
  }
}

/** A frozen copy of valid options; every bad value is `INVALID_OPTIONS` naming it. */
function checkOptions(options: unknown): ContainerBuilderOptions {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw plugboardError('INVALID_OPTIONS', { reason: 'options', what: 'new ContainerBuilder()', value: options });
  }
  const given = options as Record<string, unknown>;
  const plugin = given['onPluginBootFailure'];
  if (plugin !== undefined && plugin !== 'abort' && plugin !== 'continue') {
    throw plugboardError('INVALID_OPTIONS', { reason: 'policy', name: 'onPluginBootFailure', value: plugin });
  }
  const module = given['onModuleBootFailure'];
  if (module !== undefined && module !== 'abort' && module !== 'continue' && typeof module !== 'function') {
    throw plugboardError('INVALID_OPTIONS', { reason: 'policy', name: 'onModuleBootFailure', value: module });
  }
  for (const name of ['initTimeoutMs', 'shutdownTimeoutMs', 'slowInitWarningMs'] as const) {
    const value = given[name];
    if (value !== undefined && !isDuration(value)) throw plugboardError('INVALID_OPTIONS', { reason: 'milliseconds', name, value });
  }
  const config = given['config'];
  if (config !== undefined && (typeof config !== 'object' || config === null || Array.isArray(config))) {
    throw plugboardError('INVALID_OPTIONS', {
      reason: 'type',
      what: 'new ContainerBuilder()',
      name: 'config',
      expected: 'a plain object',
      value: config,
    });
  }
  const files = given['configFiles'];
  if (files !== undefined && !(Array.isArray(files) && files.every((file) => typeof file === 'string'))) {
    throw plugboardError('INVALID_OPTIONS', {
      reason: 'type',
      what: 'new ContainerBuilder()',
      name: 'configFiles',
      expected: 'an array of file paths',
      value: files,
    });
  }
  const logger = given['logger'];
  if (logger !== undefined && (typeof logger !== 'object' || logger === null)) {
    throw plugboardError('INVALID_OPTIONS', {
      reason: 'type',
      what: 'new ContainerBuilder()',
      name: 'logger',
      expected: 'a pino logger or pino options',
      value: logger,
    });
  }
  return Object.freeze({ ...(options as ContainerBuilderOptions) });
}
