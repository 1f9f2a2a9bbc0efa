// The `plugboard` command, run as a real process from dist/ (see ./run.ts).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkBuilt, fixtures, plugboard as run, plugboardIntoClosedPipe, root, stackLine, type Run } from './run.js';

const hasGraphviz = spawnSync('dot', ['-V']).status === 0;

function plugboard(args: readonly string[], cwd: string = root): Run {
  return run(args, { cwd });
}

beforeAll(checkBuilt);

describe('plugboard check', () => {
  it('exits 0 with a one-line summary for a sound app, running no constructor, factory or init', () => {
    const run = plugboard(['check', `${fixtures}/sound.mjs`]);
    // Every constructor, factory and init of the fixture throws, so any of them running would show here.
    expect(run.stderr).toBe('');
    const described = JSON.parse(plugboard(['graph', `${fixtures}/sound.mjs`, '--format', 'json']).stdout) as { services: unknown[] };
    expect(run.stdout).toBe(`✓ wiring is sound: 2 plugins, 1 module, ${described.services.length} services\n`);
    expect(run.code).toBe(0);
  });

  it('prints every problem with its code and exits 1', () => {
    const run = plugboard(['check', `${fixtures}/broken.mjs`]);
    expect(run.code).toBe(1);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('✗ 3 wiring problems:');
    expect(lines.slice(1).map((line) => /^ {2}\[([A-Z_]+)\] /.exec(line)?.[1])).toEqual([
      'MODULE_WITHOUT_PLUGIN',
      'SERVICE_NOT_FOUND',
      'DEPENDENCY_CYCLE',
    ]);
    expect(run.stdout).toContain("Module 'orphan' (class Orphan) extends plugin 'catalog'");
    expect(run.stdout).toContain("No implementation of service 'billing.client'");
    expect(run.stdout).toContain('net.ping -> net.pong -> net.ping');
    expect(run.stderr).toBe('');
  });

  it('reads the entry relative to the current folder', () => {
    const run = plugboard(['check', 'sound.mjs'], join(root, fixtures));
    expect(run.stdout).toMatch(/^✓ wiring is sound: 2 plugins/);
    expect(run.code).toBe(0);
  });

  it('exits when done even if the entry left a timer running', () => {
    const started = Date.now();
    const run = plugboard(['check', `${fixtures}/lingering.mjs`]);
    expect(run.code).toBe(0);
    expect(Date.now() - started).toBeLessThan(15_000);
  });
});

describe('an entry that cannot be used: exit 2, one clear message, no stack', () => {
  // Entries that would break the lint of test/, written where it does not look.
  const scratch = mkdtempSync(join(tmpdir(), 'plugboard-cli-'));
  writeFileSync(join(scratch, 'syntax.mjs'), 'export default new ContainerBuilder(;\n');
  writeFileSync(join(scratch, 'number.mjs'), 'export default 42;\n');
  writeFileSync(join(scratch, 'class.mjs'), 'export default class Wiring {}\n');
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it.each([
    [
      'a missing file',
      `${fixtures}/nope.mjs`,
      `Entry '${fixtures}/nope.mjs' was not found (looked for ${join(root, fixtures, 'nope.mjs')}).`,
    ],
    ['a folder', fixtures, `Entry '${fixtures}' is not a file`],
    ['a module that throws', `${fixtures}/throws.mjs`, 'could not be loaded: Error: the entry module itself is broken.'],
    [
      'a syntax error',
      join(scratch, 'syntax.mjs'),
      `could not be loaded: SyntaxError: Unexpected token ';'. Run \`node ${join(scratch, 'syntax.mjs')}\``,
    ],
    ['TypeScript source', 'examples/scaffolder/wiring.ts', 'Compile it first and pass the .js file'],
    [
      'no default export',
      `${fixtures}/no-default.mjs`,
      'must default-export a ContainerBuilder (export default new ContainerBuilder().add(...)), but it has no default export.',
    ],
    ['a number', join(scratch, 'number.mjs'), 'but its default export is a number.'],
    ['a class', join(scratch, 'class.mjs'), 'but its default export is a function (Wiring).'],
    [
      'an app already built',
      `${fixtures}/built-app.mjs`,
      'its default export is an App that is already built: export the builder itself, without .build()',
    ],
    ['a promise that rejects', `${fixtures}/rejects.mjs`, 'is a promise that rejected: Error: the feature registry is unreachable.'],
  ])('%s', (_case, entry, message) => {
    for (const command of ['check', 'graph']) {
      const run = plugboard([command, entry]);
      expect(run.stderr).toContain(message);
      expect(run.stderr).toMatch(/^plugboard: /);
      expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(run.stderr).not.toMatch(stackLine);
      expect(run.stdout).toBe('');
      expect(run.code).toBe(2);
    }
  });
});

