/** A node id safe in Mermaid and DOT: letters, digits and `_` only, prefixed to keep kinds apart. */
export function nodeId(kind: string, ...parts: readonly string[]): string {
  return `${kind}_${parts.map((part) => part.replace(/[^A-Za-z0-9]/g, (c) => `_${c.charCodeAt(0).toString(16)}_`)).join('__')}`;
}

/** Text for a Mermaid label inside double quotes: quotes and markup characters as entities. */
export function mermaidText(text: string): string {
  return text.replace(/[&"<>#]/g, (c) => `#${c.charCodeAt(0)};`);
}

/** Text for a DOT double-quoted string. */
export function dotText(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}
