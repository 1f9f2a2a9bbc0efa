// `plugboard check` and `graph` never report what they did not check. The entry's code runs in the
// CLI's process: an entry that never settles is timed out (exit 2, naming the entry and the step),
// and one that ends the process, or throws or rejects from a callback while it is being checked,
// exits 2 with one line saying so, never 0 (sound), 1 (problems) or Node's own 13.
import { checkBuilt, fixtures, plugboardAsync, stackLine, type Run } from './run.js';

beforeAll(checkBuilt);

const commands = ['check', 'graph'] as const;

/** Runs `check` and `graph` on `entry` side by side. */
async function both(entry: string, options: readonly string[] = [], env: Record<string, string> = {}): Promise<Array<[string, Run]>> {
  const runs = await Promise.all(commands.map((command) => plugboardAsync([command, `${fixtures}/${entry}`, ...options], { env })));
  return runs.map((run, index) => [commands[index]!, run]);
}

/** Exit 2, nothing on stdout, exactly one line on stderr starting `plugboard: `, no stack. */
function expectUnusable(command: string, run: Run): string {
  expect({ command, code: run.code, stdout: run.stdout }).toEqual({ command, code: 2, stdout: '' });
  expect(run.stderr).toMatch(/^plugboard: /);
  expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(run.stderr).not.toMatch(stackLine);
  return run.stderr;
}

describe('an entry that never settles is timed out: exit 2 naming the entry and what it was doing', () => {
  it.each([
    [
      'a top-level await nothing settles',
      'never-settles.mjs',
      '1000',
      "Entry 'test/cli/fixtures/never-settles.mjs' was still being imported after 1000 ms: its top level, or a module it imports, awaits something that has not settled.",
    ],
    [
      'a default export promise nothing settles',
      'default-never-settles.mjs',
      '1000',
      "The default export of 'test/cli/fixtures/default-never-settles.mjs' is a promise that had not settled after 1000 ms.",
    ],
    [
      // This entry imports plugboard, which alone can take a few seconds on a busy machine.
      'a feature promise nothing settles, awaited by validation',
      'add-never-settles.mjs',
      '8000',
      "Validating the wiring of 'test/cli/fixtures/add-never-settles.mjs' had not finished after 8000 ms: a promise given to add(), or a feature loader, has not settled.",
    ],
  ])('%s', async (_case, entry, timeout, message) => {
    for (const [command, run] of await both(entry, ['--timeout', timeout])) {
      const stderr = expectUnusable(command, run);
      expect(stderr).toContain(message);
      expect(stderr).toContain(`Nothing was checked. If it is only slow, raise --timeout (now ${timeout} ms).`);
    }
  });

  it('accepts the timeout as -t and --timeout=<ms>', async () => {
    const runs = await Promise.all([
      plugboardAsync(['check', `${fixtures}/never-settles.mjs`, '-t', '700']),
      plugboardAsync(['graph', `${fixtures}/never-settles.mjs`, '--timeout=700']),
    ]);
    for (const run of runs) expect(expectUnusable('', run)).toContain('was still being imported after 700 ms');
  });

  it.each([['abc'], ['0'], ['-5'], ['1.5'], ['2147483648'], ['']])('refuses --timeout=%j with exit 2', async (value) => {
    for (const [command, run] of await both('sound.mjs', [`--timeout=${value}`])) {
      expect({ command, code: run.code, stdout: run.stdout }).toEqual({ command, code: 2, stdout: '' });
      expect(run.stderr).toContain(
        `error: option '-t, --timeout <ms>' argument '${value}' is invalid. expected a whole number of milliseconds from 1 to 2147483647.`,
      );
    }
  });
});

describe('an entry that ends the process never makes the command report a result: exit 2, one line', () => {
  it.each([['0'], ['1']])('process.exit(%s) while the entry is imported', async (exitCode) => {
    for (const [command, run] of await both('exits-on-import.mjs', [], { FIXTURE_EXIT_CODE: exitCode })) {
      expect(expectUnusable(command, run)).toBe(
        `plugboard: the process was ended (exit code ${exitCode}) while importing entry 'test/cli/fixtures/exits-on-import.mjs', before the wiring was checked: ` +
          'the entry, or code it runs, called process.exit(). Point plugboard at a module that only builds the wiring, not one that runs or stops the app.\n',
      );
    }
  });

  it('process.exit(0) while the wiring is validated', async () => {
    for (const [command, run] of await both('exits-while-validating.mjs')) {
      expect(expectUnusable(command, run)).toContain(
        "the process was ended (exit code 0) while validating the wiring of 'test/cli/fixtures/exits-while-validating.mjs', before the wiring was checked",
      );
    }
  });
});

describe("an entry whose code throws or rejects outside plugboard's calls: exit 2, one line", () => {
  it('an error thrown from a timer while the wiring is validated', async () => {
    for (const [command, run] of await both('throws-later.mjs')) {
      expect(expectUnusable(command, run)).toBe(
        "plugboard: while validating the wiring of 'test/cli/fixtures/throws-later.mjs', the entry's code threw an error nothing caught: " +
          'Error: the search index client crashed. The result cannot be trusted; fix the entry, or point plugboard at a module that only builds the wiring.\n',
      );
    }
  });

  it('a promise rejected with nobody awaiting it', async () => {
    for (const [command, run] of await both('rejects-later.mjs')) {
      expect(expectUnusable(command, run)).toContain(
        "while validating the wiring of 'test/cli/fixtures/rejects-later.mjs', the entry's code rejected a promise nobody awaited: Error: the metrics endpoint refused the connection.",
      );
    }
  });
});

describe('--timeout in the help', () => {
  it('is documented on both commands with its default, and the exit codes say what 2 covers', async () => {
    const [checkHelp, graphHelp, help] = await Promise.all([
      plugboardAsync(['check', '--help']),
      plugboardAsync(['graph', '--help']),
      plugboardAsync(['--help']),
    ]);
    const flat = (run: Run): string => run.stdout.replace(/\s+/g, ' ');
    for (const run of [checkHelp, graphHelp]) {
      expect(run.code).toBe(0);
      expect(flat(run)).toContain(
        '-t, --timeout <ms> how long loading and validating the entry may take before plugboard gives up (exit 2) (default: 30000)',
      );
    }
    expect(flat(help)).toContain('Loading and validating the entry must finish within --timeout (default 30000 ms).');
    expect(flat(help)).toContain(
      '2 the command could not run: an unusable entry, bad arguments, a timeout, or an entry that ends the process or throws from a callback (nothing is reported as checked then).',
    );
  });
});
