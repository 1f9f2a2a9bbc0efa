import { wiringProblem, type WiringProblem } from '../errors/index.js';
import { RESERVED_ID_PREFIX } from '../tokens/ids.js';
import { isInternalRef } from '../tokens/internal-refs.js';
import type { AnyServiceRef } from '../tokens/service-ref.js';

/** Refs by id, checked for one id used by two different refs and for reserved ids. */
export class RefRegistry {
  private readonly seen = new Map<string, AnyServiceRef>();
  readonly #reported = new Set<string>();

  constructor(private readonly problems: WiringProblem[]) {}

  check(ref: AnyServiceRef): void {
    const first = this.seen.get(ref.id);
    if (first === undefined) {
      this.seen.set(ref.id, ref);
      if (ref.id.startsWith(RESERVED_ID_PREFIX) && !isInternalRef(ref)) {
        this.problems.push(wiringProblem('RESERVED_ID', { kind: 'service ref', refId: ref.id }));
      }
      return;
    }
    // One problem per id, however many other refs share it.
    if (first === ref || this.#reported.has(ref.id)) return;
    const problem =
      first.scope !== ref.scope
        ? wiringProblem('DUPLICATE_REF_ID', { refId: ref.id, difference: 'scope', scopes: [first.scope, ref.scope] })
        : first.multiton !== ref.multiton
          ? wiringProblem('DUPLICATE_REF_ID', { refId: ref.id, difference: 'multiton' })
          : isInternalRef(first) !== isInternalRef(ref)
            ? wiringProblem('RESERVED_ID', { kind: 'service ref', refId: ref.id })
            : // Which default would win is an accident of discovery order: two definitions of one service.
              first.defaultFactory !== ref.defaultFactory
              ? wiringProblem('DUPLICATE_REF_ID', { refId: ref.id, difference: 'defaultFactory' })
              : undefined;
    if (problem === undefined) return;
    this.#reported.add(ref.id);
    this.problems.push(problem);
  }
}
