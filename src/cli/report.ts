import type { WiringProblem } from '../errors/index.js';
import type { AppDescription } from '../model/describe.js';

/** `1 plugin`, `2 plugins`. */
export function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** Every problem on its own line, `[CODE] message`, continuation lines indented under it. */
export function formatProblems(problems: readonly WiringProblem[]): string {
  const lines = problems.map((problem) => `  [${problem.code}] ${problem.message.replace(/\n/g, '\n    ')}`);
  return `✗ ${count(problems.length, 'wiring problem')}:\n${lines.join('\n')}\n`;
}

/** The one-line summary of a sound app. */
export function formatSound(description: AppDescription): string {
  const modules = description.plugins.reduce((sum, plugin) => sum + plugin.modules.length, 0);
  const parts = [count(description.plugins.length, 'plugin'), count(modules, 'module'), count(description.services.length, 'service')];
  return `✓ wiring is sound: ${parts.join(', ')}\n`;
}
