export type { ConfigService } from './config-service.js';
export { loadConfig, createConfigView, type LoadConfigOptions } from './load.js';
