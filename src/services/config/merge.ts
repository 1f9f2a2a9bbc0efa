import { isPlugboardError, plugboardError, type InvalidConfig, type PlugboardError } from '../../errors/index.js';
import { substituteEnv, type ConfigEnv } from './env.js';
import { CONFIG_LIMITS } from './limits.js';
import { isPlainObject, newConfigObject, type ConfigObject, type Origin } from './tree.js';

/** What one source is merged into. */
export interface MergeTarget {
  readonly root: ConfigObject;
  readonly origins: WeakMap<object, Map<string, Origin>>;
}

/** One source: its data, its name (a file path or `'config option'`), and the environment. */
export interface MergeSource {
  readonly data: unknown;
  readonly origin: string;
  /** Environment for `${VAR}` substitution; none when undefined. */
  readonly env?: ConfigEnv | undefined;
}

/** An object of the source merged into an object of the target, or a list copied into a new one. */
type Task =
  | {
      readonly kind: 'object';
      readonly from: object;
      readonly into: ConfigObject;
      readonly path: string;
      readonly depth: number;
      readonly parent: Task | undefined;
    }
  | {
      readonly kind: 'list';
      readonly from: readonly unknown[];
      readonly into: unknown[];
      readonly path: string;
      readonly depth: number;
      readonly parent: Task | undefined;
    };

/**
 * Copies one source over the target: objects merge key by key, anything else (lists too)
 * replaces. String values get `${VAR}` substitution. Every object and list is copied (the target
 * shares nothing with the source), iteratively, within the limits of {@link CONFIG_LIMITS}.
 *
 * @throws PlugboardError `CONFIG_INVALID` naming the source and key: data nested deeper than
 * `maxDepth`, more than `maxEntries` keys and list items, a cycle, a `__proto__` key, or a value
 * that is not config data (a function, a class instance, a BigInt...), or reading it threw.
 * `CONFIG_MISSING` for an unset `${VAR}`.
 */
export function mergeSource(target: MergeTarget, source: MergeSource): void {
  const { origin } = source;
  let path = '';
  try {
    if (!isPlainObject(source.data)) {
      throw invalid(origin, undefined, { reason: 'not-mapping', holds: describeKind(source.data) });
    }
    const budget = { entries: 0 };
    const pending: Task[] = [{ kind: 'object', from: source.data, into: target.root, path: '', depth: 1, parent: undefined }];
    while (pending.length > 0) {
      const task = pending.pop()!;
      path = task.path;
      if (task.kind === 'object') mergeObject(task, target, source, budget, pending, (key) => (path = key));
      else copyList(task, source, budget, pending, (key) => (path = key));
    }
  } catch (error) {
    if (isPlugboardError(error)) throw error;
    throw invalid(origin, path, { reason: 'unresolvable', cause: error });
  }
}

type Budget = { entries: number };

function mergeObject(
  task: Extract<Task, { kind: 'object' }>,
  target: MergeTarget,
  source: MergeSource,
  budget: Budget,
  pending: Task[],
  at: (path: string) => void,
): void {
  const { from, into } = task;
  const record = originsOf(target, into);
  for (const key of Object.keys(from)) {
    const path = task.path === '' ? key : `${task.path}.${key}`;
    at(path);
    if (key === '__proto__') {
      throw invalid(source.origin, path, { reason: 'proto-key' });
    }
    count(budget, 1, source.origin, path);
    const value = (from as Record<string, unknown>)[key];
    if (value === undefined) continue;
    let variables: readonly string[] = [];
    if (isPlainObject(value)) {
      checkNesting(task, value, path, source.origin);
      const existing = Object.hasOwn(into, key) ? into[key] : undefined;
      // Every object of the target was made here (nothing is shared with a source): merge into it.
      const base = isPlainObject(existing) ? existing : newConfigObject();
      into[key] = base;
      pending.push({ kind: 'object', from: value, into: base, path, depth: task.depth + 1, parent: task });
    } else if (Array.isArray(value)) {
      checkNesting(task, value, path, source.origin);
      into[key] = startList(value, task, path, source.origin, budget, pending);
    } else if (typeof value === 'string' && source.env !== undefined) {
      const substituted = substituteEnv(value, source.env, { key: path, origin: source.origin });
      into[key] = substituted.value;
      variables = substituted.variables;
    } else {
      into[key] = scalar(value, path, source.origin);
    }
    record.set(key, { source: source.origin, variables });
  }
}

