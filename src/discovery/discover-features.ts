import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PlugboardError, describeThrown } from '../errors/index.js';
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
    throw new PlugboardError('FEATURE_LOAD_FAILED', `discoverFeatures(): cannot read the host package.json at ${hostFile}.`);
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
      throw new PlugboardError(
        'FEATURE_LOAD_FAILED',
        `Package '${name}' has "plugboard": { "role": ${JSON.stringify(role)} }; the role is "plugin" or "module".`,
      );
    }
    const entry = join(found.dir, entryOf(found.manifest));
    let exported: unknown;
    try {
      exported = ((await import(pathToFileURL(entry).href)) as { default?: unknown }).default;
    } catch (error) {
      throw new PlugboardError(
        'FEATURE_LOAD_FAILED',
        `Package '${name}' (${role}) could not be imported from ${entry}: ${describeThrown(error)}`,
        { cause: error },
      );
    }
    if (exported === undefined) {
      throw new PlugboardError(
        'FEATURE_LOAD_FAILED',
        `Package '${name}' is marked as a plugboard ${role} but its entry ${entry} has no default export.`,
      );
    }
    features.push(...(Array.isArray(exported) ? (exported as unknown[]) : [exported]));
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
    throw new PlugboardError('FEATURE_LOAD_FAILED', `${file} is not valid JSON: ${describeThrown(error)}`);
  }
}

/** The ES module entry: exports["."] (import or default condition), then main, then index.js. */
function entryOf(manifest: PackageManifest): string {
  const pick = (value: unknown): string | undefined => {
    if (typeof value === 'string') return value;
    if (value === null || typeof value !== 'object') return undefined;
    const record = value as Record<string, unknown>;
    if ('.' in record) return pick(record['.']);
    return pick(record['import']) ?? pick(record['default']) ?? pick(record['node']);
  };
  return pick(manifest.exports) ?? manifest.main ?? 'index.js';
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
