import { spec } from '../define.js';
import { describeThrown, describeValue } from '../describe-value.js';
import { Label, type Subject } from '../labels.js';
import { LONGEST_TIMER_TEXT, quote, whatValueIs, whatWasThrown } from '../value-text.js';

/** Why a value is not a feature (computed by the model, rendered here). */
export type FeatureRejection =
  | { readonly kind: 'nullish'; readonly value: null | undefined }
  | { readonly kind: 'value'; readonly type: string }
  | { readonly kind: 'service-without-provides'; readonly className: string }
  | { readonly kind: 'undecorated'; readonly className: string }
  | { readonly kind: 'too-deep' }
  | { readonly kind: 'no-default' };

/** `a nested array is not a feature`, `Plain has no @Plugin… decorator`. */
export function rejectionText(rejection: FeatureRejection): string {
  switch (rejection.kind) {
    case 'nullish':
      return `${String(rejection.value)} is not a feature`;
    case 'value':
      return `${/^[aeiou]/.test(rejection.type) ? 'an' : 'a'} ${rejection.type} is not a feature`;
    case 'service-without-provides':
      return `${rejection.className} is a @Service() without \`provides\`; it is created where it is injected, so there is nothing to add`;
    case 'undecorated':
      return `${rejection.className} has no @Plugin, @Module or @Service({ provides }) decorator`;
    case 'too-deep':
      return 'its default export is itself a module with a default export of a default export (one extra `default` level is unwrapped, not two)';
    case 'no-default':
      return 'it has no default export';
  }
}

const ADD_TAKES =
  'add() takes @Plugin and @Module classes, @Service({ provides }) classes, service factories (createServiceFactory), ' +
  'service decorators (createServiceDecorator), feature loaders (createFeatureLoader), arrays of those, and promises of ES ' +
  'modules whose default export is one.';

export type OptionsProblem =
  | { readonly reason: 'options'; readonly what: string; readonly value: unknown }
  | { readonly reason: 'policy'; readonly name: string; readonly value: unknown; readonly function?: boolean }
  | { readonly reason: 'milliseconds'; readonly name: string; readonly value: unknown }
  | { readonly reason: 'logger'; readonly level: unknown; readonly fromEnv: boolean; readonly cause: unknown }
  | { readonly reason: 'type'; readonly what: string; readonly name: string; readonly expected: string; readonly value: unknown }
  | { readonly reason: 'unknown-plugin'; readonly pluginId: string; readonly known: readonly string[]; readonly more: number }
  | {
      readonly reason: 'input-type';
      readonly caller: string;
      readonly path: string;
      readonly expected: string;
      readonly value: unknown;
      readonly hint: InputHint;
    }
  | {
      readonly reason: 'input-unreadable';
      readonly caller: string;
      readonly path: string;
      readonly cause: unknown;
      readonly hint: InputHint;
    }
  | { readonly reason: 'unknown-option'; readonly caller: string; readonly key: unknown; readonly options: readonly string[] };

/** What a renderer's caller should pass instead: the description, or the options. */
export type InputHint = 'description' | 'options';

const INPUT_HINTS: Readonly<Record<InputHint, string>> = {
  description: 'Pass what app.describe() returns (await app.validate() first when add() was given promises).',
  options: "Leave options out, or pass an object such as { plugin: 'catalog' }.",
};

export type FeatureProblem =
  | { readonly reason: 'add'; readonly call: number; readonly rejection: FeatureRejection }
  | { readonly reason: 'value'; readonly rejection: FeatureRejection }
  | { readonly reason: 'module'; readonly call: number; readonly rejection: FeatureRejection }
  | { readonly reason: 'loader-result'; readonly loader: string; readonly rejection: FeatureRejection }
  | { readonly reason: 'nested-loader'; readonly loader: string }
  | { readonly reason: 'override-pair' }
  | { readonly reason: 'override' }
  | { readonly reason: 'test-plugin-id'; readonly pluginIds: readonly string[] };

