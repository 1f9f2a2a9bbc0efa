import { PlugboardError } from '../errors/index.js';

/**
 * The life of an app: `built → starting → started → stopping → stopped`, or `failed` when
 * start() rejects. Every public method checks the state here and says why a call is refused.
 */
export type AppState = 'built' | 'starting' | 'started' | 'stopping' | 'stopped' | 'failed';

/** Throws `INVALID_STATE` unless the app is in one of `allowed`. */
export function assertState(state: AppState, allowed: readonly AppState[], call: string, hint: string): void {
  if (allowed.includes(state)) return;
  throw new PlugboardError('INVALID_STATE', `${call} is not allowed while the app is '${state}': ${hint}`);
}
