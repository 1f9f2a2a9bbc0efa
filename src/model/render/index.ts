export { toMermaid } from './mermaid.js';
export { toDot } from './dot.js';
export type { RenderOptions } from './select.js';
