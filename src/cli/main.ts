#!/usr/bin/env node
/**
 * The `plugboard` command (the package's `bin`): `check` and `graph` a host's wiring without
 * running it. See `plugboard --help` and docs/cli.md.
 *
 * @packageDocumentation
 */
import { runCli } from './program.js';

const code = await runCli(process.argv.slice(2), {
  cwd: process.cwd(),
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
});

// The command is done, but the entry may have left handles open (a timer, a socket, a logger
// transport): exit once what was written has been flushed, rather than hang.
await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
process.exit(code);

function flushed(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => stream.write('', () => resolve()));
}
