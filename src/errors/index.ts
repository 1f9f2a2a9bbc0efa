/**
 * plugboard's errors: the error class, its codes, and one message builder per code.
 *
 * @packageDocumentation
 */
export { PlugboardError, isPlugboardError } from './plugboard-error.js';
export type { PlugboardErrorCode, PlugboardErrorOptions, WiringProblem } from './plugboard-error.js';
export { plugboardError, wiringProblem, messageOf } from './raise.js';
export type { RaiseExtras } from './raise.js';
export type { MessageData } from './catalogue.js';
export { describeThrown, describeValue, settleStack } from './describe-value.js';
export { label, Label, implementationLabel, type ImplementationSubject, type Subject } from './labels.js';
export type { FeatureRejection } from './messages/features.js';
export type { InvalidConfig, MissingConfig, ConfigTypeProblem } from './messages/config.js';
export type { PluginScopedTarget } from './messages/services.js';
export { LONGEST_TIMER_MS, quote, whatValueIs, whatWasThrown } from './value-text.js';
export type { InputHint } from './messages/features.js';
export type { StartupResult, PluginStartupResult, ModuleStartupResult, StartupStatus } from './startup-result.js';
