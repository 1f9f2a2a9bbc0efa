import { label, wiringProblem, type Subject, type WiringProblem } from '../errors/index.js';
import { readMetadata, type ClassMetadata } from '../decorators/metadata.js';
import { isExtensionPoint } from '../tokens/extension-point.js';
import { isServiceRef, type AnyServiceRef } from '../tokens/service-ref.js';
import { className, type Constructor } from '../tokens/types.js';
import type { ClassNode, Creatable, Dependency, Recipe, ServiceNode } from './types.js';

const ABSENT: Dependency = Object.freeze({ kind: 'absent' });
const NO_DEPS: readonly Dependency[] = Object.freeze([]);
const NO_NEEDS: readonly Creatable[] = Object.freeze([]);

/**
 * A recipe. Its `name` is read from the class when a message or a description asks for it: most
 * recipes (every module's) are never named, and reading a class's name safely (by descriptor, so
 * a static getter never runs) costs as much as building the rest of the recipe.
 */
class ClassRecipe implements Recipe {
  constructor(
    readonly cls: Constructor,
    readonly deps: readonly Dependency[],
    readonly onInit: string | symbol | undefined,
    readonly onShutdown: string | symbol | undefined,
  ) {}

  get name(): string {
    return className(this.cls);
  }
}

/** A ref that nothing implements, with everyone who asked for it. */
export interface MissingRef {
  readonly ref: AnyServiceRef;
  readonly dependants: string[];
}

/**
 * Turns classes into recipes: for each constructor parameter, what it points at. Class tokens
 * become shared {@link ClassNode}s (one per class, whatever the plugin), refs point at their
 * service nodes. Reports parameters without a token and remembers refs nothing implements.
 *
 * Classes injected by class are queued and their recipes built by {@link drain}, never by
 * recursion: a chain of 10 000 classes costs a loop, not 10 000 stack frames.
 */
export class RecipeBook {
  readonly classNodes = new Map<Constructor, ClassNode>();
  readonly missing = new Map<string, MissingRef>();
  // Dependencies are immutable: one object per (token, optional) however many classes share it.
  private readonly interned = [new Map<unknown, Dependency>(), new Map<unknown, Dependency>()] as const;
  private readonly serviceByClass = new Map<Constructor, ServiceNode>();
  private readonly queue: ClassNode[] = [];

  constructor(
    private readonly services: ReadonlyMap<string, ServiceNode>,
    implementingClasses: ReadonlyMap<Constructor, ServiceNode>,
    private readonly problems: WiringProblem[],
  ) {
    for (const [cls, node] of implementingClasses) this.serviceByClass.set(cls, node);
  }

  recipe(cls: Constructor, owner: Subject, metadata: ClassMetadata | undefined = readMetadata(cls)): Recipe {
    const parameters = metadata?.parameters ?? [];
    const declared: readonly unknown[] | undefined =
      metadata?.declaredFor === cls
        ? metadata.declaredTypes
        : (Reflect.getOwnMetadata?.('design:paramtypes', cls) as readonly unknown[] | undefined);
    const count = Math.max(arity(cls), parameters.length, declared?.length ?? 0);
    const deps = count === 0 ? NO_DEPS : new Array<Dependency>(count); // exact size: one per parameter
    for (let index = 0; index < count; index++) {
      const parameter = parameters[index];
      const token = parameter?.token;
      if (token !== undefined) {
        (deps as Dependency[])[index] = this.dependency(token, parameter!.optional, owner);
        continue;
      }
      (deps as Dependency[])[index] = ABSENT;
      if (parameter?.optional) continue;
      const type = declared?.[index];
      this.problems.push(
        wiringProblem('MISSING_INJECTION_TOKEN', {
          ...owner,
          index,
          ownerClass: className(cls),
          ...(typeof type === 'function' && type !== Object ? { typeName: className(type) } : {}),
        }),
      );
    }
    return new ClassRecipe(cls, deps, metadata?.onInit, metadata?.onShutdown);
  }

  dependency(token: unknown, optional: boolean, owner: Subject): Dependency {
    const known = this.interned[optional ? 1 : 0].get(token);
    if (known !== undefined) return known;
    if (isServiceRef(token)) {
      const node = this.services.get(token.id);
      if (node !== undefined) return this.intern(token, optional, { kind: 'service', node, optional });
      if (optional) return ABSENT;
      this.recordMissing(token, owner);
      return ABSENT;
    }
    if (isExtensionPoint(token)) return this.intern(token, optional, { kind: 'extensionPoint', extensionPoint: token, optional });
    const cls = token as Constructor;
    const implemented = this.serviceByClass.get(cls);
    if (implemented !== undefined) return this.intern(token, optional, { kind: 'service', node: implemented, optional });
    return this.intern(token, optional, { kind: 'class', node: this.classNode(cls), optional });
  }

  /** The shared node of a class injected by class. Its recipe is built by {@link drain}. */
  classNode(cls: Constructor): ClassNode {
    let node = this.classNodes.get(cls);
    if (node !== undefined) return node;
    const metadata = readMetadata(cls);
    node = {
      kind: 'class',
      cls,
      key: `class#${this.classNodes.size}`,
      scope: metadata?.service?.scope ?? 'plugin',
      recipe: new ClassRecipe(cls, NO_DEPS, undefined, undefined),
      needs: NO_NEEDS,
    };
    this.classNodes.set(cls, node);
    this.queue.push(node);
    return node;
  }

  /** Builds the recipes of every class queued so far (and of those they queue in turn). */
  drain(): void {
    while (this.queue.length > 0) {
      const node = this.queue.pop()!;
      node.recipe = this.recipe(node.cls, { className: node.recipe.name });
    }
  }

  // Keyed by the token as written: a ref object, an extension point, or a class. Only called on a miss.
  private intern(token: unknown, optional: boolean, dep: Dependency): Dependency {
    this.interned[optional ? 1 : 0].set(token, dep);
    return dep;
  }

  private recordMissing(ref: AnyServiceRef, owner: Subject): void {
    let missing = this.missing.get(ref.id);
    if (missing === undefined) {
      missing = { ref, dependants: [] };
      this.missing.set(ref.id, missing);
    }
    const name = label(owner);
    if (!missing.dependants.includes(name)) missing.dependants.push(name);
  }
}

// Captured once: a class may define a static `__lookupGetter__` of its own.
const lookupGetter = (Object.prototype as { readonly __lookupGetter__: (this: unknown, key: PropertyKey) => (() => unknown) | undefined })
  .__lookupGetter__;

/**
 * A class's declared parameter count, read without running a static `length` getter and without
 * walking its prototypes (a Proxy's could go on forever): its own `length` when that is not an
 * accessor, else 0. Cheaper than a descriptor per class, which allocates: one recipe per module.
 */
function arity(cls: Constructor): number {
  try {
    if (!Object.hasOwn(cls, 'length')) return 0;
    // Annex B: a hardened realm may have removed it; then the descriptor.
    if (typeof lookupGetter !== 'function') {
      const own: unknown = Object.getOwnPropertyDescriptor(cls, 'length')?.value;
      return typeof own === 'number' ? own : 0;
    }
    // Own, so the lookup stops at the class itself.
    if (lookupGetter.call(cls, 'length') !== undefined) return 0;
    const length: unknown = cls.length;
    return typeof length === 'number' ? length : 0;
  } catch {
    return 0; // a Proxy class whose traps throw: read like className reads it, as unknown
  }
}
