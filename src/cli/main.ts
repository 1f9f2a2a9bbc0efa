#!/usr/bin/env node
/**
 * The `plugboard` command: `check` and `graph` a host's wiring without running it.
 *
 * @packageDocumentation
 */
import 'reflect-metadata';
import { Command, InvalidArgumentError, Option } from 'commander';
import { check, graph, type GraphFormat, type Output } from './commands.js';
import { EntryError, loadEntry } from './load-entry.js';

const output: Output = {
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
};

/** Runs a command body; an entry that cannot be used exits 2, an unexpected error 3. */
async function run(body: () => Promise<number>): Promise<void> {
  try {
    process.exitCode = await body();
  } catch (error) {
    if (error instanceof EntryError) {
      output.err(`plugboard: ${error.message}\n`);
      process.exitCode = 2;
      return;
    }
    output.err(`plugboard: unexpected error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 3;
  }
}

const program = new Command()
  .name('plugboard')
  .description(
    'Check and draw the wiring of a plugboard app without running it. <entry> is an ES module (path relative to ' +
      'the current folder) whose default export is a ContainerBuilder.',
  )
  .showHelpAfterError();

program
  .command('check')
  .argument('<entry>', 'ES module whose default export is a ContainerBuilder')
  .description(
    'validate the wiring (no constructor, factory or init runs); print every problem; exit 1 if any, 2 if the entry cannot be loaded',
  )
  .action((entry: string) => run(async () => check(await loadEntry(entry), output)));

program
  .command('graph')
  .argument('<entry>', 'ES module whose default export is a ContainerBuilder')
  .description("print the wiring graph (describe()'s data) as Mermaid, Graphviz DOT or JSON")
  .addOption(new Option('-f, --format <format>', 'output format').choices(['mermaid', 'dot', 'json']).default('mermaid'))
  .option('-p, --plugin <id>', 'only this plugin and the services it uses', (value: string) => {
    if (value.trim() === '') throw new InvalidArgumentError('a plugin id');
    return value;
  })
  .action((entry: string, options: { format: GraphFormat; plugin?: string }) =>
    run(async () => graph(await loadEntry(entry), options.format, options.plugin, output)),
  );

await program.parseAsync(process.argv);
