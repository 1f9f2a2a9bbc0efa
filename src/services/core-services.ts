import { runtimeRefs } from '../runtime/context-refs.js';
import { createServiceRef, type AnyServiceRef, type ServiceRef } from '../tokens/service-ref.js';
import { createServiceFactory } from '../tokens/service-factory.js';
import { withDependantView } from '../tokens/dependant-views.js';
import { ConfigReader, loadConfig, redactConfig, type ConfigService } from './config/index.js';
import { createLifecycle, lifecycleFor, type LifecycleService, type RootLifecycleService } from './lifecycle.js';
import { configuredLevel, type LoggerService, type RootLoggerService } from './logger.js';
import type { InstanceMetadataService, PluginMetadataService } from './metadata.js';

/** The app's configuration (`coreServices.rootConfig`). */
export type RootConfigService = ConfigService;

const rootLogger: ServiceRef<RootLoggerService, 'root'> = createServiceRef<RootLoggerService, 'root'>({
  id: 'core.rootLogger',
  scope: 'root',
  defaultFactory: () =>
    createServiceFactory({
      service: rootLogger,
      deps: { context: runtimeRefs.rootContext, config: rootConfig },
      factory: ({ context, config }) => {
        const logger = context.baseLogger;
        // A logger the builder was given is used as given; one plugboard made follows config.
        if (context.ownsBaseLogger) logger.level = configuredLevel(config.getOptionalString('logging.level'), logger.level);
        return logger;
      },
    }),
});

const pluginMetadata: ServiceRef<PluginMetadataService, 'plugin'> = createServiceRef<PluginMetadataService, 'plugin'>({
  id: 'core.pluginMetadata',
  scope: 'plugin',
  defaultFactory: () =>
    createServiceFactory({
      service: pluginMetadata,
      deps: { context: runtimeRefs.pluginContext },
      factory: ({ context }) => Object.freeze({ getId: () => context.pluginId }),
    }),
});

const logger: ServiceRef<LoggerService, 'plugin'> = withDependantView(
  createServiceRef<LoggerService, 'plugin'>({
    id: 'core.logger',
    scope: 'plugin',
    defaultFactory: () =>
      createServiceFactory({
        service: logger,
        deps: { root: rootLogger, metadata: pluginMetadata },
        factory: ({ root, metadata }) => root.child({ plugin: metadata.getId() }),
      }),
  }),
  // A module gets its own form: a child naming the module. The plugin gets the plugin's logger.
  (instance, { moduleId }) =>
    moduleId !== undefined && typeof instance.child === 'function' ? instance.child({ module: moduleId }) : instance,
);

const rootConfig: ServiceRef<RootConfigService, 'root'> = createServiceRef<RootConfigService, 'root'>({
  id: 'core.rootConfig',
  scope: 'root',
  defaultFactory: () =>
    createServiceFactory({
      service: rootConfig,
      deps: { context: runtimeRefs.rootContext },
      factory: async ({ context }) => {
        const config = await loadConfig({
          data: context.configData,
          ...(context.configFiles === undefined ? {} : { files: [...context.configFiles] }),
        });
        if (config instanceof ConfigReader) {
          // Secrets never reach the logs: values under keys like password/token/secret/key are redacted.
          context.baseLogger.debug({ files: config.files, config: redactConfig(config.raw) }, 'config loaded');
        }
        return config;
      },
    }),
});

const lifecycle: ServiceRef<LifecycleService, 'plugin'> = withDependantView(
  createServiceRef<LifecycleService, 'plugin'>({
    id: 'core.lifecycle',
    scope: 'plugin',
    defaultFactory: () =>
      createServiceFactory({
        service: lifecycle,
        deps: { context: runtimeRefs.pluginContext },
        factory: ({ context }) => createLifecycle(context.hooks, { pluginId: context.pluginId }),
      }),
  }),
  // A module's hooks are tagged (and shut down) as the module's.
  (instance, dependant) => lifecycleFor(instance, dependant),
);

const rootLifecycle: ServiceRef<RootLifecycleService, 'root'> = withDependantView(
  createServiceRef<RootLifecycleService, 'root'>({
    id: 'core.rootLifecycle',
    scope: 'root',
    defaultFactory: () =>
      createServiceFactory({
        service: rootLifecycle,
        deps: { context: runtimeRefs.rootContext },
        factory: ({ context }) => createLifecycle(context.hooks, {}),
      }),
  }),
  // The app's hooks, tagged with the plugin (and module) that added them, for logs and errors.
  (instance, dependant) => lifecycleFor(instance, dependant),
);

const instanceMetadata: ServiceRef<InstanceMetadataService, 'root'> = createServiceRef<InstanceMetadataService, 'root'>({
  id: 'core.instanceMetadata',
  scope: 'root',
  defaultFactory: () =>
    createServiceFactory({
      service: instanceMetadata,
      deps: { context: runtimeRefs.rootContext },
      factory: ({ context }) => Object.freeze({ getInstalledPlugins: () => context.installedPlugins() }),
    }),
});

/**
 * The services every app has. Each has a default implementation; installing another factory
 * or class for the same ref replaces it.
 *
 * - `rootLogger` (root): the app's pino logger.
 * - `logger` (plugin): a pino child with `{ plugin }`; a module gets a child with `{ plugin, module }`.
 * - `rootConfig` (root): the app's configuration.
 * - `lifecycle` (plugin) and `rootLifecycle` (root): startup and shutdown hooks.
 * - `pluginMetadata` (plugin): the plugin's id.
 * - `instanceMetadata` (root): installed plugins and modules.
 */
export const coreServices = Object.freeze({
  /** The app's pino logger (root). The builder's `logger` option, or one made from `LOG_LEVEL` and config. */
  rootLogger,
  /** A pino child logger with `{ plugin }` (plugin-scoped); a module gets a child with `{ plugin, module }`. */
  logger,
  /** The app's configuration (root): builder `config`, then config files, with `${VAR}` substitution. */
  rootConfig,
  /** The plugin's startup and shutdown hooks (plugin-scoped); shutdown hooks run in reverse order. */
  lifecycle,
  /** The app's startup, before-shutdown and shutdown hooks (root). */
  rootLifecycle,
  /** Who the current plugin is (plugin-scoped): `getId()`. */
  pluginMetadata,
  /** What is installed (root): every plugin with its modules. */
  instanceMetadata,
});

/** Root refs every app creates at start, so `app.get()` can return them. */
export const coreRootRefs: readonly AnyServiceRef[] = [rootLogger, rootConfig, rootLifecycle, instanceMetadata];
