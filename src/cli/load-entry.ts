import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describeThrown, type WiringProblem } from '../errors/index.js';
import type { AppDescription } from '../model/describe.js';
import type { EntryDeadline } from './entry-deadline.js';
import { CliError } from './io.js';

/** The part of a built `App` the commands use: both run no constructor, factory or init. */
export interface WiringSource {
  validate(): Promise<readonly WiringProblem[]>;
  describe(): AppDescription;
}

/**
 * Imports `entry` (a path relative to `cwd`) and builds the app from its default export: a
 * `ContainerBuilder`, or a promise of one. Importing runs the module's top level (its imports),
 * but nothing of the app: `build()` only collects what was added.
 *
 * The builder is recognised by shape, not `instanceof`: the entry's `plugboard` may be another
 * copy of the package than the one running this command.
 *
 * Every step in which the entry's code runs (the import, its default export, `build()`, and the
 * returned source's `validate()`) runs under `deadline`.
 *
 * @throws CliError when the file is missing, fails to load, does not default-export a builder, or
 *   does not get there before the deadline.
 */
export async function loadEntry(entry: string, cwd: string, deadline: EntryDeadline): Promise<WiringSource> {
  const file = resolve(cwd, entry);
  const stats = statSync(file, { throwIfNoEntry: false });
  if (stats === undefined) throw new CliError(`Entry '${entry}' was not found (looked for ${file}).`);
  if (!stats.isFile())
    throw new CliError(`Entry '${entry}' is not a file (${file}): pass the ES module that default-exports your ContainerBuilder.`);

  let module: { default?: unknown };
  try {
    module = await deadline.run('import', () => import(pathToFileURL(file).href) as Promise<{ default?: unknown }>);
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`Entry '${entry}' could not be loaded: ${sentence(describeThrown(error))}${loadHint(file, error)}`);
  }

  let exported: unknown;
  try {
    exported = await deadline.run('defaultExport', () => module.default);
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`The default export of '${entry}' is a promise that rejected: ${sentence(describeThrown(error))}`);
  }
  if (!hasMethods(exported, 'add', 'build')) {
    throw new CliError(
      `Entry '${entry}' must default-export a ContainerBuilder (export default new ContainerBuilder().add(...)), but ${whatIs(exported)}.`,
    );
  }

  let app: unknown;
  try {
    app = await deadline.run('build', () => exported.build());
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`The ContainerBuilder exported by '${entry}' could not build the app: ${sentence(describeThrown(error))}`);
  }
  if (!hasMethods(app, 'validate', 'describe')) {
    throw new CliError(`The default export of '${entry}' has a build() method, but what it built is not a plugboard App.`);
  }
  const source = app as unknown as WiringSource;
  return { validate: () => deadline.run('validate', () => source.validate()), describe: () => source.describe() };
}

function hasMethods<K extends string>(value: unknown, ...names: K[]): value is Record<K, () => unknown> {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    names.every((name) => typeof (value as Record<string, unknown>)[name] === 'function')
  );
}

/** Says what a wrong default export is, with the fix for the usual mistake (exporting the built app). */
function whatIs(value: unknown): string {
  if (value === undefined) return 'it has no default export';
  if (hasMethods(value, 'start', 'validate', 'describe')) {
    return 'its default export is an App that is already built: export the builder itself, without .build()';
  }
  if (typeof value === 'function') return `its default export is a function${value.name ? ` (${value.name})` : ''}`;
  if (value === null) return 'its default export is null';
  if (typeof value === 'object') {
    const name = (Object.getPrototypeOf(value) as { constructor?: { name?: string } } | null)?.constructor?.name;
    return `its default export is ${name && name !== 'Object' ? `an instance of ${name}` : 'a plain object'}`;
  }
  return `its default export is a ${typeof value}`;
}

function sentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/** What to do next, for the failures whose message alone does not say. */
function loadHint(file: string, error: unknown): string {
  if (/\.[cm]?tsx?$/.test(file)) return ' Compile it first and pass the .js file: plugboard imports the entry with Node.';
  // Node's message for a syntax error in an ES module names neither the file nor the line.
  if (error instanceof SyntaxError) return ` Run \`node ${file}\` to see the file and line.`;
  return '';
}
