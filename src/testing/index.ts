/**
 * Test helpers: `import { startTestApp, mockServices, createServiceTester } from 'plugboard/testing'`.
 *
 * @packageDocumentation
 */
import 'reflect-metadata';

export { startTestApp, type StartTestAppOptions, type ExtensionPointOverride } from './start-test-app.js';
export { createServiceTester, type ServiceTester, type ServiceTesterOptions } from './service-tester.js';
export { serviceValue, type ServiceOverride } from './overrides.js';
export {
  mockServices,
  type LogEntry,
  type RecordingLoggerFactory,
  type MockLoggerOptions,
  type MockRootConfigOptions,
  type MockLifecycleFactory,
  type RecordedHook,
  type MockPluginMetadataOptions,
  type MockInstanceMetadataOptions,
  type WithFactory,
} from './mock-services.js';
