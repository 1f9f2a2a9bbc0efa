import type { ExtensionPointNode } from '../../model/types.js';

/** Who holds a view: a module, the plugin, or a class of the plugin; `key` is unique per holder in a plugin. */
export interface ViewHolder {
  readonly key: string;
  readonly pluginId: string;
  readonly moduleId?: string;
  readonly className?: string;
}

/** One call a holder made through its view, kept to rebuild an implementation without a left-out module. */
export interface RecordedCall {
  readonly holder: string;
  readonly member: PropertyKey;
  readonly kind: 'call' | 'set';
  readonly args: readonly unknown[];
}

/**
 * The state of one extension point inside one running plugin: open until its provider's
 * `@onInit` starts, the implementation views forward to, and what each holder did. Shared by
 * every view of the point; reachable from none of them.
 */
export class Gate {
  #closed = false;
  /** Made when a holder is first left out: most gates never see one. */
  #leftOut: Set<string> | undefined;
  readonly #touched = new Set<string>();
  /** The shared implementation (`useClass`, `useValue`); undefined for `useFactory`, whose views each have their own. */
  implementation: object | undefined;
  /** Calls in order, kept only while a user of this point may still be left out. */
  log: RecordedCall[] | undefined;

  constructor(readonly node: ExtensionPointNode) {}

  get closed(): boolean {
    return this.#closed;
  }

  /** Closes the point for everyone: the provider's `@onInit` is about to start. The call log goes too. */
  close(): void {
    this.#closed = true;
    this.log = undefined;
  }

  /** Closes the point for one holder (a module that was left out). */
  closeFor(holder: string): void {
    (this.#leftOut ??= new Set()).add(holder);
  }

  isLeftOut(holder: string): boolean {
    return this.#leftOut !== undefined && this.#leftOut.has(holder);
  }

  /** Notes a call (or a setter write) by `holder`, and records it when recording. */
  note(holder: string, member: PropertyKey, kind: RecordedCall['kind'], args: readonly unknown[]): void {
    this.#touched.add(holder);
    this.log?.push({ holder, member, kind, args });
  }

  /** True when `holder` called anything (or wrote a setter) through its view. */
  touchedBy(holder: string): boolean {
    return this.#touched.has(holder);
  }
}
