import type { App } from '../app/app.js';
import type { WiringProblem } from '../errors.js';
import { toDot, toMermaid } from '../model/render/index.js';

/** Where the commands write: injectable so tests can run them in-process. */
export interface Output {
  out(text: string): void;
  err(text: string): void;
}

/** Prints every wiring problem; resolves with the exit code (1 if any, else 0). */
export async function check(app: App, output: Output): Promise<number> {
  const problems = await app.validate();
  if (problems.length > 0) {
    output.err(`✗ ${problems.length} wiring problem${problems.length === 1 ? '' : 's'}:\n${formatProblems(problems)}\n`);
    return 1;
  }
  const { plugins, services } = app.describe();
  const modules = plugins.reduce((sum, plugin) => sum + plugin.modules.length, 0);
  output.out(`✓ wiring is sound: ${plugins.length} plugin(s), ${modules} module(s), ${services.length} service(s)\n`);
  return 0;
}

/** The formats `graph` prints. */
export type GraphFormat = 'mermaid' | 'dot' | 'json';

/** Prints the wiring graph; problems (if any) go to stderr and make the exit code 1. */
export async function graph(app: App, format: GraphFormat, plugin: string | undefined, output: Output): Promise<number> {
  const problems = await app.validate();
  const description = app.describe();
  if (plugin !== undefined && !description.plugins.some((p) => p.id === plugin)) {
    output.err(`No plugin '${plugin}' in this app; plugins: ${description.plugins.map((p) => p.id).join(', ') || '(none)'}\n`);
    return 1;
  }
  const options = plugin === undefined ? {} : { plugin };
  if (format === 'json') output.out(`${JSON.stringify(description, null, 2)}\n`);
  else output.out(format === 'dot' ? toDot(description, options) : toMermaid(description, options));
  if (problems.length === 0) return 0;
  output.err(`✗ ${problems.length} wiring problem${problems.length === 1 ? '' : 's'}:\n${formatProblems(problems)}\n`);
  return 1;
}

function formatProblems(problems: readonly WiringProblem[]): string {
  return problems.map((problem) => `  [${problem.code}] ${problem.message}`).join('\n');
}
