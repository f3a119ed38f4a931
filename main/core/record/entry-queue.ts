import type { RecordedEntry } from './recorder';

export interface QueueFailure {
  entry: RecordedEntry;
  message: string;
}

/**
 * Journal writes of a recording, off the terminal's path: the recorder only queues, and one entry is
 * written per turn of the event loop after the pending terminal I/O (`schedule` is setImmediate in
 * the CLI). A write that fails is kept with its message, so the session ends with a report and the
 * entries themselves, never with a lost command or a stalled keystroke.
 */
export class EntryQueue {
  private readonly items: RecordedEntry[] = [];
  private readonly failures: QueueFailure[] = [];
  private scheduled = false;
  written = 0;

  constructor(
    private readonly writeOne: (entry: RecordedEntry) => void,
    private readonly schedule: (fn: () => void) => void,
  ) {}

  push(entry: RecordedEntry): void {
    this.items.push(entry);
    if (this.scheduled) return;
    this.scheduled = true;
    this.schedule(() => this.drainOne());
  }

  private drainOne(): void {
    this.scheduled = false;
    const entry = this.items.shift();
    if (entry) this.writeSafely(entry);
    if (this.items.length > 0 && !this.scheduled) {
      this.scheduled = true;
      this.schedule(() => this.drainOne());
    }
  }

  private writeSafely(entry: RecordedEntry): void {
    try {
      this.writeOne(entry);
      this.written++;
    } catch (err) {
      this.failures.push({ entry, message: (err as Error).message });
    }
  }

  /** Writes what is still queued, now, and returns every write that failed during the session. */
  close(): QueueFailure[] {
    for (let entry = this.items.shift(); entry; entry = this.items.shift()) this.writeSafely(entry);
    return [...this.failures];
  }
}
