import { plugboardError, type InputHint } from '../../errors/index.js';
import type {
  DrawnExtensionPoint,
  DrawnFeatureRef,
  DrawnModule,
  DrawnPlugin,
  DrawnProblem,
  DrawnReplacement,
  DrawnService,
  RenderInput,
} from './model.js';

/** Options of a renderer, checked. */
export interface CheckedRenderOptions {
  readonly plugin?: string;
}

const optionNames: readonly string[] = ['plugin'];

const describeHint: InputHint = 'description';

/**
 * Checks a renderer's arguments and copies what it draws. Every value is read once, through
 * guards, so a wrong type, a throwing getter or a Proxy becomes `INVALID_OPTIONS` naming the path
 * of the value and what it is, and drawing works on plain data. The work is linear in the size of
 * the description and uses no recursion.
 *
 * Fields added to descriptions with multiton refs (`multiton`, `implementations`,
 * `initialization`, `replaced`) are optional here, so descriptions from before them still draw.
 *
 * @param caller - the public function, named in messages.
 * @throws PlugboardError `INVALID_OPTIONS` naming what is wrong.
 */
export function readRenderInput(
  caller: string,
  description: unknown,
  options: unknown,
): { readonly input: RenderInput; readonly options: CheckedRenderOptions } {
  const reader = new Reader(caller);
  const checkedOptions = reader.options(options);
  return { input: reader.description(description), options: checkedOptions };
}

class Reader {
  constructor(private readonly caller: string) {}

  options(value: unknown): CheckedRenderOptions {
    if (value === undefined) return {};
    const hint: InputHint = 'options';
    const options = this.object(value, 'options', hint);
    for (const key of this.guard('options', () => Reflect.ownKeys(options), hint)) {
      if (typeof key !== 'string' || !optionNames.includes(key)) {
        throw plugboardError('INVALID_OPTIONS', { reason: 'unknown-option', caller: this.caller, key, options: optionNames });
      }
    }
    const plugin = this.get(options, 'plugin', 'options.plugin', hint);
    if (plugin === undefined) return {};
    if (typeof plugin !== 'string') this.wrongType('options.plugin', 'a plugin id (a string)', plugin, hint);
    return { plugin };
  }

  description(value: unknown): RenderInput {
    const description = this.object(value, 'description', describeHint);
    return {
      plugins: this.list(description, 'plugins', 'description', (item, path) => this.plugin(item, path)),
      extensionPoints: this.list(description, 'extensionPoints', 'description', (item, path) => this.extensionPoint(item, path)),
      services: this.list(description, 'services', 'description', (item, path) => this.service(item, path)),
      problems: this.list(description, 'problems', 'description', (item, path) => this.problem(item, path)),
    };
  }

  private plugin(value: unknown, path: string): DrawnPlugin {
    const plugin = this.object(value, path, describeHint);
    return {
      id: this.string(plugin, 'id', path),
      status: this.string(plugin, 'status', path),
      dependsOn: this.strings(plugin, 'dependsOn', path),
      services: this.strings(plugin, 'services', path),
      modules: this.list(plugin, 'modules', path, (item, itemPath) => this.module(item, itemPath)),
    };
  }

  private module(value: unknown, path: string): DrawnModule {
    const module = this.object(value, path, describeHint);
    return {
      id: this.string(module, 'id', path),
      status: this.string(module, 'status', path),
      services: this.strings(module, 'services', path),
    };
  }

  private extensionPoint(value: unknown, path: string): DrawnExtensionPoint {
    const point = this.object(value, path, describeHint);
    return {
      id: this.string(point, 'id', path),
      pluginId: this.string(point, 'pluginId', path),
      provider: this.featureRef(this.get(point, 'provider', `${path}.provider`, describeHint), `${path}.provider`),
      users: this.list(point, 'users', path, (item, itemPath) => this.featureRef(item, itemPath)),
    };
  }

  private featureRef(value: unknown, path: string): DrawnFeatureRef {
    const ref = this.object(value, path, describeHint);
    const moduleId = this.optionalString(ref, 'moduleId', path);
    return moduleId === undefined ? {} : { moduleId };
  }