describe('plugboard graph', () => {
  it('prints Mermaid by default: plugins as subgraphs, with their modules and extension points', () => {
    const run = plugboard(['graph', `${fixtures}/sound.mjs`]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^flowchart LR\n/);
    expect(run.stdout).toContain('subgraph container__scaffolder["scaffolder"]');
    expect(run.stdout).toContain('module__scaffolder__github_2d_actions["module github-actions"]');
    expect(run.stdout).toContain('plugin__scaffolder -- provides --> ep__scaffolder_2e_actions');
    expect(run.stdout).toContain('plugin__catalog == depends on ==> plugin__scaffolder');
  });

  it("prints describe()'s data as JSON, and one plugin's part of it with --plugin", () => {
    const all = JSON.parse(plugboard(['graph', `${fixtures}/sound.mjs`, '--format', 'json']).stdout) as Description;
    expect(all.plugins.map((p) => p.id)).toEqual(['scaffolder', 'catalog']);
    expect(all.extensionPoints).toEqual([
      {
        id: 'scaffolder.actions',
        pluginId: 'scaffolder',
        provider: { pluginId: 'scaffolder' },
        users: [{ pluginId: 'scaffolder', moduleId: 'github-actions' }],
      },
    ]);
    expect(all.problems).toEqual([]);

    const run = plugboard(['graph', `${fixtures}/sound.mjs`, '--format', 'json', '--plugin', 'catalog']);
    expect(run.code).toBe(0);
    const catalog = JSON.parse(run.stdout) as Description;
    expect(catalog.plugins.map((p) => p.id)).toEqual(['catalog']);
    expect(catalog.extensionPoints).toEqual([]);
    expect(catalog.services.map((s) => s.id).sort()).toEqual(['core.rootConfig', 'db.pool']);
    expect(catalog.initOrder).toEqual([['catalog']]);
  });

  it('prints DOT with --format dot', () => {
    const run = plugboard(['graph', `${fixtures}/sound.mjs`, '--format', 'dot', '--plugin', 'scaffolder']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^digraph plugboard \{\n/);
    expect(run.stdout).toContain('subgraph cluster_container__scaffolder {');
    expect(run.stdout).not.toContain('cluster_container__catalog');
    if (!hasGraphviz) return console.warn('Graphviz is not installed: not rendering the DOT output.');
    const svg = spawnSync('dot', ['-Tsvg'], { input: run.stdout, encoding: 'utf8' });
    expect(svg.stderr).toBe('');
    expect(svg.stdout).toContain('module github&#45;actions');
  });

  it('still draws a broken app, with its problems on stderr and exit 1', () => {
    const run = plugboard(['graph', `${fixtures}/broken.mjs`]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('subgraph container__billing["billing"]');
    expect(run.stdout).toContain('svc__billing_2e_client{{"billing.client<br>missing"}}');
    expect(run.stderr).toMatch(/^✗ 3 wiring problems:\n {2}\[MODULE_WITHOUT_PLUGIN\] /);
  });

  it.each([
    [['--plugin', 'nope'], 'plugboard: --plugin nope: the app has no such plugin. Its plugins: scaffolder, catalog.\n'],
    [['--format', 'svg'], "error: option '-f, --format <format>' argument 'svg' is invalid. Allowed choices are mermaid, dot, json."],
    [['--plugin', ' '], "error: option '-p, --plugin <id>' argument ' ' is invalid. expected a plugin id."],
  ])('refuses %j with exit 2', (options, message) => {
    const run = plugboard(['graph', `${fixtures}/sound.mjs`, ...options]);
    expect(run.stderr).toContain(message);
    expect(run.stdout).toBe('');
    expect(run.code).toBe(2);
  });
});

describe('a long chain through the CLI', () => {
  // 1 000 plugins: describe() of a longer dependsOn chain is the model's work (its own chain tests).
  const entry = `${fixtures}/many-plugins.mjs`;

  it('checks and draws 1 000 plugins in one dependsOn chain, and one plugin of it', () => {
    expect(plugboard(['check', entry])).toEqual({
      code: 0,
      stdout: '✓ wiring is sound: 1000 plugins, 0 modules, 4 services\n',
      stderr: '',
    });
    const all = plugboard(['graph', entry]);
    expect(all.code).toBe(0);
    expect(all.stdout.match(/^ {2}subgraph /gm)).toHaveLength(1000);
    expect(all.stdout).toContain('plugin__p998 == depends on ==> plugin__p999');
    const one = plugboard(['graph', entry, '--plugin', 'p998']);
    expect(one.stdout.trimEnd().split('\n').at(-1)).toBe('  plugin__p998 == depends on ==> plugin__p999');
  });

  it('names an unknown --plugin in one readable line, listing 20 of the plugins there are', () => {
    const run = plugboard(['graph', entry, '--plugin', 'nope']);
    const listed = Array.from({ length: 20 }, (_, i) => `p${i}`).join(', ');
    expect(run).toEqual({
      code: 2,
      stdout: '',
      stderr: `plugboard: --plugin nope: the app has no such plugin. Its plugins: ${listed} and 980 more.\n`,
    });
  });
});

describe('plugboard --help and usage errors', () => {
  it('documents both commands, the entry, the exit codes and the graph options', () => {
    const help = plugboard(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: plugboard [options] [command]');
    expect(help.stdout).toMatch(/check \[options\] <entry> +validate the wiring/);
    expect(help.stdout).toMatch(/graph \[options\] <entry> +print the wiring graph/);
    expect(help.stdout).toContain('default export is a ContainerBuilder');
    expect(help.stdout).toContain('Exit codes: 0 sound wiring, 1 wiring problems');
    const graphHelp = plugboard(['graph', '--help']);
    expect(graphHelp.code).toBe(0);
    expect(graphHelp.stdout).toMatch(/-f, --format <format> +output format \(choices: "mermaid", "dot", "json",\s+default: "mermaid"\)/);
    expect(graphHelp.stdout).toContain('-p, --plugin <id>');
    expect(plugboard(['help', 'check']).stdout).toContain('Usage: plugboard check [options] <entry>');
  });

  it.each<[string[], number, RegExp]>([
    [['--help'], 0, /^$/],
    [['graph', `${fixtures}/sound.mjs`], 0, /^$/],
    // A broken app's problems still go to stderr.
    [['graph', `${fixtures}/broken.mjs`], 1, /^✗ 3 wiring problems:\n(?: {2}\[[A-Z_]+\] .*\n)+$/],
  ])('%j into a reader that stopped early (| head) keeps its exit code and reports no error of its own', async (args, code, stderr) => {
    const run = await plugboardIntoClosedPipe(args);
    expect(run.code).toBe(code);
    expect(run.stderr).toMatch(stderr);
  });

  it('prints the version of the package', () => {
    const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
    expect(plugboard(['--version'])).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });

  it.each([
    [[], 'Usage: plugboard [options] [command]'],
    [['check'], "error: missing required argument 'entry'"],
    [['frob'], "error: unknown command 'frob'"],
  ])('%j exits 2 with a hint on stderr', (args, message) => {
    const run = plugboard(args);
    expect(run.stderr).toContain(message);
    expect(run.code).toBe(2);
  });
});

interface Description {
  plugins: Array<{ id: string }>;
  extensionPoints: unknown[];
  services: Array<{ id: string }>;
  initOrder: string[][];
  problems: unknown[];
}
