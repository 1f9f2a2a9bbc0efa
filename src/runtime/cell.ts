/**
 * What a scope knows about one thing it creates: done (with its value), failed (with the error),
 * or pending (with a promise that settles, never rejects, when it is one of the other two). The
 * state is kept explicitly: plugboard never asks a user's value whether it is a promise to learn
 * what it has.
 */
export class Cell {
  state: 'pending' | 'done' | 'failed' = 'pending';
  value: unknown = undefined;
  error: unknown = undefined;
  /** Settles when the cell is done or failed; undefined once it is (or if it never was pending). */
  settled: Promise<void> | undefined = undefined;

  static done(value: unknown): Cell {
    const cell = new Cell();
    cell.succeed(value);
    return cell;
  }

  static failed(error: unknown): Cell {
    const cell = new Cell();
    cell.fail(error);
    return cell;
  }

  succeed(value: unknown): void {
    this.state = 'done';
    this.value = value;
    this.settled = undefined;
  }

  fail(error: unknown): void {
    this.state = 'failed';
    this.error = error;
    this.settled = undefined;
  }
}
