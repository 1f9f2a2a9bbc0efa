/**
 * Checks on a journal after stop(), shared by the shutdown, failure and hygiene properties.
 */
import type { Journal } from './generator.js';

/** The plugin a journal name belongs to (`p3`, `p3/m1`, `svc.2@p3`), or `root` for a root service. */
export function scopeOf(who: string): string {
  if (who.startsWith('svc.')) return who.includes('@') ? who.slice(who.indexOf('@') + 1) : 'root';
  return who.split('/')[0]!;
}

/**
 * Every feature that completed its init and has an `@onShutdown` was shut down exactly once, and
 * nothing else was. Returns the violations (empty when none).
 */
export function shutdownOnceProblems(journal: Journal): string[] {
  const started = new Set(journal.startedStoppable());
  const stops = journal.whos('shutdown');
  const problems: string[] = [];
  for (const who of started) {
    const count = stops.filter((s) => s === who).length;
    if (count !== 1) problems.push(`${who} started and was shut down ${count} times`);
  }
  for (const who of new Set(stops)) if (!started.has(who)) problems.push(`${who} was shut down but never finished its init`);
  return problems;
}

/**
 * Within each plugin, shutdowns run in the reverse order of init completion (the plugin, then its
 * modules backwards, then its plugin-scoped services); root services stop after every plugin, in
 * reverse order too.
 */
export function reverseOrderProblems(journal: Journal): string[] {
  const problems: string[] = [];
  const stops = journal.whos('shutdown');
  const started = journal.startedStoppable().filter((who) => stops.includes(who));
  for (const scope of new Set(started.map(scopeOf))) {
    const ready = started.filter((who) => scopeOf(who) === scope);
    const stopped = stops.filter((who) => scopeOf(who) === scope);
    const expected = [...ready].reverse();
    if (stopped.join() !== expected.join()) problems.push(`${scope}: stopped ${stopped.join(', ')}; expected ${expected.join(', ')}`);
  }
  const firstRoot = journal.events.findIndex((e) => e.phase === 'shutdown' && scopeOf(e.who) === 'root');
  const lastPlugin = journal.events.findLastIndex((e) => e.phase === 'shutdown' && scopeOf(e.who) !== 'root');
  if (firstRoot >= 0 && firstRoot < lastPlugin) {
    problems.push(`root service ${journal.events[firstRoot]!.who} stopped before ${journal.events[lastPlugin]!.who}`);
  }
  return problems;
}
