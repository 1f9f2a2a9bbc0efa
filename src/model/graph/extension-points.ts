import { wiringProblem, type WiringProblem } from '../../errors/index.js';
import type { ExtensionPointProvider } from '../../decorators/metadata.js';
import { RESERVED_ID_PREFIX } from '../../tokens/ids.js';
import type { Constructor } from '../../tokens/types.js';
import type { RecipeBook } from '../recipes.js';
import type { ExtensionPointImplementation, ExtensionPointNode, PluginNode } from '../types.js';

const NO_EXTENSION_POINTS: readonly ExtensionPointNode[] = Object.freeze([]);

/**
 * The extension points of the app, one provider each: created as their providers (a plugin or
 * one of its modules) are read.
 */
export class ExtensionPointRegistry {
  readonly all = new Map<string, ExtensionPointNode>();

  constructor(
    private readonly book: RecipeBook,
    private readonly problems: WiringProblem[],
  ) {}

  /** The nodes `providers` provide for `plugin` (or its module `moduleId`); a shared empty list when none. */
  provide(plugin: PluginNode, providers: readonly ExtensionPointProvider[], moduleId: string | undefined): readonly ExtensionPointNode[] {
    if (providers.length === 0) return NO_EXTENSION_POINTS;
    const provided: ExtensionPointNode[] = [];
    for (const provider of providers) {
      const id = provider.provide.id;
      const holder = moduleId === undefined ? { pluginId: plugin.id } : { pluginId: plugin.id, moduleId };
      if (id.startsWith(RESERVED_ID_PREFIX))
        this.problems.push(wiringProblem('RESERVED_ID', { kind: 'extension point', extensionPointId: id }));
      const existing = this.all.get(id);
      if (existing !== undefined) {
        const first =
          existing.moduleId === undefined ? { pluginId: existing.pluginId } : { pluginId: existing.pluginId, moduleId: existing.moduleId };
        this.problems.push(wiringProblem('DUPLICATE_EXTENSION_POINT', { extensionPointId: id, first, ...holder }));
        continue;
      }
      const node: ExtensionPointNode = {
        id,
        extensionPoint: provider.provide,
        pluginId: plugin.id,
        moduleId,
        implementation: this.implementation(provider, holder),
        users: [],
        usedByPlugin: false,
        needs: [],
      };
      this.all.set(id, node);
      plugin.extensionPoints.set(id, node);
      provided.push(node);
    }
    return provided;
  }

  private implementation(provider: ExtensionPointProvider, holder: { pluginId: string; moduleId?: string }): ExtensionPointImplementation {
    if ('useClass' in provider) return { kind: 'class', node: this.book.classNode(provider.useClass as Constructor) };
    if ('useValue' in provider) return { kind: 'value', value: provider.useValue as object };
    const deps = provider.deps ?? {};
    return {
      kind: 'factory',
      factory: provider.useFactory,
      deps: Object.keys(deps).map((name) => [name, this.book.dependency(deps[name], false, holder)] as const),
    };
  }
}