  private service(value: unknown, path: string): DrawnService {
    const service = this.object(value, path, describeHint);
    const scope = this.get(service, 'scope', `${path}.scope`, describeHint);
    if (scope !== 'root' && scope !== 'plugin') this.wrongType(`${path}.scope`, "'root' or 'plugin'", scope, describeHint);
    const implementation = this.string(service, 'implementation', path);

    const multiton = this.get(service, 'multiton', `${path}.multiton`, describeHint);
    if (multiton !== undefined && typeof multiton !== 'boolean') this.wrongType(`${path}.multiton`, 'a boolean', multiton, describeHint);
    const implementations = this.optionalList(service, 'implementations', path, (item, itemPath) => this.stringItem(item, itemPath)) ?? [
      implementation,
    ];
    const initialization = this.get(service, 'initialization', `${path}.initialization`, describeHint);
    if (initialization !== undefined && initialization !== 'always' && initialization !== 'lazy') {
      this.wrongType(`${path}.initialization`, "'always' or 'lazy'", initialization, describeHint);
    }
    const replaced = this.optionalList(service, 'replaced', path, (item, itemPath) => this.replacement(item, itemPath)) ?? [];
    return {
      id: this.string(service, 'id', path),
      scope,
      implementation,
      multiton: multiton ?? false,
      implementations,
      initialization: initialization ?? (scope === 'root' ? 'always' : 'lazy'),
      replaced,
      dependencies: this.strings(service, 'dependencies', path),
    };
  }

  private replacement(value: unknown, path: string): DrawnReplacement {
    const replacement = this.object(value, path, describeHint);
    return { implementation: this.string(replacement, 'implementation', path), loader: this.string(replacement, 'loader', path) };
  }

  private problem(value: unknown, path: string): DrawnProblem {
    const problem = this.object(value, path, describeHint);
    const result: { -readonly [K in keyof DrawnProblem]: DrawnProblem[K] } = { code: this.string(problem, 'code', path) };
    for (const key of ['pluginId', 'moduleId', 'refId', 'extensionPointId'] as const) {
      const id = this.optionalString(problem, key, path);
      if (id !== undefined) result[key] = id;
    }
    const related = this.optionalList(problem, 'related', path, (item, itemPath) => this.stringItem(item, itemPath));
    if (related !== undefined) result.related = related;
    return result;
  }

  // --- guarded reads ---

  private string(owner: object, key: string, path: string): string {
    const value = this.get(owner, key, `${path}.${key}`, describeHint);
    if (typeof value !== 'string') this.wrongType(`${path}.${key}`, 'a string', value, describeHint);
    return value;
  }

  private optionalString(owner: object, key: string, path: string): string | undefined {
    const value = this.get(owner, key, `${path}.${key}`, describeHint);
    if (value !== undefined && typeof value !== 'string') this.wrongType(`${path}.${key}`, 'a string when present', value, describeHint);
    return value;
  }

  private strings(owner: object, key: string, path: string): string[] {
    return this.list(owner, key, path, (item, itemPath) => this.stringItem(item, itemPath));
  }

  private stringItem(item: unknown, path: string): string {
    if (typeof item !== 'string') this.wrongType(path, 'a string', item, describeHint);
    return item;
  }

  private list<T>(owner: object, key: string, path: string, each: (item: unknown, path: string) => T): T[] {
    return this.listValue(this.get(owner, key, `${path}.${key}`, describeHint), `${path}.${key}`, each);
  }

  /** A list field that descriptions from before multiton refs lack: undefined when absent. */
  private optionalList<T>(owner: object, key: string, path: string, each: (item: unknown, path: string) => T): T[] | undefined {
    const value = this.get(owner, key, `${path}.${key}`, describeHint);
    return value === undefined ? undefined : this.listValue(value, `${path}.${key}`, each);
  }

  private listValue<T>(value: unknown, listPath: string, each: (item: unknown, path: string) => T): T[] {
    if (!this.guard(listPath, () => Array.isArray(value), describeHint)) this.wrongType(listPath, 'an array', value, describeHint);
    const array = value as readonly unknown[];
    const length = this.guard(listPath, () => array.length, describeHint);
    const result: T[] = [];
    for (let index = 0; index < length; index++) {
      const itemPath = `${listPath}[${index}]`;
      result.push(
        each(
          this.guard(itemPath, () => array[index], describeHint),
          itemPath,
        ),
      );
    }
    return result;
  }

  private object(value: unknown, path: string, hint: InputHint): object {
    if (typeof value !== 'object' || value === null) this.wrongType(path, 'an object', value, hint);
    return value;
  }

  private get(owner: object, key: string, path: string, hint: InputHint): unknown {
    return this.guard(path, () => (owner as Record<string, unknown>)[key], hint);
  }

  /** Runs one read; a throw (a getter, a Proxy trap, a revoked Proxy) becomes INVALID_OPTIONS. */
  private guard<T>(path: string, read: () => T, hint: InputHint): T {
    try {
      return read();
    } catch (error) {
      throw plugboardError('INVALID_OPTIONS', { reason: 'input-unreadable', caller: this.caller, path, cause: error, hint });
    }
  }

  private wrongType(path: string, expected: string, value: unknown, hint: InputHint): never {
    throw plugboardError('INVALID_OPTIONS', { reason: 'input-type', caller: this.caller, path, expected, value, hint });
  }
}
