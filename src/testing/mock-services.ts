import { pino, type Level, type Logger } from 'pino';
import { runtimeRefs, type InstalledPlugin } from '../runtime/context-refs.js';
import { createConfigView } from '../services/config/index.js';
import { coreServices, type RootConfigService } from '../services/core-services.js';
import type { LifecycleHook, LifecycleService, RootLifecycleService } from '../services/lifecycle.js';
import type { LoggerService, RootLoggerService } from '../services/logger.js';
import type { InstanceMetadataService, PluginMetadataService } from '../services/metadata.js';
import { createServiceFactory, type ServiceFactory } from '../tokens/service-factory.js';

/** One recorded log line. */
export interface LogEntry {
  /** The level's name (`info`, `warn`, …). */
  readonly level: Level;
  /** The message. */
  readonly msg: string;
  /** The plugin that logged it, for a plugin or module logger. */
  readonly plugin?: string;
  /** The module that logged it, for a module logger. */
  readonly module?: string;
  readonly [field: string]: unknown;
}

/** A logger factory that records every line in `entries`. */
export type RecordingLoggerFactory<TScope extends 'root' | 'plugin' = 'root'> = ServiceFactory<
  TScope extends 'root' ? RootLoggerService : LoggerService,
  TScope
> & {
  /** Every line logged through it, in order, by any plugin or module. */
  readonly entries: LogEntry[];
};

/** Options of {@link mockServices}.rootLogger and .logger. */
export interface MockLoggerOptions {
  /** Lowest level recorded; default `'trace'` (everything). */
  readonly level?: Level;
}

/** Options of {@link mockServices}.rootConfig. */
export interface MockRootConfigOptions {
  /** The config data; reads behave as in a real app. */
  readonly data?: Record<string, unknown>;
}

/** A hook a mock lifecycle recorded, with who added it. */
export interface RecordedHook {
  /** The plugin that added it (for a plugin-scoped lifecycle). */
  readonly pluginId?: string;
  /** The module that added it, when a module did. */
  readonly moduleId?: string;
  /** The hook function itself. */
  readonly hook: LifecycleHook;
}

/** A lifecycle factory that records hooks instead of running them; run them with its methods. */
export type MockLifecycleFactory<TScope extends 'root' | 'plugin'> = ServiceFactory<
  TScope extends 'root' ? RootLifecycleService : LifecycleService,
  TScope
> & {
  /** Startup hooks added so far, in order. */
  readonly startupHooks: RecordedHook[];
  /** Shutdown hooks added so far, in order. */
  readonly shutdownHooks: RecordedHook[];
  /** Before-shutdown hooks added so far, in order (root lifecycle only). */
  readonly beforeShutdownHooks: RecordedHook[];
  /** Runs the recorded startup hooks in order of registration. */
  runStartupHooks(): Promise<void>;
  /** Runs the recorded before-shutdown, then shutdown hooks (in reverse order of registration). */
  runShutdownHooks(): Promise<void>;
};

/** Options of {@link mockServices}.pluginMetadata. */
export interface MockPluginMetadataOptions {
  /** The id every plugin reports; by default each plugin's own. */
  readonly pluginId?: string;
}

/** Options of {@link mockServices}.instanceMetadata. */
export interface MockInstanceMetadataOptions {
  /** What `getInstalledPlugins()` returns; empty by default. */
  readonly plugins?: readonly InstalledPlugin[];
}

/**
 * A mock whose factory form is the same function: `mockServices.rootConfig.factory({ data })`.
 *
 * @typeParam F - The mock's function.
 */
export type WithFactory<F extends (...args: never[]) => unknown> = F & {
  /** The same function, under the name Backstage's test kit uses. */
  readonly factory: F;
};

function withFactory<F extends (...args: never[]) => unknown>(fn: F): WithFactory<F> {
  return Object.assign(fn, { factory: fn });
}

function recordingPino(level: Level | undefined, entries: LogEntry[]): Logger {
  return pino(
    { level: level ?? 'trace', base: undefined, timestamp: false, formatters: { level: (label) => ({ level: label }) } },
    { write: (line: string) => void entries.push(JSON.parse(line) as LogEntry) },
  );
}

