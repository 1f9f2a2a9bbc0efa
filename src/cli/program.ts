import { createRequire } from 'node:module';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { isPlugboardError, LONGEST_TIMER_MS } from '../errors/index.js';
import { check } from './check.js';
import { defaultTimeoutMs, EntryDeadline } from './entry-deadline.js';
import { graph, graphFormats, type GraphFormat } from './graph.js';
import { CliError, ExitCode, type Output } from './io.js';
import { loadEntry, type WiringSource } from './load-entry.js';

/** Where a CLI run happens: its output streams and the folder entries are relative to. */
export interface CliContext extends Output {
  readonly cwd: string;
  /** Told what the entry's code is doing whenever that changes (main.ts names it if the process ends early). */
  readonly onStep?: (activity: string) => void;
}

const entryHelp = 'ES module file (path relative to the current folder) whose default export is a ContainerBuilder, or a promise of one';

const description = `Check and draw the wiring of a plugboard app without running it.

<entry> is an ES module whose default export is a ContainerBuilder (or a promise of one):
  export default new ContainerBuilder().add(CatalogPlugin).add(GithubModule);
Importing it runs its top level; no constructor, service factory or init of the app runs.

Loading and validating the entry must finish within --timeout
(default ${defaultTimeoutMs} ms).

Exit codes: 0 sound wiring, 1 wiring problems (each printed with its code),
2 the command could not run: an unusable entry, bad arguments, a timeout,
or an entry that ends the process or throws from a callback (nothing is
reported as checked then).`;

const examples = `
Examples:
  $ plugboard check dist/wiring.js
  $ plugboard graph dist/wiring.js > wiring.mmd
  $ plugboard graph dist/wiring.js --format dot | dot -Tsvg > wiring.svg
  $ plugboard graph dist/wiring.js --format json --plugin catalog`;

/**
 * Runs the `plugboard` command line (`args` without node and the script) and resolves with the
 * exit code. Expected failures are printed as one message, never as a stack.
 */
export async function runCli(args: readonly string[], context: CliContext): Promise<number> {
  let code: number = ExitCode.ok;
  const program = createProgram(context, (result) => (code = result));
  try {
    await program.parseAsync([...args], { from: 'user' });
    return code;
  } catch (error) {
    return failure(error, context);
  }
}

function createProgram(context: CliContext, done: (code: number) => void): Command {
  const program = new Command('plugboard')
    .description(description)
    .version(packageVersion(), '-V, --version', 'print the plugboard version')
    .helpOption('-h, --help', 'show help (also: plugboard help <command>)')
    .addHelpText('after', examples)
    .showHelpAfterError('(run plugboard --help for usage)')
    .configureOutput({ writeOut: (text) => context.out(text), writeErr: (text) => context.err(text) })
    .exitOverride();

  program
    .command('check')
    .summary('validate the wiring; print every problem; exit 1 if there is any')
    .description(
      'Validate the wiring without running user code (no constructor, service factory or init), print every problem with its code, ' +
        'and exit 1 if there is any; print a one-line summary and exit 0 if there is none.',
    )
    .argument('<entry>', entryHelp)
    .addOption(timeoutOption())
    .action(async (entry: string, options: { timeout: number }) =>
      done(await withEntry(entry, options.timeout, context, (app) => check(app, context))),
    );

  program
    .command('graph')
    .summary("print the wiring graph (describe()'s data) as Mermaid, Graphviz DOT or JSON")
    .description(
      'Print the wiring graph on stdout: plugins as subgraphs (their child containers) with their modules, extension points and services. ' +
        "json prints app.describe()'s data. A broken app is still drawn; its problems go to stderr and the exit code is 1.",
    )
    .argument('<entry>', entryHelp)
    .addOption(new Option('-f, --format <format>', 'output format').choices(graphFormats).default('mermaid'))
    .option('-p, --plugin <id>', 'only this plugin, the services it uses and the plugins it depends on', nonEmpty)
    .addOption(timeoutOption())
    .action(async (entry: string, options: { format: GraphFormat; plugin?: string; timeout: number }) =>
      done(await withEntry(entry, options.timeout, context, (app) => graph(app, options, context))),
    );
  return program;
}

/** Loads the entry and runs a command on it, the entry's code bounded by one deadline. */
async function withEntry(
  entry: string,
  timeoutMs: number,
  context: CliContext,
  command: (app: WiringSource) => Promise<number>,
): Promise<number> {
  const deadline = new EntryDeadline(entry, timeoutMs, context.onStep);
  try {
    return await command(await loadEntry(entry, context.cwd, deadline));
  } finally {
    deadline.clear();
  }
}

function timeoutOption(): Option {
  return new Option('-t, --timeout <ms>', 'how long loading and validating the entry may take before plugboard gives up (exit 2)')
    .argParser(milliseconds)
    .default(defaultTimeoutMs);
}

function milliseconds(value: string): number {
  const ms = /^\d+$/.test(value.trim()) ? Number(value) : NaN;
  // A longer delay would make Node fire the timer at once.
  if (!(ms >= 1 && ms <= LONGEST_TIMER_MS))
    throw new InvalidArgumentError(`expected a whole number of milliseconds from 1 to ${LONGEST_TIMER_MS}.`);
  return ms;
}

function nonEmpty(value: string): string {
  if (value.trim() === '') throw new InvalidArgumentError('expected a plugin id.');
  return value;
}

/** Commander reports help and usage errors by throwing (exitOverride); everything else is ours. */
function failure(error: unknown, context: CliContext): number {
  if (error instanceof CommanderError) {
    // Help and --version exit 0; a usage error was already printed by commander.
    return error.exitCode === 0 ? ExitCode.ok : ExitCode.unusable;
  }
  if (error instanceof CliError) {
    context.err(`plugboard: ${error.message}\n`);
    return ExitCode.unusable;
  }
  if (isPlugboardError(error)) {
    context.err(`plugboard: [${error.code}] ${error.message}\n`);
    return ExitCode.unusable;
  }
  // Not a failure the user can cause: show everything, it belongs in a bug report.
  context.err(
    `plugboard: internal error, please report it with this output:\n${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  return ExitCode.unusable;
}

function packageVersion(): string {
  try {
    // By the package's own name (its exports list package.json): right wherever the build put this code.
    const manifest = createRequire(import.meta.url)('plugboard/package.json') as { version?: unknown };
    return typeof manifest.version === 'string' ? manifest.version : 'unknown';
  } catch {
    return 'unknown';
  }
}
