/**
 * Label text for a Mermaid double-quoted string. Mermaid reads `#<decimal>;` as a character entity:
 * quotes would end the string, `<`/`>`/`&` would be read as HTML, a backtick would start a Markdown
 * string, and `#` itself must not start an entity by accident. Line breaks become `<br>`.
 */
export function mermaidText(text: string): string {
  return text
    .replace(/[#"<>&`]/g, (c) => `#${c.charCodeAt(0)};`)
    .replace(/\r\n|\r|\n/g, '<br>')
    .replace(/\t/g, ' ');
}

/** Text for a DOT double-quoted string: backslashes and quotes escaped, line breaks as `\n`. */
export function dotText(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\r\n|\r|\n/g, '\\n');
}