function mockLifecycle<TScope extends 'root' | 'plugin'>(scope: TScope): MockLifecycleFactory<TScope> {
  const startupHooks: RecordedHook[] = [];
  const shutdownHooks: RecordedHook[] = [];
  const beforeShutdownHooks: RecordedHook[] = [];
  const make = (pluginId: string | undefined): RootLifecycleService => ({
    addStartupHook: (hook) => void startupHooks.push({ hook, ...(pluginId === undefined ? {} : { pluginId }) }),
    addShutdownHook: (hook) => void shutdownHooks.push({ hook, ...(pluginId === undefined ? {} : { pluginId }) }),
    addBeforeShutdownHook: (hook) => void beforeShutdownHooks.push({ hook, ...(pluginId === undefined ? {} : { pluginId }) }),
  });
  const factory =
    scope === 'root'
      ? createServiceFactory({ service: coreServices.rootLifecycle, factory: () => make(undefined) })
      : createServiceFactory({
          service: coreServices.lifecycle,
          deps: { metadata: coreServices.pluginMetadata },
          factory: ({ metadata }) => make(metadata.getId()),
        });
  return Object.freeze({
    ...(factory as ServiceFactory),
    startupHooks,
    shutdownHooks,
    beforeShutdownHooks,
    async runStartupHooks() {
      for (const { hook } of startupHooks) await hook();
    },
    async runShutdownHooks() {
      for (const { hook } of beforeShutdownHooks) await hook();
      for (const { hook } of [...shutdownHooks].reverse()) await hook();
    },
  }) as unknown as MockLifecycleFactory<TScope>;
}

/**
 * Service factories that replace core services in tests. Each is also available as
 * `.factory(...)` (`mockServices.rootConfig.factory({ data })`), the same function.
 */
export const mockServices = Object.freeze({
  /** A root logger that records instead of printing: read `factory.entries`. */
  rootLogger: withFactory((options: MockLoggerOptions = {}): RecordingLoggerFactory<'root'> => {
    const entries: LogEntry[] = [];
    const factory = createServiceFactory({ service: coreServices.rootLogger, factory: () => recordingPino(options.level, entries) });
    return Object.freeze({ ...factory, entries });
  }),

  /** A plugin logger that records, with `{ plugin }` on each line (`{ plugin, module }` for modules). */
  logger: withFactory((options: MockLoggerOptions = {}): RecordingLoggerFactory<'plugin'> => {
    const entries: LogEntry[] = [];
    const root = recordingPino(options.level, entries);
    const factory = createServiceFactory({
      service: coreServices.logger,
      deps: { metadata: coreServices.pluginMetadata },
      factory: ({ metadata }) => root.child({ plugin: metadata.getId() }),
    });
    return Object.freeze({ ...factory, entries });
  }),

  /** A config over a plain object: no files, no environment. */
  rootConfig: withFactory((options: MockRootConfigOptions = {}): ServiceFactory<RootConfigService, 'root'> => {
    const view = createConfigView(options.data ?? {});
    return createServiceFactory({ service: coreServices.rootConfig, factory: () => view });
  }),

  /** A plugin lifecycle that records hooks; run them with `runStartupHooks()` / `runShutdownHooks()`. */
  lifecycle: withFactory((): MockLifecycleFactory<'plugin'> => mockLifecycle('plugin')),

  /** The root lifecycle, recording hooks the same way. */
  rootLifecycle: withFactory((): MockLifecycleFactory<'root'> => mockLifecycle('root')),

  /** Plugin metadata; with `pluginId`, every plugin reports that id. */
  pluginMetadata: withFactory((options: MockPluginMetadataOptions = {}): ServiceFactory<PluginMetadataService, 'plugin'> =>
    createServiceFactory({
      service: coreServices.pluginMetadata,
      deps: { context: runtimeRefs.pluginContext },
      factory: ({ context }) => Object.freeze({ getId: () => options.pluginId ?? context.pluginId }),
    }),
  ),

  /** Instance metadata reporting the given plugins. */
  instanceMetadata: withFactory((options: MockInstanceMetadataOptions = {}): ServiceFactory<InstanceMetadataService, 'root'> => {
    const plugins = Object.freeze([...(options.plugins ?? [])]);
    return createServiceFactory({
      service: coreServices.instanceMetadata,
      factory: () => Object.freeze({ getInstalledPlugins: () => plugins }),
    });
  }),
});
