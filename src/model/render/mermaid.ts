import type { AppDescription } from '../describe.js';
import { readRenderInput } from './input.js';
import { buildScene, type EdgeKind, type NodeKind, type SceneNode } from './scene.js';
import type { RenderOptions } from './select.js';
import { mermaidText } from './text.js';

const shapes: Record<NodeKind, readonly [string, string]> = {
  plugin: ['[["', '"]]'],
  module: ['["', '"]'],
  extensionPoint: ['(["', '"])'],
  service: ['{{"', '"}}'],
};

const arrows: Record<EdgeKind, (from: string, to: string) => string> = {
  provides: (from, to) => `${from} -- provides --> ${to}`,
  usedBy: (from, to) => `${from} -. used by .-> ${to}`,
  dependsOn: (from, to) => `${from} == depends on ==> ${to}`,
  injects: (from, to) => `${from} --> ${to}`,
};

/**
 * The wiring as a Mermaid flowchart. Each plugin is a subgraph (its child container) holding the
 * plugin, its modules, its extension points and its own instances of plugin-scoped services;
 * edges go provider → extension point → user, dependant → service, and plugin → plugin for
 * `dependsOn`. Root services sit outside every plugin. Failed plugins and modules are drawn red,
 * missing services and extension points red and dashed.
 *
 * A service's label says its scope and, when there is one, what differs from a singleton created
 * at the scope's default time: every provider of a multiton ref (numbered as in the injected
 * array), a non-default `initialization`, and what an explicit `add()` replaced.
 *
 * @param description - what `app.describe()` returns.
 * @param options - `{ plugin }` to draw one plugin and the services it uses.
 * @throws PlugboardError `INVALID_OPTIONS` when `options.plugin` names no plugin of the description, or
 *   when `description` or `options` is not what it should be (the message names the wrong value).
 *
 * @example
 * ```ts
 * await app.validate();
 * console.log(toMermaid(app.describe(), { plugin: 'catalog' }));
 * ```
 */
export function toMermaid(description: AppDescription, options?: RenderOptions): string {
  const checked = readRenderInput('toMermaid', description, options);
  const scene = buildScene(checked.input, checked.options);
  const node = (n: SceneNode): string => `${n.id}${shapes[n.kind][0]}${n.lines.map(mermaidText).join('<br>')}${shapes[n.kind][1]}`;
  const lines = ['flowchart LR'];
  for (const cluster of scene.clusters) {
    lines.push(`  subgraph ${cluster.id}["${mermaidText(cluster.label)}"]`, '    direction LR');
    for (const n of cluster.nodes) lines.push(`    ${node(n)}`);
    lines.push('  end');
  }
  for (const n of scene.nodes) lines.push(`  ${node(n)}`);
  for (const e of scene.edges) lines.push(`  ${arrows[e.kind](e.from, e.to)}`);

  const nodes = [...scene.clusters.flatMap((c) => c.nodes), ...scene.nodes];
  const failed = nodes.filter((n) => n.mark === 'failed').map((n) => n.id);
  const missing = nodes.filter((n) => n.mark === 'missing').map((n) => n.id);
  if (failed.length > 0) lines.push('  classDef failed stroke:#c00,stroke-width:2px,color:#c00', `  class ${failed.join(',')} failed`);
  if (missing.length > 0) {
    lines.push('  classDef missing stroke:#c00,stroke-width:2px,stroke-dasharray:5 3,color:#c00', `  class ${missing.join(',')} missing`);
  }
  for (const cluster of scene.clusters.filter((c) => c.failed)) lines.push(`  style ${cluster.id} stroke:#c00,stroke-width:2px,color:#c00`);
  return `${lines.join('\n')}\n`;
}
