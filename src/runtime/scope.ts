import type { Container } from 'inversify';
import type { HookRegistry } from './hook-registry.js';
import type { ShutdownStack } from './shutdown-stack.js';

/** A container with what it must undo at stop: the root, or one plugin. */
export interface Scope {
  readonly container: Container;
  readonly stack: ShutdownStack;
  readonly hooks: HookRegistry;
  /** Undefined for the root scope. */
  readonly pluginId?: string;
}
