import { selectDescription, toDot, toMermaid } from '../model/render/index.js';
import { CliError, ExitCode, type Output } from './io.js';
import type { WiringSource } from './load-entry.js';
import { formatProblems } from './report.js';

/** The formats `plugboard graph` prints. */
export const graphFormats = ['mermaid', 'dot', 'json'] as const;
export type GraphFormat = (typeof graphFormats)[number];

/** Options of `plugboard graph`. */
export interface GraphOptions {
  readonly format: GraphFormat;
  readonly plugin?: string;
}

/**
 * `plugboard graph`: prints the wiring (`describe()`'s data, or one plugin's part of it) on
 * stdout. A broken app is still drawn, as declared; its problems go to stderr and the exit code
 * is 1. Resolves with the exit code.
 */
export async function graph(app: WiringSource, options: GraphOptions, output: Output): Promise<number> {
  const problems = await app.validate();
  const description = app.describe();
  if (options.plugin !== undefined && !description.plugins.some((p) => p.id === options.plugin)) {
    throw new CliError(
      `--plugin ${options.plugin}: the app has no such plugin. Its plugins: ${listIds(description.plugins.map((p) => p.id))}.`,
    );
  }
  const render = { ...(options.plugin === undefined ? {} : { plugin: options.plugin }) };
  switch (options.format) {
    case 'json':
      output.out(`${JSON.stringify(selectDescription(description, render), null, 2)}\n`);
      break;
    case 'dot':
      output.out(toDot(description, render));
      break;
    case 'mermaid':
      output.out(toMermaid(description, render));
      break;
  }
  if (problems.length === 0) return ExitCode.ok;
  output.err(formatProblems(problems));
  return ExitCode.problems;
}

const listedIds = 20;

/** Ids for a one-line message: the first 20, then how many more. */
function listIds(ids: readonly string[]): string {
  if (ids.length === 0) return 'none';
  const listed = ids.slice(0, listedIds).join(', ');
  return ids.length > listedIds ? `${listed} and ${ids.length - listedIds} more` : listed;
}
