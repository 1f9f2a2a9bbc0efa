// Types of doc-files.mjs, for the TypeScript tests that use it.
export interface CaptionedBlock {
  readonly name: string;
  readonly info: string;
  readonly content: string;
  readonly line: number;
}
export function captionedBlocks(markdown: string): CaptionedBlock[];
export function documentedFiles(markdown: string): Map<string, string>;
export function documentedOutputs(markdown: string): { command: string; output: string }[];
export function matchesShownOutput(shown: string, actual: string): boolean;
