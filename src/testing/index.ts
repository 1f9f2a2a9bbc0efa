/**
 * Test helpers: `import { startTestApp, mockServices } from 'plugboard/testing'`.
 *
 * @packageDocumentation
 */
import 'reflect-metadata';

export { startTestApp, type StartTestAppOptions } from './start-test-app.js';
export {
  mockServices,
  type LogEntry,
  type RecordingLoggerFactory,
  type MockRootLoggerOptions,
  type MockRootConfigOptions,
} from './mock-services.js';
