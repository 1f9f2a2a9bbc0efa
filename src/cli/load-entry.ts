import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { App } from '../app/app.js';
import { describeThrown } from '../errors.js';

/** Why an entry could not be used: the CLI prints it and exits 2. */
export class EntryError extends Error {}

interface BuilderLike {
  build(): App;
}

function isBuilder(value: unknown): value is BuilderLike {
  return typeof value === 'object' && value !== null && typeof (value as BuilderLike).build === 'function';
}

/**
 * Imports `entry` (a path relative to the current folder) and builds the app from its default
 * export: a `ContainerBuilder`, or a promise of one. Importing runs the module's top level, but
 * nothing of the app: no constructor, factory or init.
 */
export async function loadEntry(entry: string, cwd: string = process.cwd()): Promise<App> {
  const file = resolve(cwd, entry);
  if (!existsSync(file)) throw new EntryError(`Entry ${entry} does not exist (looked for ${file}).`);
  let module: { default?: unknown };
  try {
    module = (await import(pathToFileURL(file).href)) as { default?: unknown };
  } catch (error) {
    throw new EntryError(`Entry ${entry} could not be loaded: ${describeThrown(error)}`);
  }
  const exported = await module.default;
  if (!isBuilder(exported)) {
    throw new EntryError(
      `Entry ${entry} must have a default export that is a ContainerBuilder (export default new ContainerBuilder().add(...)), ` +
        `but its default export is ${exported === undefined ? 'missing' : typeof exported}.`,
    );
  }
  return exported.build();
}
