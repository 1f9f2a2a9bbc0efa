import { describeThrown, describeValue } from './describe-value.js';
import type { PlugboardError } from './plugboard-error.js';
import type { StartupResult } from './startup-result.js';

/**
 * What `JSON.stringify(error)` writes for a PlugboardError. Plain data only: a failed start's
 * `result` holds the error itself (a cycle), causes and `data` may hold anything a user threw
 * or passed, so nested errors are summarised and other values described, never serialised as is.
 */
export function errorJson(error: PlugboardError): Record<string, unknown> {
  const json: Record<string, unknown> = { name: error.name, code: error.code, message: error.message };
  for (const field of ['pluginId', 'moduleId', 'refId', 'extensionPointId', 'key', 'file'] as const) {
    if (error[field] !== undefined) json[field] = error[field];
  }
  if (error.problems.length > 0) json.problems = error.problems.map((problem) => ({ ...problem }));
  const data = plainData(error.data);
  if (Object.keys(data).length > 0) json.data = data;
  if (error.cause !== undefined) json.cause = summarise(error.cause);
  if (error.result !== undefined) json.result = resultJson(error.result);
  return json;
}

function resultJson(result: StartupResult): Record<string, unknown> {
  return {
    outcome: result.outcome,
    plugins: result.plugins.map((plugin) => ({
      pluginId: plugin.pluginId,
      status: plugin.status,
      ...(plugin.error === undefined ? {} : { error: summarise(plugin.error) }),
      modules: plugin.modules.map((module) => ({
        moduleId: module.moduleId,
        status: module.status,
        ...(module.error === undefined ? {} : { error: summarise(module.error) }),
      })),
    })),
  };
}

/** One level of a nested error: its code and message when it has them, else its description. */
function summarise(thrown: unknown): Record<string, unknown> {
  try {
    if (thrown instanceof Error) {
      const code = (thrown as { code?: unknown }).code;
      return {
        name: String(thrown.name),
        message: String(thrown.message),
        ...(typeof code === 'string' ? { code } : {}),
      };
    }
  } catch {
    // A hostile Proxy or getter: fall through to the description, which never throws.
  }
  return { description: describeThrown(thrown) };
}

function plainData(data: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const plain: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) plain[key] = plainValue(value);
  return plain;
}

function plainValue(value: unknown): unknown {
  try {
    return plainOrDescribed(value);
  } catch {
    return describeValue(value);
  }
}

function plainOrDescribed(value: unknown): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (Array.isArray(value) && value.every((item) => typeof item === 'string' || typeof item === 'number')) {
    return [...value];
  }
  return describeValue(value);
}
