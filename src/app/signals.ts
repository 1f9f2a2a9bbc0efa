/** The signals a host stops on. */
const SIGNALS = ['SIGTERM', 'SIGINT'] as const;

/** An app that stops on a signal: `stop()` resolves true when every shutdown step succeeded. */
export interface SignalTarget {
  stop(): Promise<boolean>;
  onError(error: unknown): void;
}

/**
 * One coordinator per process. Every app started with `handleSignals` registers here; on
 * SIGTERM/SIGINT all of them stop concurrently and the process exits once every one has stopped
 * (each stop is bounded by its shutdownTimeoutMs), with 1 if any failed. One app finishing first
 * never cuts another's shutdown short. A second signal while stopping is ignored: the stop goes on in order.
 */
const targets = new Set<SignalTarget>();
let listening = false;
let stopping = false;

function onSignal(): void {
  if (stopping) return;
  stopping = true;
  const stops = [...targets].map((target) =>
    target.stop().catch((error: unknown) => {
      target.onError(error);
      return false;
    }),
  );
  void Promise.all(stops).then((results) => process.exit(results.every(Boolean) ? 0 : 1));
}

/** Registers `target`; returns the function that unregisters it (and removes the listeners when none is left). */
export function handleSignals(target: SignalTarget): () => void {
  targets.add(target);
  if (!listening) {
    listening = true;
    for (const signal of SIGNALS) process.on(signal, onSignal);
  }
  return () => {
    targets.delete(target);
    // While stopping on a signal the listeners stay: a second Ctrl-C must not kill the process mid-stop.
    if (targets.size > 0 || stopping || !listening) return;
    listening = false;
    for (const signal of SIGNALS) process.off(signal, onSignal);
  };
}
