import type { AppDescription } from '../describe.js';
import { dotText, nodeId } from './escape.js';
import { select, type RenderOptions } from './select.js';

/**
 * The wiring as a Graphviz DOT digraph: each plugin a cluster (its child container) with its
 * modules and extension points; services as hexagons labelled with their scope; failed plugins
 * drawn red. Render with `dot -Tsvg`.
 */
export function toDot(description: AppDescription, options: RenderOptions = {}): string {
  const { plugins, services } = select(description, options);
  const lines: string[] = ['digraph plugboard {', '  rankdir=LR;', '  node [fontname="Helvetica", fontsize=11];'];
  const edges: string[] = [];
  for (const plugin of plugins) {
    const failed = plugin.status === 'failed';
    lines.push(`  subgraph cluster_${nodeId('container', plugin.id)} {`);
    lines.push(`    label="${dotText(`plugin ${plugin.id}${failed ? ' (failed)' : plugin.status === 'skipped' ? ' (skipped)' : ''}`)}";`);
    if (failed) lines.push('    color=red;');
    lines.push(`    ${nodeId('plugin', plugin.id)} [label="${dotText(plugin.id)}", shape=box3d${failed ? ', color=red' : ''}];`);
    for (const module of plugin.modules) {
      lines.push(
        `    ${nodeId('module', plugin.id, module.id)} [label="${dotText(`module ${module.id}`)}", shape=box${module.status === 'failed' ? ', color=red' : ''}];`,
      );
    }
    for (const ep of description.extensionPoints.filter((e) => e.pluginId === plugin.id)) {
      const id = nodeId('ep', ep.id);
      lines.push(`    ${id} [label="${dotText(ep.id)}", shape=ellipse, style=dashed];`);
      const provider = ep.provider.moduleId === undefined ? nodeId('plugin', plugin.id) : nodeId('module', plugin.id, ep.provider.moduleId);
      edges.push(`  ${provider} -> ${id} [label="provides"];`);
      for (const user of ep.users) {
        const userId = user.moduleId === undefined ? nodeId('plugin', plugin.id) : nodeId('module', plugin.id, user.moduleId);
        edges.push(`  ${userId} -> ${id} [label="uses", style=dotted];`);
      }
    }
    lines.push('  }');
    for (const dependency of plugin.dependsOn)
      edges.push(`  ${nodeId('plugin', plugin.id)} -> ${nodeId('plugin', dependency)} [label="dependsOn", style=bold];`);
  }
  for (const service of services) {
    lines.push(`  ${nodeId('service', service.id)} [label="${dotText(`${service.id}\n(${service.scope})`)}", shape=hexagon];`);
    for (const dependency of service.dependencies) edges.push(`  ${nodeId('service', service.id)} -> ${nodeId('service', dependency)};`);
  }
  const shown = new Set(services.map((s) => s.id));
  for (const plugin of plugins) {
    for (const id of plugin.services) if (shown.has(id)) edges.push(`  ${nodeId('plugin', plugin.id)} -> ${nodeId('service', id)};`);
    for (const module of plugin.modules) {
      for (const id of module.services)
        if (shown.has(id)) edges.push(`  ${nodeId('module', plugin.id, module.id)} -> ${nodeId('service', id)};`);
    }
  }
  return [...lines, ...edges, '}'].join('\n') + '\n';
}
