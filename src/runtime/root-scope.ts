import { Container } from 'inversify';
import { plugboardError } from '../errors/index.js';
import type { Creatable, Dependency, ServiceNode } from '../model/types.js';
import type { AnyServiceRef } from '../tokens/service-ref.js';
import { Cell } from './cell.js';
import { runtimeRefs, type RootContext } from './context-refs.js';
import { ensureCreated, type CreationScope } from './creation.js';
import { inContainer } from './failures.js';
import { HookRegistry } from './hooks.js';
import type { Boxed } from './instances.js';
import { makeClass, makeRootContext, makeService, type MakeContext } from './make.js';
import { ShutdownStack } from './shutdown/stack.js';

/** What every scope reads of the runtime's settings, which config may refine after root services exist. */
export interface ScopeSettings {
  /** Bound on each init, factory and hook; undefined for none. */
  initTimeoutMs(): number | undefined;
  /** True once start must begin nothing new. */
  halted(): boolean;
}

/**
 * The app's root scope: the root InversifyJS container, the root services and root classes it
 * creates (each once for the app), the root hooks and the root shutdown stack. Plugin scopes ask
 * it for root services and nothing else.
 */
export class RootScope implements CreationScope {
  readonly container: Container;
  readonly stack: ShutdownStack;
  readonly hooks: HookRegistry;
  readonly parent = undefined;
  // Keyed by ref id, class, or root context id: a bootstrap scope's cells stay valid for the
  // app's graph, whose nodes are other objects for the same refs.
  readonly #cells: Map<unknown, Cell>;
  readonly #make: MakeContext;

  /**
   * @param services the app's services by ref id (for `get()`).
   * @param inherit a root scope whose services already exist (made for feature loaders): its
   * container, services, hooks and shutdown steps become this scope's.
   */
  constructor(
    private readonly services: ReadonlyMap<string, ServiceNode>,
    private readonly settings: ScopeSettings,
    context: Omit<RootContext, 'hooks'>,
    onLateStep: ConstructorParameters<typeof ShutdownStack>[0],
    inherit?: RootScope,
  ) {
    if (inherit !== undefined) {
      this.container = inherit.container;
      this.stack = inherit.stack;
      this.hooks = inherit.hooks;
      this.#cells = inherit.#cells;
    } else {
      this.container = new Container();
      this.stack = new ShutdownStack(onLateStep);
      this.hooks = new HookRegistry({}, this.stack);
      this.#cells = new Map([[runtimeRefs.rootContext.id, Cell.done({ ...context, hooks: this.hooks })]]);
    }
    const stack = this.stack;
    this.#make = {
      resolve: (dep) => this.resolve(dep),
      pluginId: undefined,
      get timeoutMs() {
        return settings.initTimeoutMs();
      },
      stack,
      rootContext: (node) => this.value(node),
    };
  }

  /** Creates what `nodes` need and then them, each once; sync when everything is. */
  ensure(nodes: readonly Creatable[]): void | Promise<void> {
    return ensureCreated(this, nodes);
  }

  /** True when `node` was created successfully. */
  isDone(node: Creatable): boolean {
    return this.#cells.get(keyOf(node))?.state === 'done';
  }

  /** The value of a node that is done. */
  value(node: Creatable): unknown {
    return this.#cells.get(keyOf(node))!.value;
  }

  /** The value a root-scoped dependency resolves to (its node is done). */
  resolve(dep: Dependency): unknown {
    return dep.kind === 'service' || dep.kind === 'class' ? this.value(dep.node) : undefined;
  }

  /** Ids of root services created (done) so far. */
  createdServiceIds(): string[] {
    const ids: string[] = [];
    for (const [key, cell] of this.#cells) if (typeof key === 'string' && !key.startsWith(CONTEXT) && cell.state === 'done') ids.push(key);
    return ids;
  }

  /**
   * A root service for `app.get()`: created now if it is lazy and can be made synchronously.
   * Throws `SCOPE_VIOLATION` for a plugin-scoped ref, `SERVICE_NOT_FOUND` for one not in the
   * app, `INVALID_STATE` for a lazy one whose creation is asynchronous, and its creation error.
   */
  get(ref: AnyServiceRef): unknown {
    if (ref.scope !== 'root') throw plugboardError('SCOPE_VIOLATION', { reason: 'app-get', refId: ref.id });
    const node = this.services.get(ref.id);
    if (node === undefined || node.source === 'builtin') throw plugboardError('SERVICE_NOT_FOUND', { reason: 'not-in-app', refId: ref.id });
    let cell = this.#cells.get(node.id);
    if (cell === undefined) {
      const created = this.ensure([node]);
      // The creation goes on; its failure is reported when the service is asked for again.
      if (created instanceof Promise) created.catch(() => undefined);
      cell = this.#cells.get(node.id)!;
    }
    if (cell.state === 'failed') throw cell.error;
    if (cell.state === 'pending') throw plugboardError('INVALID_STATE', { reason: 'lazy-async', refId: ref.id });
    return cell.value;
  }

  /** Drops the container and every instance. */
  release(): void {
    this.#cells.clear();
  }

  // ---- CreationScope ----

  cell(node: Creatable): Cell | undefined {
    return this.#cells.get(keyOf(node));
  }

  setCell(node: Creatable, cell: Cell): void {
    this.#cells.set(keyOf(node), cell);
    // Bound in the root container as it is created: what the root owns, the root container holds.
    if (node.kind === 'service')
      inContainer(`service '${node.id}'`, undefined, () => this.container.bind(node.ref.key).toDynamicValue(() => this.value(node)));
  }

  owns(node: Creatable): boolean {
    return node.scope === 'root';
  }

  needsOf(node: Creatable): readonly Creatable[] {
    return node.needs;
  }

  make(node: Creatable): Boxed {
    if (node.kind === 'service') return makeService(node, this.#make);
    if (node.kind === 'class') return makeClass(node, this.#make);
    return makeRootContext(node, this.#make);
  }

  halted(): boolean {
    return this.settings.halted();
  }
}

const CONTEXT = '\0context:';

function keyOf(node: Creatable): unknown {
  if (node.kind === 'service') return node.id;
  if (node.kind === 'class') return node.cls;
  return `${CONTEXT}${node.service.id}`;
}
