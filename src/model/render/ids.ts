/**
 * Node ids that are safe, unquoted, in both Mermaid and DOT: a kind prefix, then each part with
 * every character outside `[A-Za-z0-9]` written as `_<hex>_`, parts joined by `__`. The mapping is
 * one-to-one (an escape always has a hex digit after its `_`, a separator never does), so two
 * different ids, say `a.b` and `a-b`, can never share a node.
 */
export function nodeId(kind: string, ...parts: readonly string[]): string {
  return [kind, ...parts.map(escapePart)].join('__');
}

function escapePart(part: string): string {
  return part.replace(/[^A-Za-z0-9]/gu, (c) => `_${c.codePointAt(0)!.toString(16)}_`);
}
