import type { WiringProblem } from '../errors.js';
import { readMetadata, type ClassMetadata } from '../decorators/metadata.js';
import { isExtensionPoint } from '../tokens/extension-point.js';
import { isServiceRef, type ServiceRef } from '../tokens/service-ref.js';
import { className, type Constructor } from '../tokens/types.js';
import type { CatalogEntry } from './catalog.js';
import type { ClassNode, Dependency, Recipe } from './types.js';

const ABSENT: Dependency = Object.freeze({ kind: 'absent' });

/** Who owns a recipe: named in problems so the user can find the class. */
export interface Owner {
  readonly label: string;
  readonly pluginId?: string;
  readonly moduleId?: string;
  readonly refId?: string;
}

/** A ref that nothing implements, with everyone who asked for it. */
export interface MissingRef {
  readonly ref: ServiceRef<unknown>;
  readonly dependants: string[];
}

/**
 * Turns classes into recipes: for each constructor parameter, what it points at. Class tokens
 * become shared {@link ClassNode}s (one per class, whatever the plugin), refs are looked up in the
 * catalog. Reports parameters without a token and remembers refs nothing implements.
 */
export class RecipeBook {
  readonly classNodes = new Map<Constructor, ClassNode>();
  readonly missing = new Map<string, MissingRef>();
  // Dependencies are immutable: one object per (token, optional) however many classes share it.
  private readonly interned = [new Map<unknown, Dependency>(), new Map<unknown, Dependency>()] as const;
  private readonly classByImplementation = new Map<Constructor, ServiceRef<unknown>>();

  constructor(
    private readonly catalog: ReadonlyMap<string, CatalogEntry>,
    private readonly problems: WiringProblem[],
  ) {
    for (const entry of catalog.values()) {
      if (entry.implementation.kind === 'class') this.classByImplementation.set(entry.implementation.cls, entry.ref);
    }
  }

  recipe(cls: Constructor, owner: Owner, metadata: ClassMetadata | undefined = readMetadata(cls)): Recipe {
    const parameters = metadata?.parameters ?? [];
    const declared: readonly unknown[] | undefined =
      metadata?.declaredFor === cls
        ? metadata.declaredTypes
        : (Reflect.getOwnMetadata?.('design:paramtypes', cls) as readonly unknown[] | undefined);
    const count = Math.max(cls.length, parameters.length, declared?.length ?? 0);
    const deps = new Array<Dependency>(count); // exact size: one per parameter, for every class
    for (let index = 0; index < count; index++) {
      const parameter = parameters[index];
      const token = parameter?.token;
      if (token === undefined) {
        if (parameter?.optional) {
          deps[index] = ABSENT;
          continue;
        }
        const type = declared?.[index];
        const typeName = typeof type === 'function' && type !== Object ? ` (type ${type.name})` : '';
        this.problems.push({
          code: 'MISSING_INJECTION_TOKEN',
          message:
            `Constructor parameter ${index}${typeName} of ${owner.label} (class ${className(cls)}) has no injection token. ` +
            `Add @inject(ref) to it (interfaces have no runtime type, so plugboard cannot guess).`,
          ...ids(owner),
        });
        deps[index] = ABSENT;
        continue;
      }
      deps[index] = this.dependency(token, parameter!.optional, owner);
    }
    // Every field in the literal: one shape for all recipes, no properties added later.
    return { cls, name: className(cls), deps, onInit: metadata?.onInit, onShutdown: metadata?.onShutdown };
  }

  dependency(token: unknown, optional: boolean, owner: Owner): Dependency {
    const known = this.interned[optional ? 1 : 0].get(token);
    if (known !== undefined) return known;
    if (isServiceRef(token)) {
      const entry = this.catalog.get(token.id);
      if (entry !== undefined) return this.intern(token, optional, { kind: 'service', ref: entry.ref, optional });
      if (optional) return ABSENT;
      let missing = this.missing.get(token.id);
      if (missing === undefined) {
        missing = { ref: token, dependants: [] };
        this.missing.set(token.id, missing);
      }
      if (!missing.dependants.includes(owner.label)) missing.dependants.push(owner.label);
      return ABSENT;
    }
    if (isExtensionPoint(token)) return this.intern(token, optional, { kind: 'extensionPoint', extensionPoint: token, optional });
    const cls = token as Constructor;
    const implemented = this.classByImplementation.get(cls);
    if (implemented !== undefined) return { kind: 'service', ref: implemented, optional };
    return { kind: 'class', node: this.classNode(cls), optional };
  }

  // Keyed by the token as written: a ref object, or an extension point. Only called on a miss.
  private intern(token: unknown, optional: boolean, dep: Dependency): Dependency {
    this.interned[optional ? 1 : 0].set(token, dep);
    return dep;
  }

  /** The shared node of a class injected by class. Its recipe is filled after creation so cycles terminate. */
  classNode(cls: Constructor): ClassNode {
    let node = this.classNodes.get(cls);
    if (node !== undefined) return node;
    const metadata = readMetadata(cls);
    node = {
      key: `class:${className(cls)}#${this.classNodes.size}`,
      cls,
      scope: metadata?.service?.scope ?? 'plugin',
      recipe: { cls, name: className(cls), deps: [] },
    };
    this.classNodes.set(cls, node);
    node.recipe = this.recipe(cls, { label: `class ${className(cls)}` }, metadata);
    return node;
  }
}

/** The ids of an owner, spread into a problem. */
export function ids(owner: Owner): Pick<WiringProblem, 'pluginId' | 'moduleId' | 'refId'> {
  const result: { pluginId?: string; moduleId?: string; refId?: string } = {};
  if (owner.pluginId !== undefined) result.pluginId = owner.pluginId;
  if (owner.moduleId !== undefined) result.moduleId = owner.moduleId;
  if (owner.refId !== undefined) result.refId = owner.refId;
  return result;
}