function copyList(
  task: Extract<Task, { kind: 'list' }>,
  source: MergeSource,
  budget: Budget,
  pending: Task[],
  at: (path: string) => void,
): void {
  const { from, into } = task;
  for (let index = 0; index < into.length; index += 1) {
    const path = `${task.path}[${index}]`;
    at(path);
    const value = from[index];
    if (isPlainObject(value)) {
      checkNesting(task, value, path, source.origin);
      const copy = newConfigObject();
      into[index] = copy;
      pending.push({ kind: 'object', from: value, into: copy, path, depth: task.depth + 1, parent: task });
    } else if (Array.isArray(value)) {
      checkNesting(task, value, path, source.origin);
      into[index] = startList(value, task, path, source.origin, budget, pending);
    } else if (typeof value === 'string' && source.env !== undefined) {
      into[index] = substituteEnv(value, source.env, { key: path, origin: source.origin }).value;
    } else {
      into[index] = value === undefined ? undefined : scalar(value, path, source.origin);
    }
  }
}

/** A new list for `from`, filled by a task: its items are counted first (before any allocation). */
function startList(from: readonly unknown[], parent: Task, path: string, origin: string, budget: Budget, pending: Task[]): unknown[] {
  const length = from.length;
  count(budget, length, origin, path);
  const into = new Array<unknown>(length);
  pending.push({ kind: 'list', from, into, path, depth: parent.depth + 1, parent });
  return into;
}

function scalar(value: unknown, path: string, origin: string): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  throw invalid(origin, path, { reason: 'not-data', kind: describeKind(value) });
}

function checkNesting(parent: Task, value: object, path: string, origin: string): void {
  if (parent.depth + 1 > CONFIG_LIMITS.maxDepth) {
    throw invalid(origin, path, { reason: 'too-deep', max: CONFIG_LIMITS.maxDepth });
  }
  // The ancestors are at most maxDepth: a walk up them is bounded.
  for (let task: Task | undefined = parent; task !== undefined; task = task.parent) {
    if (task.from === value) {
      throw invalid(origin, path, { reason: 'cycle', to: task.path });
    }
  }
}

function count(budget: Budget, entries: number, origin: string, path: string): void {
  budget.entries += entries;
  if (budget.entries > CONFIG_LIMITS.maxEntries) {
    throw invalid(origin, path, { reason: 'too-many-entries', max: CONFIG_LIMITS.maxEntries });
  }
}

function originsOf(target: MergeTarget, object: ConfigObject): Map<string, Origin> {
  let record = target.origins.get(object);
  if (record === undefined) {
    record = new Map();
    target.origins.set(object, record);
  }
  return record;
}

function describeKind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') {
    const name = (Object.getPrototypeOf(value) as { constructor?: { name?: unknown } } | null)?.constructor?.name;
    return typeof name === 'string' && name !== '' && name !== 'Object'
      ? `an instance of ${name}`
      : 'an object with a prototype of its own';
  }
  return typeof value === 'undefined' ? 'nothing' : `a ${typeof value}`;
}

/** `CONFIG_INVALID` at `path` of a source: the builder's config object, or a file. */
function invalid(origin: string, path: string | undefined, problem: Problem): PlugboardError {
  const data = {
    ...problem,
    ...(path === undefined || path === '' ? {} : { key: path }),
    ...(origin === 'config option' ? {} : { file: origin }),
  } as InvalidConfig;
  return plugboardError('CONFIG_INVALID', data, problem.cause === undefined ? {} : { cause: problem.cause });
}

/** What is wrong, without where (added by `invalid`). */
type Problem = DistributiveOmit<InvalidConfig, 'file' | 'key' | 'line'>;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
