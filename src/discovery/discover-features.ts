import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { plugboardError } from '../errors/index.js';
import { featuresOfModule } from '../model/features.js';
import { makeFeatureLoader, type FeatureLoader } from '../tokens/feature-loader.js';

/** Options of {@link discoverFeatures}. */
export interface DiscoverFeaturesOptions {
  /** The host's package.json; default `./package.json` in the current folder. */
  readonly packageJson?: string;
  /** Only these packages (names; `*` matches any run of characters, as in `@acme/*`). */
  readonly include?: readonly string[];
  /** Never these packages (same patterns). */
  readonly exclude?: readonly string[];
}

interface PackageManifest {
  readonly name?: string;
  readonly main?: string;
  readonly exports?: unknown;
  readonly dependencies?: Record<string, string>;
  readonly optionalDependencies?: Record<string, string>;
  readonly plugboard?: { readonly role?: unknown };
}

/**
 * A feature loader that installs the host's plugboard packages: every dependency in the host's
 * package.json whose own package.json says `"plugboard": { "role": "plugin" | "module" }` is
 * imported and its default export (a feature or an array) added. A discovered module whose
 * plugin is not installed is left out with one info log line, not an error.
 *
 * @example
 * ```ts
 * new ContainerBuilder().add(discoverFeatures({ exclude: ['@acme/plugin-legacy'] })).build();
 * ```
 */
export function discoverFeatures(options: DiscoverFeaturesOptions = {}): FeatureLoader {
  return makeFeatureLoader(
    {
      name: 'discoverFeatures',
      loader: () => discover(options),
    },
    true,
  );
}

async function discover(options: DiscoverFeaturesOptions): Promise<unknown[]> {
  const hostFile = resolve(options.packageJson ?? 'package.json');
  const host = await readManifest(hostFile);
  if (host === undefined) {
    throw plugboardError('FEATURE_LOAD_FAILED', { reason: 'host-package', file: hostFile });
  }
  const names = Object.keys({ ...host.optionalDependencies, ...host.dependencies })
    .filter((name) => options.include === undefined || options.include.some((p) => matches(p, name)))
    .filter((name) => !(options.exclude ?? []).some((p) => matches(p, name)))
    .sort();
  const features: unknown[] = [];
  for (const name of names) {
    const found = await findPackage(dirname(hostFile), name);
    if (found === undefined) continue; // an optional dependency that is not installed
    const role = found.manifest.plugboard?.role;
    if (role === undefined) continue;
    if (role !== 'plugin' && role !== 'module') {
      throw plugboardError('FEATURE_LOAD_FAILED', { reason: 'package-role', name, role });
    }
    const entry = join(found.dir, entryOf(found.manifest));
    let module: unknown;
    try {
      module = await import(pathToFileURL(entry).href);
    } catch (error) {
      throw plugboardError('FEATURE_LOAD_FAILED', { reason: 'package-import', name, role, entry, cause: error }, { cause: error });
    }
    const exported = featuresOfModule(module);
    if ('rejection' in exported) {
      // What is not a feature is reported by validation, naming this loader; only "no default" is said here.
      if (exported.rejection.kind === 'no-default')
        throw plugboardError('FEATURE_LOAD_FAILED', { reason: 'package-default', name, role, entry });
      features.push((module as { default?: unknown }).default);
      continue;
    }
    features.push(...exported.features);
  }
  return features;
}

/** Looks for node_modules/<name> from `start` upwards, as Node does. */
async function findPackage(start: string, name: string): Promise<{ dir: string; manifest: PackageManifest } | undefined> {
  for (let dir = start; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    const manifest = await readManifest(join(candidate, 'package.json'));
    if (manifest !== undefined) return { dir: candidate, manifest };
    if (dirname(dir) === dir) return undefined;
  }
}

async function readManifest(file: string): Promise<PackageManifest | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
  try {
    return JSON.parse(text) as PackageManifest;
  } catch (error) {
    throw plugboardError('FEATURE_LOAD_FAILED', { reason: 'package-json', file, cause: error }, { cause: error });
  }
}

/** The ES module entry: exports["."] (import or default condition), then main, then index.js. */
function entryOf(manifest: PackageManifest): string {
  return pickEntry(manifest.exports) ?? manifest.main ?? 'index.js';
}

/** The path an `exports` value leads to; conditions are tried in order, nesting walked with a stack (bounded). */
function pickEntry(exports: unknown): string | undefined {
  const pending: unknown[] = [exports];
  for (let steps = 0; pending.length > 0 && steps < 256; steps++) {
    const value = pending.pop();
    if (typeof value === 'string') return value;
    if (value === null || typeof value !== 'object') continue;
    const record = value as Record<string, unknown>;
    if ('.' in record) pending.push(record['.']);
    // Last pushed is tried first: import, then default, then node.
    else pending.push(record['node'], record['default'], record['import']);
  }
  return undefined;
}

function matches(pattern: string, name: string): boolean {
  const regex = new RegExp(
    `^${pattern
      .split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\/]/g, '\\$&'))
      .join('.*')}$`,
  );
  return regex.test(name);
}
