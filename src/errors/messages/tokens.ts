import { spec } from '../define.js';
import { describeValue } from '../describe-value.js';

/** Why a decorator call was refused. */
export type DecoratorProblem =
  | { readonly reason: 'options'; readonly decorator: string; readonly value: unknown }
  | { readonly reason: 'not-a-class'; readonly decorator: string }
  | {
      readonly reason: 'two-roles';
      readonly className: string;
      readonly role: string;
      readonly otherRole: string;
      readonly decorator: string;
    }
  | { readonly reason: 'providers-not-array'; readonly owner: string }
  | { readonly reason: 'provider-token'; readonly owner: string; readonly index: number }
  | { readonly reason: 'provider-kind'; readonly owner: string; readonly extensionPointId: string }
  | { readonly reason: 'provider-deps'; readonly owner: string; readonly extensionPointId: string; readonly name: string }
  | { readonly reason: 'depends-on'; readonly owner: string; readonly pluginId: string }
  | { readonly reason: 'module-plugin-id'; readonly id: unknown }
  | { readonly reason: 'provides' }
  | { readonly reason: 'scope'; readonly value: unknown }
  | { readonly reason: 'scope-conflict'; readonly refId: string; readonly scope: string; readonly refScope: string }
  | { readonly reason: 'initialization'; readonly decorator: string; readonly value: unknown }
  | { readonly reason: 'lifecycle-static'; readonly decorator: string; readonly member: string; readonly className: string }
  | { readonly reason: 'lifecycle-not-method'; readonly decorator: string; readonly member: string; readonly className: string }
  | {
      readonly reason: 'lifecycle-twice';
      readonly decorator: string;
      readonly className: string;
      readonly first: string;
      readonly second: string;
    }
  | { readonly reason: 'feature-id'; readonly what: string; readonly value: unknown }
  | { readonly reason: 'parameter-only'; readonly decorator: string; readonly where: string; readonly className: string }
  | { readonly reason: 'inject-token'; readonly value: unknown }
  | { readonly reason: 'inject-twice'; readonly index: number; readonly className: string }
  | { readonly reason: 'standard-decorators'; readonly decorator: string; readonly kind: string };

/** Why a token, factory, decorator or loader could not be created. */
export type TokenProblem =
  | { readonly reason: 'config'; readonly what: string; readonly value: unknown }
  | { readonly reason: 'id'; readonly what: string; readonly value: unknown }
  | { readonly reason: 'ref-scope'; readonly refId: string; readonly value: unknown }
  | { readonly reason: 'ref-option'; readonly refId: string; readonly option: 'defaultFactory' | 'multiton'; readonly value: unknown }
  | { readonly reason: 'service'; readonly what: string }
  | { readonly reason: 'function'; readonly what: string; readonly refId: string; readonly fn: string }
  | { readonly reason: 'dep'; readonly what: string; readonly refId: string; readonly name: string }
  | { readonly reason: 'initialization'; readonly refId: string; readonly value: unknown }
  | { readonly reason: 'root-context'; readonly refId: string }
  | { readonly reason: 'loader-function' }
  | { readonly reason: 'loader-name'; readonly value: unknown }
  | { readonly reason: 'loader-dep'; readonly loader: string; readonly name: string };

const ID_RULE = `ids are lower case words separated by '-' or '.', starting with a letter (for example 'catalog' or 'github-actions')`;
const PROVIDER_FORMS = '{ provide, useClass }, { provide, useValue } or { provide, useFactory }';

