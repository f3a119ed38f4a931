import { randomUUID } from 'node:crypto';
import type { TimelineEntry, TimelineEntryKind } from '../../../preload/contract/incidents';
import type { Db } from './db';

export interface TimelineRow {
  n: number;
  id: string;
  incident_id: string;
  seq: number;
  at: number;
  kind: string;
  text: string;
  data: string | null;
  author: string;
  supersedes: string | null;
}

export function rowToEntry(row: TimelineRow, supersededBy: string | null = null): TimelineEntry {
  return {
    id: row.id,
    incidentId: row.incident_id,
    seq: row.seq,
    at: row.at,
    kind: row.kind as TimelineEntryKind,
    text: row.text,
    data: row.data === null ? null : (JSON.parse(row.data) as Record<string, unknown>),
    author: row.author,
    supersedes: row.supersedes,
    supersededBy,
  };
}

export interface NewEntry {
  id?: string;
  incidentId: string;
  at: number;
  kind: TimelineEntryKind;
  text: string;
  data?: Record<string, unknown> | null;
  author: string;
  supersedes?: string | null;
}

/**
 * The append-only timeline (the schema refuses UPDATE and DELETE). Its search index is filled by the
 * schema itself (trigger timeline_search, migration 11), in the same transaction as the row.
 */
export class TimelineRepo {
  private readonly insertStmt;
  private readonly nextSeqStmt;
  private readonly latestStmt;
  private readonly beforeStmt;
  private readonly countStmt;
  private readonly correctionsStmt;
  private readonly byIdStmt;
  private readonly allStmt;

  constructor(db: Db) {
    this.insertStmt = db.prepare<[string, string, number, number, string, string, string | null, string, string | null]>(
      'INSERT INTO timeline (id, incident_id, seq, at, kind, text, data, author, supersedes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.nextSeqStmt = db.prepare<[string], { seq: number }>('SELECT coalesce(max(seq), 0) + 1 AS seq FROM timeline WHERE incident_id = ?');
    this.latestStmt = db.prepare<[string, number], TimelineRow>('SELECT * FROM (SELECT * FROM timeline WHERE incident_id = ? ORDER BY seq DESC LIMIT ?) ORDER BY seq');
    this.beforeStmt = db.prepare<[string, number, number], TimelineRow>('SELECT * FROM (SELECT * FROM timeline WHERE incident_id = ? AND seq < ? ORDER BY seq DESC LIMIT ?) ORDER BY seq');
    this.countStmt = db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM timeline WHERE incident_id = ?');
    this.correctionsStmt = db.prepare<[string], { id: string; supersedes: string }>(
      'SELECT id, supersedes FROM timeline WHERE incident_id = ? AND supersedes IS NOT NULL ORDER BY seq',
    );
    this.byIdStmt = db.prepare<[string], TimelineRow>('SELECT * FROM timeline WHERE id = ?');
    this.allStmt = db.prepare<[string], TimelineRow>('SELECT * FROM timeline WHERE incident_id = ? ORDER BY seq');
  }

  /** Appends one entry (call inside a write transaction so seq stays gapless under two writers). */
  append(entry: NewEntry): TimelineEntry {
    const seq = this.nextSeqStmt.get(entry.incidentId)?.seq ?? 1;
    const id = entry.id ?? randomUUID();
    const data = entry.data && Object.keys(entry.data).length ? JSON.stringify(entry.data) : null;
    const info = this.insertStmt.run(id, entry.incidentId, seq, entry.at, entry.kind, entry.text, data, entry.author, entry.supersedes ?? null);
    return rowToEntry({ n: Number(info.lastInsertRowid), id, incident_id: entry.incidentId, seq, at: entry.at, kind: entry.kind, text: entry.text, data, author: entry.author, supersedes: entry.supersedes ?? null });
  }

  get(id: string): TimelineEntry | undefined {
    const row = this.byIdStmt.get(id);
    return row && rowToEntry(row);
  }

  exists(id: string): boolean {
    return this.byIdStmt.get(id) !== undefined;
  }

  count(incidentId: string): number {
    return this.countStmt.get(incidentId)?.n ?? 0;
  }

  /** The newest `limit` entries (or those before `beforeSeq`), in seq order, with supersededBy filled in. */
  page(incidentId: string, limit: number, beforeSeq?: number): TimelineEntry[] {
    const rows = beforeSeq === undefined ? this.latestStmt.all(incidentId, limit) : this.beforeStmt.all(incidentId, beforeSeq, limit);
    const correctedBy = new Map<string, string>();
    // Corrections come in seq order, so the newest correction of an entry wins.
    for (const c of this.correctionsStmt.all(incidentId)) correctedBy.set(c.supersedes, c.id);
    return rows.map((row) => rowToEntry(row, correctedBy.get(row.id) ?? null));
  }

  all(incidentId: string): TimelineEntry[] {
    const correctedBy = new Map<string, string>();
    for (const c of this.correctionsStmt.all(incidentId)) correctedBy.set(c.supersedes, c.id);
    return this.allStmt.all(incidentId).map((row) => rowToEntry(row, correctedBy.get(row.id) ?? null));
  }
}
