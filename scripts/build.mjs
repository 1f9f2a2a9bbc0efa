// Builds dist/. tsc compiles src/ (type-checking it and writing the declarations and the
// JavaScript), then esbuild joins each entry point's modules into one file, with the code the
// entry points share in dist/chunks/. Node loads ~130 small modules slower than a few large ones:
// the bundle imports in about a quarter of the time (docs/performance.md, "Import cost").
// What esbuild gets is tsc's output, so the JavaScript is exactly what tsc emits, only joined.
import { spawnSync } from 'node:child_process';
import { cpSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const compiled = join(root, '.tsc'); // beside dist/, so the declaration maps' ../src paths hold in both
const dist = join(root, 'dist');
const entryPoints = ['index.js', 'testing/index.js', 'cli/main.js'].map((file) => join(compiled, file));

rmSync(dist, { recursive: true, force: true });
rmSync(compiled, { recursive: true, force: true });

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const compiledOk = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
if (compiledOk.status !== 0) process.exit(compiledOk.status ?? 1);

await build({
  entryPoints,
  outbase: compiled,
  outdir: dist,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Dependencies stay imports: users install and dedupe them (one InversifyJS, one pino).
  packages: 'external',
  chunkNames: 'chunks/[name]-[hash]',
  // Maps lead to src/ (shipped in the package) through tsc's own maps.
  sourcemap: 'linked',
  sourcesContent: false,
  logLevel: 'warning',
});

// The declarations and their maps, as tsc wrote them.
for (const file of walk(compiled)) {
  if (file.endsWith('.d.ts') || file.endsWith('.d.ts.map')) cpSync(file, join(dist, relative(compiled, file)));
}
// --keep-compiled leaves tsc's one-file-per-source output in .tsc/ (git-ignored, never packed),
// for profiles that should name source files (bench/profile/fixed-cost.mjs --per-file).
if (!process.argv.includes('--keep-compiled')) rmSync(compiled, { recursive: true, force: true });

function* walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* walk(path);
    else yield path;
  }
}
