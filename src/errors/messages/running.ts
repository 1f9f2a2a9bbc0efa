import { spec } from '../define.js';
import { describeThrown } from '../describe-value.js';
import { Label, label, type Subject } from '../labels.js';

type Holder = { readonly pluginId: string; readonly moduleId?: string };

export type InitFailure =
  | (Subject & { readonly reason?: undefined; readonly cause: unknown })
  | {
      readonly reason: 'unrebuildable';
      readonly pluginId: string;
      readonly moduleId: string;
      readonly extensionPointId: string;
      /** How the point is provided; `useClass` only once its instance was handed to its provider. */
      readonly form: 'useValue' | 'useFactory' | 'useClass';
      readonly cause: unknown;
    }
  | { readonly reason: 'replay'; readonly pluginId: string; readonly extensionPointId: string; readonly cause: unknown }
  | {
      readonly reason: 'reported';
      readonly pluginId: string;
      readonly moduleId: string;
      readonly extensionPointId: string;
      readonly cause: unknown;
    };

export type ViewMisuse = {
  readonly extensionPointId: string;
  readonly pluginId: string;
  readonly moduleId?: string;
  /** Who holds the view. */
  readonly holder: Holder;
  readonly member: string;
  readonly action: 'read' | 'write' | 'define' | 'delete' | 'prototype';
};

export type AbortReason =
  { readonly reason: 'stopped' } | { readonly reason: 'before-start' } | { readonly reason: 'halted'; readonly pluginId?: string };

