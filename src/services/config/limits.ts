/**
 * Upper bounds on config data. Each is refused with `CONFIG_INVALID` naming the source and the
 * limit, before any work proportional to the excess is done.
 *
 * - `maxFileBytes` (512 KiB): hand-written configs are kilobytes (a large Backstage or Helm config
 *   stays under 200 KB). The YAML parser reads about 1 MB per second of CPU, and a start cannot
 *   time out while it parses (parsing blocks the event loop), so 512 KiB keeps that block near
 *   half a second while leaving room for two and a half times the largest config we know of.
 * - `maxEntries` (100 000 per source, keys and list items counted): more than a file within the
 *   size limit holds as written config (512 KiB of short `key: value` lines is about 40 000); it
 *   bounds what no file limit covers: the builder's `config` object (a shared sub-object counts
 *   each time it is reached) and compact JSON lists.
 * - `maxDepth` (64 nested objects/lists): real configs nest under 20 levels (Kubernetes
 *   manifests are among the deepest). Every walk over config data is iterative, but the YAML
 *   parser's is not: the bound is checked while parsing, before the parser descends.
 */
export const CONFIG_LIMITS = Object.freeze({
  maxFileBytes: 512 * 1024,
  maxEntries: 100_000,
  maxDepth: 64,
});
