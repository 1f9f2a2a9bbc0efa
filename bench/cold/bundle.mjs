// Bundles a cold-start entry into one ESM file with esbuild, as a serverless user ships it.
//
// pino is CommonJS and requires Node's built-ins; in an ESM bundle esbuild turns those requires into
// a `__require` that throws ("Dynamic require of "node:os" is not supported") unless a `require`
// exists in the module scope. The banner gives it one with createRequire, the usual fix.
import * as esbuild from 'esbuild';
import path from 'node:path';

const requireBanner =
  "import { createRequire as benchCreateRequire } from 'node:module'; const require = benchCreateRequire(import.meta.url);";

/** Bundles `entry` to `outfile`; returns how many input files went into it and its size. */
export async function bundle(entry, outfile) {
  const result = await esbuild.build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    banner: { js: requireBanner },
    metafile: true,
    logLevel: 'warning',
  });
  const output = result.metafile.outputs[path.relative(process.cwd(), outfile)] ?? Object.values(result.metafile.outputs)[0];
  return { inputs: Object.keys(result.metafile.inputs).length, bytes: output.bytes };
}
