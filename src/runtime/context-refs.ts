import type { Logger } from 'pino';
import { markInternal } from '../tokens/internal-refs.js';
import { createServiceRef } from '../tokens/service-ref.js';
import type { HookRegistry } from './hooks.js';

/** What a plugin's container knows about its plugin; the core plugin services are built on it. */
export interface PluginContext {
  readonly pluginId: string;
  readonly hooks: HookRegistry;
}

/** An installed plugin and its modules, as `instanceMetadata` reports them. */
export interface InstalledPlugin {
  /** The plugin's id. */
  readonly pluginId: string;
  /** Its modules, in the order they were added. */
  readonly modules: ReadonlyArray<{
    /** The module's id. */
    readonly moduleId: string;
  }>;
}

/** What the root container knows about the app; the core root services are built on it. */
export interface RootContext {
  readonly hooks: HookRegistry;
  /** The logger plugboard itself logs with, made from the builder's `logger` option. */
  readonly baseLogger: Logger;
  /** True when plugboard created `baseLogger` from options (so config may set its level). */
  readonly ownsBaseLogger: boolean;
  /** The builder's `config` object. */
  readonly configData: Readonly<Record<string, unknown>>;
  /** The builder's `configFiles` option. */
  readonly configFiles: readonly string[] | undefined;
  /** Installed plugins and modules; known once the wiring is final (feature loaders may run first). */
  installedPlugins(): readonly InstalledPlugin[];
}

/**
 * Internal refs the runtime binds itself (they have no implementation to install). Only the
 * default core services depend on them.
 */
export const runtimeRefs = {
  pluginContext: markInternal(createServiceRef<PluginContext, 'plugin'>({ id: 'plugboard.internal.pluginContext', scope: 'plugin' })),
  rootContext: markInternal(createServiceRef<RootContext, 'root'>({ id: 'plugboard.internal.rootContext', scope: 'root' })),
} as const;
