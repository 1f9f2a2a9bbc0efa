import { plugboardError } from '../errors/index.js';

/**
 * plugboard's decorators are TypeScript's legacy (`experimentalDecorators`) decorators. Compiled
 * as TC39 standard decorators they are called with a context object (`{ kind, name,
 * addInitializer }`) where a legacy one gets a property key or nothing; this tells the two apart
 * so the user learns which switch to flip instead of reading a misleading message.
 */
export function assertLegacyCall(decorator: string, second: unknown): void {
  if (typeof second !== 'object' || second === null) return;
  let kind: unknown;
  try {
    kind = (second as { kind?: unknown }).kind;
  } catch {
    kind = undefined;
  }
  throw plugboardError('INVALID_DECORATOR', {
    reason: 'standard-decorators',
    decorator,
    kind: typeof kind === 'string' ? kind : 'member',
  });
}
