import type { DrawnService } from './model.js';

/**
 * A service node's label, one entry per line: its id and scope, then only what differs from the
 * usual singleton created at the scope's default time, so the picture of an app without multiton
 * refs, replacements or non-default initialization stays as it was:
 *
 * - a multiton ref lists every provider, numbered by its position in the injected array;
 * - initialization is written when it is not the scope's default (a lazy root service, a plugin
 *   service created at every plugin's start);
 * - each implementation an explicit `add()` replaced is named with the loader it came from.
 */
export function serviceLines(service: DrawnService): string[] {
  const lines = [service.id, `${service.scope} scope`];
  if (service.multiton) lines.push(...multitonLines(service.implementations));
  if (service.scope === 'root' && service.initialization === 'lazy') lines.push('lazy: created when first needed');
  if (service.scope === 'plugin' && service.initialization === 'always') lines.push("always: created at each plugin's start");
  for (const replaced of service.replaced) {
    const by = service.multiton ? '' : `${service.implementation} `;
    lines.push(`${by}replaced ${replaced.implementation} from ${replaced.loader}`);
  }
  return lines;
}

function multitonLines(implementations: readonly string[]): string[] {
  if (implementations.length === 0) return ['multiton, no provider: injected as []'];
  const count = implementations.length === 1 ? '1 provider' : `${implementations.length} providers`;
  return [`multiton, ${count}:`, ...implementations.map((implementation, index) => `[${index}] ${implementation}`)];
}
