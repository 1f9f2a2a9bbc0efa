/**
 * Renderers of `app.describe()`: Mermaid and Graphviz DOT. Pure functions of the description.
 *
 * @packageDocumentation
 */
export { toMermaid } from './mermaid.js';
export { toDot } from './dot.js';
export { selectDescription, type RenderOptions } from './select.js';
