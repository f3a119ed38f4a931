import type { IncidentSeverity, IncidentStatus, SearchHit, TimelineEntryKind } from '../../../preload/contract/incidents';
import { AppError } from '../shared/errors';
import type { Db } from './db';

// Private-use characters mark hits inside snippets; they cannot come from what people type
// in practice, and the UI gets segments, never markup, so nothing is ever rendered as HTML.
const open = '\uE000';
const close = '\uE001';

/**
 * Turns what a person types into an FTS5 query: every word must match (AND), each word quoted so
 * FTS5 syntax characters are plain text. Words of three or more characters match as prefixes
 * ("restart" finds "restarted"), which a stemmer would do only for English; a trailing `*` forces it.
 * 3- and 4-character prefixes have their own index (migration 11), so the shortest, most common
 * prefixes are read newest first and lazily; a longer prefix merges its terms' doclists first.
 */
export function toFtsQuery(input: string): string {
  const words = input.match(/[\p{L}\p{N}_]+\*?/gu) ?? [];
  if (words.length === 0) throw new AppError('invalid_input', 'search for at least one word (letters or digits)');
  return words
    .slice(0, 20)
    .map((w) => {
      const word = w.endsWith('*') ? w.slice(0, -1) : w;
      return w.endsWith('*') || word.length >= 3 ? `"${word}"*` : `"${word}"`;
    })
    .join(' ');
}

export function toSegments(snippet: string): { text: string; hit: boolean }[] {
  const segments: { text: string; hit: boolean }[] = [];
  let rest = snippet;
  while (rest.length) {
    const start = rest.indexOf(open);
    if (start === -1) {
      segments.push({ text: rest, hit: false });
      break;
    }
    if (start > 0) segments.push({ text: rest.slice(0, start), hit: false });
    const end = rest.indexOf(close, start + 1);
    const stop = end === -1 ? rest.length : end;
    segments.push({ text: rest.slice(start + 1, stop), hit: true });
    rest = end === -1 ? '' : rest.slice(end + 1);
  }
  return segments;
}

interface EntryHitRow {
  entry_id: string;
  incident_id: string;
  kind: string;
  at: number;
  snip: string;
  title: string;
  severity: string;
  status: string;
}
interface TitleHitRow {
  id: string;
  title: string;
  severity: string;
  status: string;
  started_at: number;
  snip: string;
}

/** FTS5 search over incident titles and timeline entries (notes, decisions, runbook output...). Newest first. */
export class JournalSearch {
  private readonly titlesStmt;
  private readonly entriesStmt;
  private readonly entriesInStmt;
  private readonly rangeStmt;

  constructor(db: Db) {
    this.titlesStmt = db.prepare<[string, number], TitleHitRow>(
      `SELECT i.id, i.title, i.severity, i.status, i.started_at, snippet(title_fts, 0, '${open}', '${close}', '…', 16) AS snip
       FROM title_fts JOIN incidents i ON i.n = title_fts.rowid WHERE title_fts MATCH ? ORDER BY title_fts.rowid DESC LIMIT ?`,
    );
    // Ordered by rowid (time of writing), not bm25: ranking a common word over millions of entries
    // would read all of them, while rowid order stops after `limit` hits.
    const entries = (extra: string) => `SELECT t.id AS entry_id, t.incident_id, t.kind, t.at, snippet(entry_fts, 0, '${open}', '${close}', '…', 16) AS snip,
       i.title, i.severity, i.status
       FROM entry_fts JOIN timeline t ON t.n = entry_fts.rowid JOIN incidents i ON i.id = t.incident_id
       WHERE entry_fts MATCH ? ${extra} ORDER BY entry_fts.rowid DESC LIMIT ?`;
    this.entriesStmt = db.prepare<[string, number], EntryHitRow>(entries(''));
    // Within one incident, FTS5 is told the rowid range of that incident's entries: it then reads only
    // that stretch of each doclist instead of every match in the journal (an incident's entries are
    // written over hours, a small slice of years of rowids).
    this.entriesInStmt = db.prepare<[string, number, number, string, number], EntryHitRow>(entries('AND entry_fts.rowid BETWEEN ? AND ? AND t.incident_id = ?'));
    this.rangeStmt = db.prepare<[string], { lo: number | null; hi: number | null }>('SELECT min(n) AS lo, max(n) AS hi FROM timeline WHERE incident_id = ?');
  }

  private entriesIn(fts: string, incidentId: string, limit: number): EntryHitRow[] {
    const { lo, hi } = this.rangeStmt.get(incidentId) ?? { lo: null, hi: null };
    return lo === null || hi === null ? [] : this.entriesInStmt.all(fts, lo, hi, incidentId, limit);
  }

  search(query: string, options: { limit?: number; incidentId?: string } = {}): SearchHit[] {
    const fts = toFtsQuery(query);
    const limit = options.limit ?? 50;
    const hits: SearchHit[] = [];
    if (!options.incidentId) {
      for (const r of this.titlesStmt.all(fts, limit)) {
        hits.push({ incidentId: r.id, incidentTitle: r.title, severity: r.severity as IncidentSeverity, status: r.status as IncidentStatus, entryId: null, source: 'title', at: r.started_at, snippet: toSegments(r.snip) });
      }
    }
    const rows = options.incidentId ? this.entriesIn(fts, options.incidentId, limit) : this.entriesStmt.all(fts, limit);
    for (const r of rows) {
      hits.push({
        incidentId: r.incident_id,
        incidentTitle: r.title,
        severity: r.severity as IncidentSeverity,
        status: r.status as IncidentStatus,
        entryId: r.entry_id,
        source: r.kind as TimelineEntryKind,
        at: r.at,
        snippet: toSegments(r.snip),
      });
    }
    return hits.slice(0, limit);
  }
}

/** Keeps title_fts in step with incidents.title (called inside the write transaction). */
export class TitleIndex {
  private readonly delStmt;
  private readonly insStmt;
  private readonly nStmt;

  constructor(db: Db) {
    this.delStmt = db.prepare<[number]>('DELETE FROM title_fts WHERE rowid = ?');
    this.insStmt = db.prepare<[number, string]>('INSERT INTO title_fts (rowid, title) VALUES (?, ?)');
    this.nStmt = db.prepare<[string], { n: number }>('SELECT n FROM incidents WHERE id = ?');
  }

  set(incidentId: string, title: string): void {
    const n = this.nStmt.get(incidentId)?.n;
    if (n === undefined) return;
    this.delStmt.run(n);
    this.insStmt.run(n, title);
  }
}
