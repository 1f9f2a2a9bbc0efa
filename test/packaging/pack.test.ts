// Installable from a clone: `npm pack` on a copy of the repository that was never built (no dist/)
// must give a package that works once installed. The copy has the files a fresh clone has (the
// tracked ones and new ones git does not ignore); it borrows this checkout's node_modules for the
// build that prepack runs. The tarball is then installed into an empty project, from the registry
// cache where possible, and both entry points are imported there by a plain Node process.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'plugboard-pack-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const run = (command: string, args: readonly string[], cwd: string): string =>
  execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_OPTIONS: '' } });

/** A copy of the repository as a fresh clone would have it: no dist/, no build output. */
function freshCopy(): string {
  const copy = join(scratch, 'clone');
  const files = run('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], root).split('\0').filter(Boolean);
  for (const file of files) {
    if (!existsSync(join(root, file))) continue; // deleted in the work tree, not yet committed
    mkdirSync(dirname(join(copy, file)), { recursive: true });
    cpSync(join(root, file), join(copy, file));
  }
  symlinkSync(join(root, 'node_modules'), join(copy, 'node_modules'), 'dir');
  return copy;
}

interface PackResult {
  readonly filename: string;
  readonly files: readonly { path: string }[];
}

describe('the package npm pack makes from a fresh clone', () => {
  let packed: PackResult;
  let project: string;

  beforeAll(() => {
    const copy = freshCopy();
    expect(existsSync(join(copy, 'dist'))).toBe(false);
    packed = (JSON.parse(run('npm', ['pack', '--json', '--pack-destination', scratch], copy)) as PackResult[])[0]!;
    project = join(scratch, 'project');
    mkdirSync(project);
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true, type: 'module' }));
    run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', join(scratch, packed.filename)], project);
  }, 300_000);

  it('contains the built library, its types, the testing entry point and the CLI', () => {
    const paths = packed.files.map((file) => file.path);
    expect(paths).toEqual(
      expect.arrayContaining(['dist/index.js', 'dist/index.d.ts', 'dist/testing/index.js', 'dist/testing/index.d.ts', 'dist/cli/main.js']),
    );
    expect(paths.filter((path) => path.startsWith('test/') || path.startsWith('node_modules/'))).toEqual([]);
  });

  it('imports plugboard and plugboard/testing once installed, and runs an app', () => {
    const script = [
      "import { ContainerBuilder, Plugin, onInit } from 'plugboard';",
      "import { startTestApp, mockServices } from 'plugboard/testing';",
      'class HelloPlugin { init() { console.log("hello from the installed package"); } }',
      "onInit()(HelloPlugin.prototype, 'init', Object.getOwnPropertyDescriptor(HelloPlugin.prototype, 'init'));",
      "Plugin({ id: 'hello' })(HelloPlugin);",
      "const app = new ContainerBuilder({ logger: { level: 'silent' } }).add(HelloPlugin).build();",
      'await app.start();',
      'await app.stop();',
      'console.log(typeof startTestApp, typeof mockServices.rootLogger);',
    ].join('\n');
    expect(run(process.execPath, ['--input-type=module', '-e', script], project)).toBe(
      'hello from the installed package\nfunction function\n',
    );
  });

  it('installs the plugboard command', () => {
    expect(run(join(project, 'node_modules/.bin/plugboard'), ['--help'], project)).toContain('check');
  });
});
