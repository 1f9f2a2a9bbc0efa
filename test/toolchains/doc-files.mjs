// Reads the files and commands a guide spells out. A fenced block that follows a caption line
// **`path`** is the whole content of that file; one that follows **`$ command`** is what the
// command prints. test/toolchains/run.mjs builds docs/getting-started.md from them, and
// test/toolchains/docs.test.ts checks docs/toolchains.md's config files against the matrix.

const CAPTION = /^\*\*`(.+)`\*\*$/;
const FENCE = /^```(.*)$/;

/**
 * The captioned blocks of `markdown`, in order: `{ name, info, content, line }`, where `name` is the
 * caption (a file path, or `$ command`) and `content` ends with a newline.
 */
export function captionedBlocks(markdown) {
  const lines = markdown.split('\n');
  const blocks = [];
  for (let index = 0; index < lines.length; index++) {
    const caption = CAPTION.exec(lines[index].trim());
    if (!caption) continue;
    let start = index + 1;
    while (start < lines.length && lines[start].trim() === '') start++;
    const fence = FENCE.exec(lines[start] ?? '');
    if (!fence) throw new Error(`line ${index + 1}: the caption ${lines[index].trim()} is not followed by a fenced block`);
    let end = start + 1;
    while (end < lines.length && lines[end] !== '```') end++;
    if (end === lines.length) throw new Error(`line ${start + 1}: the block is never closed`);
    const body = lines.slice(start + 1, end);
    blocks.push({ name: caption[1], info: fence[1].trim(), content: body.length === 0 ? '' : `${body.join('\n')}\n`, line: start + 1 });
    index = end;
  }
  return blocks;
}

/** The files of `markdown` (captions that are paths), by path; a path given twice is an error. */
export function documentedFiles(markdown) {
  const files = new Map();
  for (const block of captionedBlocks(markdown)) {
    if (block.name.startsWith('$ ')) continue;
    if (files.has(block.name)) throw new Error(`line ${block.line}: ${block.name} is given twice`);
    files.set(block.name, block.content);
  }
  return files;
}

/** The commands of `markdown` whose output it shows: `{ command, output }`, in order. */
export function documentedOutputs(markdown) {
  return captionedBlocks(markdown)
    .filter((block) => block.name.startsWith('$ '))
    .map((block) => ({ command: block.name.slice(2), output: block.content }));
}

/**
 * Whether `actual` output is what the guide shows: line by line, where `…` in a shown line stands
 * for any text (times, process ids, durations).
 */
export function matchesShownOutput(shown, actual) {
  const expected = shown.trimEnd().split('\n');
  const got = actual.trimEnd().split('\n');
  if (expected.length !== got.length) return false;
  return expected.every((line, index) => {
    const pattern = line
      .split('…')
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*?');
    return new RegExp(`^${pattern}$`).test(got[index]);
  });
}
