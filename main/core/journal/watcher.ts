import type { Clock } from '../shared/clock';
import type { Db } from './db';
import type { IncidentRepo } from './incident-repo';

/** How often another process's writes (the CLI) are looked for: the UI must update within a second. */
export const pollIntervalMs = 500;

/**
 * Notices commits made by other connections to journal.db. `PRAGMA data_version` changes only
 * when another connection commits, so a poll costs one cheap pragma; when it changes, the
 * incidents whose change_seq moved are reported.
 */
export class ExternalChangeWatcher {
  private lastVersion = 0;
  private lastSeq = 0;
  private cancel: (() => void) | null = null;
  // Prepared once: db.pragma() would compile a new statement on every poll, twice a second for the app's lifetime.
  private readonly dataVersion;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly incidents: IncidentRepo,
    private readonly onChange: (ids: string[]) => void,
  ) {
    this.dataVersion = db.prepare<[], number>('PRAGMA data_version').pluck();
  }

  start(): void {
    if (this.cancel) return;
    this.lastSeq = this.incidents.maxChangeSeq();
    this.lastVersion = this.version();
    this.schedule();
  }

  stop(): void {
    this.cancel?.();
    this.cancel = null;
  }

  /** One poll; public so tests can drive it without timers. */
  poll(): void {
    // Read the sequence before the version: a commit landing between the two reads changes the
    // version, so it is picked up by this poll or the next one, never skipped.
    const seq = this.incidents.maxChangeSeq();
    const version = this.version();
    if (version === this.lastVersion) {
      // Only our own commits since the last poll: they were announced when they were made.
      this.lastSeq = seq;
      return;
    }
    this.lastVersion = version;
    const ids = new Set<string>();
    for (;;) {
      const batch = this.incidents.changedSince(this.lastSeq);
      for (const c of batch) {
        ids.add(c.id);
        this.lastSeq = Math.max(this.lastSeq, c.change_seq);
      }
      if (batch.length < 1000) break;
    }
    if (ids.size) this.onChange([...ids]);
  }

  private version(): number {
    return this.dataVersion.get() ?? 0;
  }

  private schedule(): void {
    this.cancel = this.clock.setTimeout(() => {
      try {
        if (this.db.open) this.poll();
      } catch (err) {
        console.error('journal: polling for external changes failed:', err);
      }
      if (this.cancel) this.schedule();
    }, pollIntervalMs);
  }
}
