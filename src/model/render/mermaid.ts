import type { AppDescription } from '../describe.js';
import { mermaidText, nodeId } from './escape.js';
import { select, type RenderOptions } from './select.js';

/**
 * The wiring as a Mermaid flowchart: each plugin is a subgraph (its child container) holding its
 * modules and extension points, with provider → extension point → user edges; services show
 * their scope, root services sit outside every plugin, and failed plugins are marked.
 *
 * @example
 * ```ts
 * console.log(toMermaid(app.describe()));
 * ```
 */
export function toMermaid(description: AppDescription, options: RenderOptions = {}): string {
  const { plugins, services } = select(description, options);
  const lines: string[] = ['flowchart LR'];
  const edges: string[] = [];
  for (const plugin of plugins) {
    const status = plugin.status === 'failed' ? ' ✗ failed' : plugin.status === 'skipped' ? ' (skipped)' : '';
    lines.push(`  subgraph ${nodeId('container', plugin.id)}["plugin ${mermaidText(plugin.id)}${status}"]`);
    lines.push(`    ${nodeId('plugin', plugin.id)}[["${mermaidText(plugin.id)}"]]`);
    for (const module of plugin.modules) {
      const failed = module.status === 'failed' ? ' ✗' : '';
      lines.push(`    ${nodeId('module', plugin.id, module.id)}["module ${mermaidText(module.id)}${failed}"]`);
    }
    for (const ep of description.extensionPoints.filter((e) => e.pluginId === plugin.id)) {
      const id = nodeId('ep', ep.id);
      lines.push(`    ${id}(["${mermaidText(ep.id)}"])`);
      const provider = ep.provider.moduleId === undefined ? nodeId('plugin', plugin.id) : nodeId('module', plugin.id, ep.provider.moduleId);
      edges.push(`  ${provider} -- provides --> ${id}`);
      for (const user of ep.users) {
        const userId = user.moduleId === undefined ? nodeId('plugin', plugin.id) : nodeId('module', plugin.id, user.moduleId);
        edges.push(`  ${userId} -. uses .-> ${id}`);
      }
    }
    if (plugin.status === 'failed') lines.push(`    style ${nodeId('plugin', plugin.id)} stroke:#c00,stroke-width:3px`);
    lines.push('  end');
    for (const dependency of plugin.dependsOn)
      edges.push(`  ${nodeId('plugin', plugin.id)} == dependsOn ==> ${nodeId('plugin', dependency)}`);
  }
  for (const service of services) {
    lines.push(`  ${nodeId('service', service.id)}{{"${mermaidText(service.id)} (${service.scope})"}}`);
    for (const dependency of service.dependencies) edges.push(`  ${nodeId('service', service.id)} --> ${nodeId('service', dependency)}`);
  }
  const shown = new Set(services.map((s) => s.id));
  for (const plugin of plugins) {
    for (const id of plugin.services) if (shown.has(id)) edges.push(`  ${nodeId('plugin', plugin.id)} --> ${nodeId('service', id)}`);
    for (const module of plugin.modules) {
      for (const id of module.services)
        if (shown.has(id)) edges.push(`  ${nodeId('module', plugin.id, module.id)} --> ${nodeId('service', id)}`);
    }
  }
  return [...lines, ...edges].join('\n') + '\n';
}
