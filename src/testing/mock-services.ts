import { pino, type Level } from 'pino';
import { coreServices, type RootConfigService } from '../services/core-services.js';
import { createConfigView } from '../services/config/index.js';
import type { RootLoggerService } from '../services/logger.js';
import { createServiceFactory, type ServiceFactory } from '../tokens/service-ref.js';

/** One recorded log line. */
export interface LogEntry {
  readonly level: Level;
  readonly msg: string;
  readonly plugin?: string;
  readonly module?: string;
  readonly [field: string]: unknown;
}

/** A root logger factory that records every line in `entries`. */
export type RecordingLoggerFactory = ServiceFactory<RootLoggerService, 'root'> & {
  /** Every line logged by any plugin or module, in order. */
  readonly entries: LogEntry[];
};

/** Options of {@link mockServices}.rootLogger. */
export interface MockRootLoggerOptions {
  /** Lowest level recorded; default `'trace'` (everything). */
  readonly level?: Level;
}

/** Options of {@link mockServices}.rootConfig. */
export interface MockRootConfigOptions {
  /** The config data; reads behave as in a real app. */
  readonly data?: Record<string, unknown>;
}

/** Service factories that replace core services in tests. */
export const mockServices = {
  /** A root logger that records instead of printing: read `factory.entries`. */
  rootLogger(options: MockRootLoggerOptions = {}): RecordingLoggerFactory {
    const entries: LogEntry[] = [];
    const factory = createServiceFactory({
      service: coreServices.rootLogger,
      factory: () =>
        pino<string>(
          {
            level: options.level ?? 'trace',
            base: undefined,
            timestamp: false,
            formatters: { level: (label) => ({ level: label }) },
          },
          { write: (line: string) => void entries.push(JSON.parse(line) as LogEntry) },
        ),
    });
    return Object.freeze({ ...factory, entries });
  },

  /** A config over a plain object: no files, no environment. */
  rootConfig(options: MockRootConfigOptions = {}): ServiceFactory<RootConfigService, 'root'> {
    const view = createConfigView(options.data ?? {});
    return createServiceFactory({ service: coreServices.rootConfig, factory: () => view });
  },
} as const;
