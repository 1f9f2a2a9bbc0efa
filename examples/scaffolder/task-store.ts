import { createServiceRef, Service } from 'plugboard';

/** Where the scaffolder records what it ran: one store per plugin. */
export interface TaskStore {
  record(entry: string): void;
  entries(): readonly string[];
}

export const taskStoreRef = createServiceRef<TaskStore>({ id: 'scaffolder.taskStore', scope: 'plugin' });

@Service({ provides: taskStoreRef })
export class MemoryTaskStore implements TaskStore {
  private readonly log: string[] = [];
  record(entry: string): void {
    this.log.push(entry);
  }
  entries(): readonly string[] {
    return [...this.log];
  }
}