export type LoadProblem =
  | { readonly reason: 'import'; readonly call: number; readonly cause: unknown }
  | { readonly reason: 'import-timeout'; readonly call: number; readonly ms: number }
  | { readonly reason: 'loader'; readonly loader: string; readonly cause: unknown }
  | { readonly reason: 'loader-timeout'; readonly loader: string; readonly ms: number }
  | { readonly reason: 'host-package'; readonly file: string }
  | { readonly reason: 'package-role'; readonly name: string; readonly role: unknown }
  | { readonly reason: 'package-import'; readonly name: string; readonly role: string; readonly entry: string; readonly cause: unknown }
  | { readonly reason: 'package-default'; readonly name: string; readonly role: string; readonly entry: string }
  | { readonly reason: 'package-json'; readonly file: string; readonly cause: unknown };

export type StateProblem =
  | { readonly reason: 'start-twice'; readonly state: string }
  | { readonly reason: 'get-not-started'; readonly state: string; readonly refId: unknown }
  | { readonly reason: 'add-after-build' }
  | { readonly reason: 'describe-before-load' }
  | ({ readonly reason: 'hook-function'; readonly method: string } & Subject)
  | { readonly reason: 'provider-report'; readonly pluginId: string; readonly extensionPointId: string }
  | { readonly reason: 'lazy-async'; readonly refId: string };

