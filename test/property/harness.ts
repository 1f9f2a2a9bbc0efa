/**
 * Running a materialized app inside a property: a watchdog so a hang fails the case (with its
 * seed) instead of the whole test timing out, and the outcome of start() as a value.
 */
import type { App, ContainerBuilder, ContainerBuilderOptions, StartOptions } from 'plugboard';
import { quietBuilder } from '../support.js';
import { materialize, type AppModel, type Materialized } from './generator.js';

/**
 * How long start() or stop() may take before the case fails as a hang. The largest generated
 * app takes well under 100 ms; shrinking a hang runs the watchdog once per step, so it stays short.
 */
export const WATCHDOG_MS = 2_000;

/** `promise`, or a rejection naming `what` once `ms` have passed. */
export function watchdog<T>(promise: Promise<T>, what: string, ms = WATCHDOG_MS): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} did not settle within ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

/** What start() did: `started`, or the error it rejected with. */
export type StartOutcome = { readonly started: true } | { readonly started: false; readonly error: unknown };

/** Starts `app` under the watchdog; a hang fails the case, a rejection is returned. */
export function start(app: App, options: StartOptions = {}): Promise<StartOutcome> {
  const outcome = app.start(options).then(
    (): StartOutcome => ({ started: true }),
    (error: unknown): StartOutcome => ({ started: false, error }),
  );
  return watchdog(outcome, 'start()');
}

/** Stops `app` under the watchdog. */
export function stop(app: App): Promise<void> {
  return watchdog(app.stop(), 'stop()');
}

/** The error and its causes, outermost first. */
export function causes(error: unknown): unknown[] {
  const chain: unknown[] = [];
  for (let current = error; current !== undefined && chain.length < 10; current = (current as { cause?: unknown }).cause) {
    chain.push(current);
  }
  return chain;
}

/** Materializes `model` and builds a quiet app from it; `more` may add further features first. */
export function build(
  model: AppModel,
  options: ContainerBuilderOptions = {},
  more: (builder: ContainerBuilder) => void = () => undefined,
): Materialized & { readonly app: App } {
  const materialized = materialize(model);
  const builder = quietBuilder(options).add(materialized.features);
  more(builder);
  return { ...materialized, app: builder.build() };
}
