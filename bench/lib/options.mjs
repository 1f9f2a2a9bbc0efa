// Command-line options of the profile scripts: `--name value`.

/** The value after `--name` on the command line, or `fallback` when it is not there. */
export function option(name, fallback) {
  const k = process.argv.indexOf(`--${name}`);
  return k === -1 ? fallback : process.argv[k + 1];
}
