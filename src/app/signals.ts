/** The signals a host stops on. */
const SIGNALS = ['SIGTERM', 'SIGINT'] as const;

/**
 * Installs handlers that call `stop()` once on SIGTERM/SIGINT and then exit with its result.
 * Returns the function that removes exactly the listeners it added.
 */
export function installSignalHandlers(stop: () => Promise<boolean>, onError: (error: unknown) => void): () => void {
  let stopping = false;
  const handler = (signal: NodeJS.Signals): void => {
    if (stopping) return; // a second Ctrl-C while stopping: keep stopping in order
    stopping = true;
    stop().then(
      (clean) => process.exit(clean ? 0 : 1),
      (error: unknown) => {
        onError(error);
        process.exit(1);
      },
    );
    void signal;
  };
  for (const signal of SIGNALS) process.on(signal, handler);
  return () => {
    for (const signal of SIGNALS) process.off(signal, handler);
  };
}