export const featureMessages = {
  INVALID_OPTIONS: spec({
    message: (data: OptionsProblem): string => {
      switch (data.reason) {
        case 'options':
          return `${data.what} takes an options object, got ${describeValue(data.value)}.`;
        case 'policy':
          return data.function
            ? `${data.name} must be 'abort', 'continue' or a function (pluginId, moduleId) => 'abort' | 'continue'; it returned ${describeValue(data.value)}.`
            : `${data.name} must be 'abort' or 'continue'${data.name === 'onModuleBootFailure' ? ' (or a function returning one)' : ''}, got ${describeValue(data.value)}.`;
        case 'milliseconds':
          return `${data.name} must be a positive number of milliseconds up to ${LONGEST_TIMER_TEXT}, or Infinity for none, got ${describeValue(data.value)}.`;
        case 'logger':
          return `The root logger could not be created from ${data.fromEnv ? `LOG_LEVEL=${describeValue(data.level)}` : "the builder's logger options"}: pino threw ${describeThrown(data.cause)}. Use one of pino's levels (fatal, error, warn, info, debug, trace, silent) and options.`;
        case 'type':
          return `${data.what}: option \`${data.name}\` must be ${data.expected}, got ${describeValue(data.value)}.`;
        case 'unknown-plugin': {
          const known = [...data.known.map((id) => `'${id}'`), ...(data.more > 0 ? [`and ${data.more} more`] : [])];
          return `No plugin ${quote(data.pluginId)} to render; the app's plugins: ${known.join(', ') || 'none'}.`;
        }
        case 'input-type':
          return `${data.caller}(): ${data.path} must be ${data.expected}, but it is ${whatValueIs(data.value)}. ${INPUT_HINTS[data.hint]}`;
        case 'input-unreadable':
          return `${data.caller}(): ${data.path} could not be read: reading it threw ${whatWasThrown(data.cause)}. ${INPUT_HINTS[data.hint]}`;
        case 'unknown-option': {
          const name = typeof data.key === 'string' ? quote(data.key) : whatValueIs(data.key);
          return `${data.caller}(): options has an unknown key ${name}. ${data.caller}'s options are: ${data.options.join(', ')}.`;
        }
      }
    },
    example: { reason: 'milliseconds', name: 'initTimeoutMs', value: -1 },
  }),

  INVALID_FEATURE: spec({
    message: (data: FeatureProblem): string => {
      switch (data.reason) {
        case 'add':
          return `add() call #${data.call}: ${rejectionText(data.rejection)}. ${ADD_TAKES}`;
        case 'value':
          return `${rejectionText(data.rejection)}; remove it from add().`;
        case 'module':
          return (
            `The ES module passed to add() (call #${data.call}) must have a default export that is a feature or an ` +
            `array of features, but ${rejectionText(data.rejection)}.`
          );
        case 'loader-result':
          return `Feature loader '${data.loader}' returned something that is not a feature: ${rejectionText(data.rejection)}.`;
        case 'nested-loader':
          return `Feature loader '${data.loader}' was returned by another feature loader; loaders run once, before the wiring is known. Add it with add() instead.`;
        case 'override-pair':
          return 'A service override pair is [ref, value], with a ref made by createServiceRef().';
        case 'override':
          return 'A service override is a factory, a decorator, a @Service({ provides }) class, or a [ref, value] pair.';
        case 'test-plugin-id':
          return (
            `startTestApp({ extensionPoints }) provides them through a placeholder plugin, and needs its id: the features ` +
            `contain modules of ${data.pluginIds.length === 0 ? 'no plugin' : `${data.pluginIds.length} plugins (${data.pluginIds.join(', ')})`}. Pass { pluginId }.`
          );
      }
    },
    example: { reason: 'add', call: 3, rejection: { kind: 'undecorated', className: 'Plain' } },
  }),

  FEATURE_LOAD_FAILED: spec({
    message: (data: LoadProblem): string => {
      switch (data.reason) {
        case 'import':
          return `The feature module passed to add() (call #${data.call}) failed to load: ${describeThrown(data.cause)}. Fix the import or remove it.`;
        case 'import-timeout':
          return `The feature module passed to add() (call #${data.call}) did not load within ${data.ms} ms (initTimeoutMs). Check what its import waits for.`;
        case 'loader':
          return `Feature loader '${data.loader}' failed: ${describeThrown(data.cause)}`;
        case 'loader-timeout':
          return `Feature loader '${data.loader}' did not finish within ${data.ms} ms (initTimeoutMs).`;
        case 'host-package':
          return `discoverFeatures(): cannot read the host package.json at ${data.file}.`;
        case 'package-role':
          return `Package '${data.name}' has "plugboard": { "role": ${describeValue(data.role)} }; the role is "plugin" or "module".`;
        case 'package-import':
          return `Package '${data.name}' (${data.role}) could not be imported from ${data.entry}: ${describeThrown(data.cause)}`;
        case 'package-default':
          return `Package '${data.name}' is marked as a plugboard ${data.role} but its entry ${data.entry} has no default export.`;
        case 'package-json':
          return `${data.file} is not valid JSON: ${describeThrown(data.cause)}`;
      }
    },
    example: { reason: 'loader', loader: 'optional-plugins', cause: new Error('registry down') },
  }),

  INVALID_STATE: spec({
    message: (data: StateProblem): string => {
      switch (data.reason) {
        case 'start-twice':
          return `start() is not allowed while the app is '${data.state}': an app starts once; build a new one with builder.build().`;
        case 'get-not-started':
          return `app.get(${typeof data.refId === 'string' ? `'${data.refId}'` : describeValue(data.refId)}) is not allowed while the app is '${data.state}': root services exist between start() and stop(); await app.start() first.`;
        case 'add-after-build':
          return 'add() was called after build(): the app is already built from what was added. Add every feature before build().';
        case 'describe-before-load':
          return 'describe() needs the features loaded, and add() was given promises (or a defaultFactory is async): await app.validate() or app.start() first.';
        case 'hook-function':
          return `${Label(data)}: ${data.method}() needs a function.`;
        case 'provider-report':
          return (
            `Plugin '${data.pluginId}' called reportModuleStartupFailure() from the context of its own use of extension ` +
            `point '${data.extensionPointId}'; only a module's context reports a module failure. A provider fails by throwing.`
          );
        case 'lazy-async':
          return (
            `app.get('${data.refId}'): the service is lazy (initialization: 'lazy'), nothing has needed it yet, and it is ` +
            `created asynchronously, so it cannot be returned synchronously. Its creation has started; inject it where ` +
            `it is needed, or make it initialization: 'always'.`
          );
      }
    },
    example: { reason: 'start-twice', state: 'started' },
  }),
};
