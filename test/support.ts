import { ContainerBuilder, type ContainerBuilderOptions } from 'plugboard';

/** A builder that logs nothing, for tests. */
export function quietBuilder(options: ContainerBuilderOptions = {}): ContainerBuilder {
  return new ContainerBuilder({ logger: { level: 'silent' }, ...options });
}

/** Resolves after `ms` milliseconds. */
export const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Records events in order. */
export class Journal {
  readonly events: string[] = [];
  add(event: string): void {
    this.events.push(event);
  }
  indexOf(event: string): number {
    const index = this.events.indexOf(event);
    if (index < 0) throw new Error(`event '${event}' was not recorded; got ${JSON.stringify(this.events)}`);
    return index;
  }
}
