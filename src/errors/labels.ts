/**
 * How plugboard names the things a message is about, in one place: `plugin 'catalog'`,
 * `module 'github' of plugin 'catalog'`, `service 'db' of plugin 'catalog'`, `class Cache`.
 */

/** Who or what a message is about. The most specific field present decides the label. */
export interface Subject {
  readonly pluginId?: string;
  readonly moduleId?: string;
  /** A service ref (the service itself, or the one a factory or root context belongs to). */
  readonly refId?: string;
  /** A class injected by class (an extension point implementation or a plain `@Service()`). */
  readonly className?: string;
  /** A step of the subject: `startup hook`, `createRootContext`, `@onShutdown close`. */
  readonly step?: string;
  /** A feature loader, by name. */
  readonly loader?: string;
}

/** `module 'github' of plugin 'catalog'`, `service 'db'`, `the app (root)`… lower case first. */
export function label(subject: Subject): string {
  const base = baseLabel(subject);
  return subject.step === undefined ? base : `${base} (${subject.step})`;
}

function baseLabel(subject: Subject): string {
  const { pluginId, moduleId, refId, className, loader } = subject;
  const ofPlugin = pluginId === undefined ? '' : ` of plugin '${pluginId}'`;
  if (moduleId !== undefined) return `module '${moduleId}'${ofPlugin}`;
  if (refId !== undefined) return `service '${refId}'${ofPlugin}`;
  if (className !== undefined) return `class ${className}${ofPlugin}`;
  if (loader !== undefined) return `feature loader '${loader}'`;
  if (pluginId !== undefined) return `plugin '${pluginId}'`;
  return 'the app (root)';
}

/** The same label, capitalised for the start of a sentence. */
export function Label(subject: Subject): string {
  return capitalize(label(subject));
}

/** `plugin 'x'` → `Plugin 'x'`. */
export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** `1 problem`, `2 problems`. */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** One implementation of a service, for messages: a class, or a `createServiceFactory()` factory. */
export type ImplementationSubject = { readonly className: string } | { readonly factoryOf: string };

/** `class MemoryStore`, or `a factory (createServiceFactory) for 'catalog.store'`. */
export function implementationLabel(implementation: ImplementationSubject): string {
  return 'className' in implementation
    ? `class ${implementation.className}`
    : `a factory (createServiceFactory) for '${implementation.factoryOf}'`;
}
