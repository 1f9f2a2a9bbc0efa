#!/usr/bin/env node
/**
 * The `plugboard` command (the package's `bin`): `check` and `graph` a host's wiring without
 * running it. See `plugboard --help` and docs/cli.md.
 *
 * @packageDocumentation
 */
import { ProcessGuard } from './process-guard.js';
import { runCli } from './program.js';

const writeErr = (text: string): void => void process.stderr.write(text);
// Installed before the entry is imported: whatever it does to the process, the exit code stays honest.
const guard = new ProcessGuard(process, writeErr);
guard.install();
process.stdout.on('error', guard.outputError);

const code = await runCli(process.argv.slice(2), {
  cwd: process.cwd(),
  out: (text) => void process.stdout.write(text),
  err: writeErr,
  onStep: guard.step,
});
guard.finish(code);

// The command is done, but the entry may have left handles open (a timer, a socket, a logger
// transport): exit once what was written has been flushed, rather than hang.
await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
process.exit(code);

function flushed(stream: NodeJS.WriteStream): Promise<void> {
  // The callback runs with an error too (a closed pipe): either way there is nothing left to wait for.
  return new Promise((resolve) => stream.write('', () => resolve()));
}