export const runningMessages = {
  INIT_FAILED: spec({
    message: (data: InitFailure): string => {
      switch (data.reason) {
        case undefined:
          return `${Label(data)} failed to start: ${describeThrown(data.cause)}`;
        case 'unrebuildable':
          return data.form === 'useClass'
            ? `Module '${data.moduleId}' of plugin '${data.pluginId}' was reported failed (${describeThrown(data.cause)}) ` +
                `after its provider had received extension point '${data.extensionPointId}', which the module had called: ` +
                `plugboard cannot take back what the module added there, so it cannot leave the module out cleanly and the ` +
                `plugin fails instead. Report the failure before the provider reads the point (from the module's own ` +
                `@onInit, or from that point's factory with reportModuleStartupFailure).`
            : `Module '${data.moduleId}' of plugin '${data.pluginId}' failed to start (${describeThrown(data.cause)}) after it ` +
                `had called extension point '${data.extensionPointId}', which is provided with ${data.form}: plugboard cannot ` +
                `take back what the module added there, so it cannot leave the module out cleanly and the plugin fails ` +
                `instead. Provide the extension point with useClass (plugboard then rebuilds it without the module), or report ` +
                `the failure from the factory with reportModuleStartupFailure.`;
        case 'replay':
          return (
            `Plugin '${data.pluginId}' could not rebuild extension point '${data.extensionPointId}' without a module that ` +
            `was left out: replaying the other modules' calls threw ${describeThrown(data.cause)}.`
          );
        case 'reported':
          return `Module '${data.moduleId}' of plugin '${data.pluginId}' failed to start (reported through extension point '${data.extensionPointId}'): ${describeThrown(data.cause)}`;
      }
    },
    example: { pluginId: 'broken', cause: new Error('database unreachable') },
  }),

  INIT_TIMEOUT: spec({
    message: (data: Subject & { readonly ms: number }): string =>
      `${Label(data)} did not finish initialising within ${data.ms} ms (initTimeoutMs). Make the init faster, ` +
      `move slow work to a startup hook or background task, or raise initTimeoutMs.`,
    example: { pluginId: 'hangs', ms: 50 },
  }),

  START_ABORTED: spec({
    message: (data: AbortReason): string => {
      switch (data.reason) {
        case 'stopped':
          return 'stop() was called while the app was starting; everything that had started was shut down.';
        case 'before-start':
          return 'stop() was called before the app started; nothing ran.';
        case 'halted':
          return data.pluginId === undefined
            ? 'start() was halted.'
            : `Plugin '${data.pluginId}' did not finish starting: start was halted.`;
      }
    },
    example: { reason: 'stopped' },
  }),

  EXTENSION_POINT_CLOSED: spec({
    message: (data: {
      readonly extensionPointId: string;
      readonly pluginId: string;
      readonly moduleId?: string;
      readonly holder: Holder;
      readonly member: string;
      readonly provider: Holder;
      readonly leftOut?: boolean;
    }): string =>
      data.leftOut === true
        ? `${Label(data.holder)} called ${data.member} on extension point '${data.extensionPointId}' after the module was ` +
          `left out (onModuleBootFailure: 'continue'); a module that was left out has no access to extension points.`
        : `${Label(data.holder)} called ${data.member} on extension point '${data.extensionPointId}' after it closed. An ` +
          `extension point accepts calls until its provider (${label(data.provider)}) starts its @onInit; call it from the ` +
          `constructor or @onInit of a module, not later (not from a timer, a request handler or a stored reference).`,
    example: {
      extensionPointId: 'p.things',
      pluginId: 'p',
      moduleId: 'keeper',
      holder: { pluginId: 'p', moduleId: 'keeper' },
      member: 'add()',
      provider: { pluginId: 'p' },
    },
  }),

  EXTENSION_POINT_FIELD: spec({
    message: (data: ViewMisuse): string => {
      const who = Label(data.holder);
      const point = `extension point '${data.extensionPointId}'`;
      switch (data.action) {
        case 'read':
          return (
            `${who} read '${data.member}' of ${point}, which is a data field of its implementation. A view of an ` +
            `extension point exposes the implementation's methods and accessors (get/set), never its fields: they would ` +
            `hand out its state. Make '${data.member}' a method or a getter of the implementation.`
          );
        case 'write':
          return `${who} assigned '${data.member}' on ${point}. A view of an extension point cannot be changed; ${data.member === '' ? 'call its methods' : `if '${data.member}' should be settable, give the implementation a setter`}.`;
        case 'define':
        case 'delete':
          return `${who} tried to ${data.action} property '${data.member}' on ${point}. A view of an extension point cannot be changed.`;
        case 'prototype':
          return `${who} tried to change the prototype of ${point}. A view of an extension point cannot be changed.`;
      }
    },
    example: {
      extensionPointId: 'scaffolder.actions',
      pluginId: 'scaffolder',
      moduleId: 'github',
      holder: { pluginId: 'scaffolder', moduleId: 'github' },
      member: 'actions',
      action: 'read',
    },
  }),

  MODULE_FAILURE_TOO_LATE: spec({
    message: (data: {
      readonly pluginId: string;
      readonly moduleId: string;
      readonly extensionPointId: string;
      readonly provider: Holder;
    }): string =>
      `reportModuleStartupFailure() for module '${data.moduleId}' of plugin '${data.pluginId}' (extension point ` +
      `'${data.extensionPointId}') came after its provider's (${label(data.provider)}) @onInit settled; the module's ` +
      `start is decided by then. Report a module's failure during the module's own init or the provider's @onInit.`,
    example: { pluginId: 'catalog', moduleId: 'github', extensionPointId: 'catalog.processing', provider: { pluginId: 'catalog' } },
  }),

  SHUTDOWN_TIMEOUT: spec({
    message: (data: Subject & { readonly ms: number }): string =>
      `${label(data)} did not finish within ${data.ms} ms (shutdownTimeoutMs); moving on.`,
    example: { pluginId: 'p', moduleId: 'stuck', step: 'shutdown hook', ms: 30 },
  }),

  LIFECYCLE_HOOK_TOO_LATE: spec({
    message: (data: Subject & { readonly hook: 'startup' | 'shutdown' | 'before-shutdown' }): string =>
      data.hook === 'startup'
        ? `${label(data)} added a startup hook after startup hooks ran. Add startup hooks during init (a constructor, ` +
          `factory or @onInit); after start, run the code directly.`
        : `${label(data)} added a ${data.hook} hook while the app is stopping. Add ${data.hook} hooks during init or while the app runs.`,
    example: { pluginId: 'p', hook: 'startup' },
  }),

  CONTAINER_ERROR: spec({
    message: (data: { readonly what: string; readonly pluginId?: string; readonly cause: unknown }): string =>
      `The container could not resolve ${data.what}${data.pluginId === undefined ? '' : ` for plugin '${data.pluginId}'`}. ` +
      `This is a bug in plugboard's validation: please report it with this message. (InversifyJS said: ${describeThrown(data.cause)})`,
    example: { what: "service 'x'", pluginId: 'catalog', cause: new Error('No bindings found') },
  }),
};
