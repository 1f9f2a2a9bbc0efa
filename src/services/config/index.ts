export type { ConfigService } from './config-service.js';
export { loadConfig, createConfigView, type LoadConfigOptions } from './load.js';
export { redactConfig, isSecretKey, REDACTED } from './redact.js';
export { ConfigReader } from './config-reader.js';
export { CONFIG_LIMITS } from './limits.js';
