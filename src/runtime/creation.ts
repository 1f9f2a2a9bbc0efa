import { plugboardError } from '../errors/index.js';
import { postOrder } from '../model/graph-algorithms.js';
import type { Creatable } from '../model/types.js';
import { Cell } from './cell.js';
import type { Boxed } from './instances.js';
import { isThenable } from './walk.js';

/** What a scope asks of its parent: creating what it does not own, and whether that is done. */
export interface ParentScope {
  ensure(nodes: readonly Creatable[]): void | Promise<void>;
  /** True when `node` was created successfully (and so everything it needed was). */
  isDone(node: Creatable): boolean;
}

/** What {@link ensureCreated} needs from a scope (the root, or a plugin). */
export interface CreationScope {
  /** The cell of a node this scope owns, if creation has begun. */
  cell(node: Creatable): Cell | undefined;
  setCell(node: Creatable, cell: Cell): void;
  /** True for nodes this scope creates; the others come from `parent`. */
  owns(node: Creatable): boolean;
  /** What must exist before `node` is created, in this scope. */
  needsOf(node: Creatable): readonly Creatable[];
  /** Creates `node`, whose needs are all done: its boxed value, or a promise of it. Errors name the node. */
  make(node: Creatable): Boxed;
  /** True once start must begin nothing new (stop() was called, or a plugin failed under 'abort'). */
  halted(): boolean;
  readonly parent: ParentScope | undefined;
}

/**
 * Creates `targets` and everything they need that does not exist yet, in dependency order, each
 * once (a node another call is creating is waited for, not made twice). Synchronous when every
 * step is. Depth is a loop, not recursion: a chain of 10 000 services is fine.
 *
 * After one creation fails nothing new begins, but creations already under way (they may run
 * user code) are awaited before the failure is thrown: when this rejects, no creation it began is
 * still running.
 */
export function ensureCreated(scope: CreationScope, targets: readonly Creatable[]): void | Promise<void> {
  if (allDone(scope, targets)) return undefined;
  const foreign: Creatable[] = [];
  const seenForeign = new Set<Creatable>();
  const order = postOrder(
    targets,
    (node) => scope.needsOf(node),
    (node) => {
      if (scope.owns(node)) return scope.cell(node) === undefined;
      if (!seenForeign.has(node)) {
        seenForeign.add(node);
        foreign.push(node);
      }
      return false;
    },
  );
  const parentReady = foreign.length > 0 && scope.parent !== undefined ? scope.parent.ensure(foreign) : undefined;
  if (isThenable(parentReady)) return Promise.resolve(parentReady).then(() => createInOrder(scope, order, targets));
  return createInOrder(scope, order, targets);
}

/**
 * The common case once a plugin's services exist: every target this scope owns is done (so
 * everything it needed is too) and the parent says the same of the others. Nothing to walk.
 */
function allDone(scope: CreationScope, targets: readonly Creatable[]): boolean {
  // Indexed: asked once per module, mostly before V8 optimises this.
  for (let index = 0; index < targets.length; index++) {
    const target = targets[index]!;
    if (scope.owns(target) ? scope.cell(target)?.state !== 'done' : scope.parent?.isDone(target) !== true) return false;
  }
  return true;
}

function createInOrder(scope: CreationScope, order: readonly Creatable[], targets: readonly Creatable[]): void | Promise<void> {
  const watched = new Set<Cell>();
  for (const node of order) {
    if (scope.cell(node) !== undefined) continue; // begun meanwhile by another call
    if (scope.halted()) break;
    const cell = begin(scope, node);
    scope.setCell(node, cell);
    watched.add(cell);
    if (cell.state === 'failed') break;
  }
  let unbegun = false; // a target creation never began: an earlier one failed, or start was halted
  for (const target of targets) {
    if (!scope.owns(target)) continue;
    const cell = scope.cell(target);
    if (cell === undefined) unbegun = true;
    else watched.add(cell);
  }
  const pending = [...watched].filter((cell) => cell.state === 'pending');
  if (pending.length === 0) return throwFailure(watched, unbegun);
  return Promise.all(pending.map(settledOf)).then(() => throwFailure(watched, unbegun));
}

/** Throws the first failure among `cells`, or START_ABORTED when a target never began for no failure of its own. */
function throwFailure(cells: Iterable<Cell>, unbegun: boolean): void {
  for (const cell of cells) if (cell.state === 'failed') throw cell.error;
  if (unbegun) throw plugboardError('START_ABORTED', { reason: 'halted' });
}

/** Begins one node: made now when its needs are done, after them when some are pending. */
function begin(scope: CreationScope, node: Creatable): Cell {
  const needs: Cell[] = [];
  for (const need of scope.needsOf(node)) {
    if (!scope.owns(need)) continue; // the parent's: done before this scope began
    const cell = scope.cell(need);
    if (cell !== undefined) needs.push(cell);
  }
  const failedNeed = needs.find((cell) => cell.state === 'failed');
  if (failedNeed !== undefined) return Cell.failed(failedNeed.error);
  const pending = needs.filter((cell) => cell.state === 'pending');
  if (pending.length === 0) return make(scope, node, new Cell());
  const cell = new Cell();
  cell.settled = Promise.all(pending.map(settledOf)).then(() => {
    const failed = needs.find((need) => need.state === 'failed');
    if (failed !== undefined) cell.fail(failed.error);
    else if (scope.halted()) cell.fail(plugboardError('START_ABORTED', { reason: 'halted' }));
    else return make(scope, node, cell).settled;
    return undefined;
  });
  return cell;
}

/** Makes `node` into `cell`: done or failed now, or pending until the creation settles. */
function make(scope: CreationScope, node: Creatable, cell: Cell): Cell {
  let made: Boxed;
  try {
    made = scope.make(node);
  } catch (error) {
    cell.fail(error);
    return cell;
  }
  if (!(made instanceof Promise)) cell.succeed(made.value);
  else {
    cell.settled = made.then(
      (boxed) => cell.succeed(boxed.value),
      (error: unknown) => cell.fail(error),
    );
  }
  return cell;
}

/** What a pending cell settles with (a cell that is no longer pending has nothing to wait for). */
function settledOf(cell: Cell): Promise<void> {
  return cell.settled ?? Promise.resolve();
}
