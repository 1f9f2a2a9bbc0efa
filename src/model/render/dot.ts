import type { AppDescription } from '../describe.js';
import { readRenderInput } from './input.js';
import { buildScene, type EdgeKind, type NodeKind, type NodeMark, type SceneNode } from './scene.js';
import type { RenderOptions } from './select.js';
import { dotText } from './text.js';

const shapes: Record<NodeKind, string> = {
  plugin: 'shape=box3d',
  module: 'shape=box',
  extensionPoint: 'shape=ellipse, style=filled, fillcolor="#fff4c2"',
  service: 'shape=hexagon',
};

const marks: Record<NodeMark, string> = {
  ok: '',
  failed: ', color=red, fontcolor=red, penwidth=2',
  missing: ', color=red, fontcolor=red, style=dashed',
};

const arrows: Record<EdgeKind, string> = {
  provides: ' [label="provides"]',
  usedBy: ' [label="used by", style=dashed]',
  dependsOn: ' [label="depends on", style=bold]',
  injects: ' [color=gray40]',
};

/**
 * The wiring as a Graphviz DOT digraph, the same picture as {@link toMermaid}: each plugin a
 * cluster (its child container) with its modules, extension points and plugin-scoped service
 * instances; root services outside; failed plugins and modules red; missing services and extension
 * points red and dashed. Render it with `dot -Tsvg`.
 *
 * A service's label says its scope and, when there is one, what differs from a singleton created
 * at the scope's default time: every provider of a multiton ref (numbered as in the injected
 * array), a non-default `initialization`, and what an explicit `add()` replaced.
 *
 * @param description - what `app.describe()` returns.
 * @param options - `{ plugin }` to draw one plugin and the services it uses.
 * @throws PlugboardError `INVALID_OPTIONS` when `options.plugin` names no plugin of the description, or
 *   when `description` or `options` is not what it should be (the message names the wrong value).
 */
export function toDot(description: AppDescription, options?: RenderOptions): string {
  const checked = readRenderInput('toDot', description, options);
  const scene = buildScene(checked.input, checked.options);
  const node = (n: SceneNode): string => `${n.id} [label="${dotText(n.lines.join('\n'))}", ${shapes[n.kind]}${marks[n.mark]}];`;
  const lines = [
    'digraph plugboard {',
    '  rankdir=LR;',
    '  graph [fontname="Helvetica", fontsize=12];',
    '  node [fontname="Helvetica", fontsize=11];',
    '  edge [fontname="Helvetica", fontsize=9];',
  ];
  for (const cluster of scene.clusters) {
    lines.push(`  subgraph cluster_${cluster.id} {`, `    label="${dotText(cluster.label)}";`, '    style=rounded;');
    if (cluster.failed) lines.push('    color=red;', '    fontcolor=red;');
    for (const n of cluster.nodes) lines.push(`    ${node(n)}`);
    lines.push('  }');
  }
  for (const n of scene.nodes) lines.push(`  ${node(n)}`);
  for (const e of scene.edges) lines.push(`  ${e.from} -> ${e.to}${arrows[e.kind]};`);
  lines.push('}');
  return `${lines.join('\n')}\n`;
}
