/**
 * The life of an app: `built → starting → started → stopping → stopped`, or `failed` when
 * start() rejects. `stopping` while start() still runs means stop() was called during start.
 */
export type AppState = 'built' | 'starting' | 'started' | 'stopping' | 'stopped' | 'failed';
