import { ExitCode, type Output } from './io.js';
import type { WiringSource } from './load-entry.js';
import { formatProblems, formatSound } from './report.js';

/**
 * `plugboard check`: validates the wiring (no constructor, factory or init runs) and prints every
 * problem with its code, or a one-line summary when there is none. Resolves with the exit code.
 */
export async function check(app: WiringSource, output: Output): Promise<number> {
  const problems = await app.validate();
  if (problems.length > 0) {
    output.out(formatProblems(problems));
    return ExitCode.problems;
  }
  output.out(formatSound(app.describe()));
  return ExitCode.ok;
}