export const tokenMessages = {
  INVALID_DECORATOR: spec({
    // One case per reason: a table of messages, longer than a function should be, on purpose.
    message: (data: DecoratorProblem): string => {
      switch (data.reason) {
        case 'options':
          return `${data.decorator} needs an options object, got ${describeValue(data.value)}.`;
        case 'not-a-class':
          return `${data.decorator} decorates classes only.`;
        case 'two-roles':
          return (
            `${data.className} is decorated as a ${data.otherRole} and as a ${data.role} (${data.decorator}); ` +
            `a class is one of plugin, module or service. Split it into two classes.`
          );
        case 'providers-not-array':
          return `${data.owner}: extensionPoints must be an array of ${PROVIDER_FORMS}.`;
        case 'provider-token':
          return `${data.owner}: extensionPoints[${data.index}].provide must be a token created with createExtensionPoint().`;
        case 'provider-kind':
          return (
            `${data.owner}: extension point '${data.extensionPointId}' needs exactly one of useClass (a class), ` +
            `useValue (an object) or useFactory (a function).`
          );
        case 'provider-deps':
          return (
            `${data.owner}: extension point '${data.extensionPointId}': useFactory dependency '${data.name}' must be a ` +
            `service ref or a class.`
          );
        case 'depends-on':
          return `${data.owner}: dependsOn must be an array of plugin ids.`;
        case 'module-plugin-id':
          return `@Module({ id: ${describeValue(data.id)} }) needs \`pluginId\`: the id of the plugin it extends.`;
        case 'provides':
          return '@Service({ provides }) needs a ref created with createServiceRef().';
        case 'scope':
          return `@Service(): scope must be 'root' or 'plugin', got ${describeValue(data.value)}.`;
        case 'scope-conflict':
          return (
            `@Service({ provides: '${data.refId}' }) sets scope '${data.scope}', but the ref is ${data.refScope}-scoped; ` +
            `the ref's scope decides, remove \`scope\`.`
          );
        case 'initialization':
          return `${data.decorator}: initialization must be 'always' or 'lazy', got ${describeValue(data.value)}.`;
        case 'lifecycle-static':
          return `${data.decorator} is on static member '${data.member}' of ${data.className}; it marks an instance method.`;
        case 'lifecycle-not-method':
          return `${data.decorator} is on '${data.member}' of ${data.className}, which is not a method. Put it on a method (sync or async).`;
        case 'lifecycle-twice':
          return `${data.className} has two ${data.decorator} methods ('${data.first}' and '${data.second}'); keep one and call the other from it.`;
        case 'feature-id':
          return `${data.what} has an invalid id ${describeValue(data.value)}: ${ID_RULE}.`;
        case 'parameter-only':
          return `${data.decorator} is for constructor parameters only, but was used on ${data.where} of ${data.className}. plugboard injects through constructors.`;
        case 'inject-token':
          return (
            `@inject() needs a service ref, an extension point or a class, got ${describeValue(data.value)}. ` +
            `If it is a class, check for a circular import that leaves it undefined at decoration time.`
          );
        case 'inject-twice':
          return `Parameter ${data.index} of ${data.className} has two @inject() decorators; keep one.`;
        case 'standard-decorators':
          return (
            `${data.decorator} was applied as a TC39 standard decorator (to a ${data.kind}), but plugboard's decorators are ` +
            `TypeScript's legacy decorators: enable "experimentalDecorators": true (and "emitDecoratorMetadata": true) ` +
            `in the tsconfig your build reads (tsc, tsx and esbuild read tsconfig.json; SWC needs ` +
            `jsc.parser.decorators and jsc.transform.legacyDecorator in .swcrc). See docs/toolchains.md.`
          );
      }
    },
    example: { reason: 'feature-id', what: '@Plugin()', value: 'Catalog' },
  }),

  INVALID_TOKEN: spec({
    message: (data: TokenProblem): string => {
      switch (data.reason) {
        case 'config':
          return `${data.what} needs an options object, got ${describeValue(data.value)}.`;
        case 'id':
          return `${data.what} needs a non-empty string id, got ${describeValue(data.value)}; by convention ids are dotted, as in 'scaffolder.actions'.`;
        case 'ref-scope':
          return `createServiceRef({ id: '${data.refId}' }) has scope ${describeValue(data.value)}; use 'root' or 'plugin'.`;
        case 'ref-option':
          return data.option === 'defaultFactory'
            ? `createServiceRef({ id: '${data.refId}' }): defaultFactory must be a function that returns a factory or class.`
            : `createServiceRef({ id: '${data.refId}' }): multiton must be true or false, got ${describeValue(data.value)}.`;
        case 'service':
          return `${data.what} needs \`service\`: the ref created with createServiceRef() that it is for.`;
        case 'function':
          return `${data.what} for '${data.refId}' needs a \`${data.fn}\` function.`;
        case 'dep':
          return `${data.what} for '${data.refId}': dependency '${data.name}' is not a service ref. Depend on refs created with createServiceRef().`;
        case 'initialization':
          return `createServiceFactory() for '${data.refId}': initialization must be 'always' or 'lazy', got ${describeValue(data.value)}.`;
        case 'root-context':
          return (
            `createServiceFactory() for '${data.refId}': createRootContext is for plugin-scoped services (it runs once ` +
            `per app and its result is shared by every plugin's instance); '${data.refId}' is root-scoped.`
          );
        case 'loader-function':
          return 'createFeatureLoader() needs a `loader` function that returns features.';
        case 'loader-name':
          return `createFeatureLoader(): \`name\` names the loader in messages and must be a non-empty string, got ${describeValue(data.value)}; leave it out to use the loader function's name.`;
        case 'loader-dep':
          return `createFeatureLoader() '${data.loader}': dependency '${data.name}' is not a service ref.`;
      }
    },
    example: { reason: 'ref-scope', refId: 'x', value: 'app' },
  }),
};
