import { randomBytes } from 'node:crypto';
import { incidentStatuses } from '../../../preload/contract/incidents';
import type { Db } from '../journal';
import { IncidentRepo, type IncidentRow } from '../journal/incident-repo';
import { TimelineRepo } from '../journal/timeline-repo';
import { applyItem } from './apply-items';

/** One event as it travels: written by one console, stored by PostgreSQL, applied by the others. */
export interface TeamEvent {
  id: string;
  kind: 'incident.open' | 'incident.set' | 'timeline.append' | 'item.set';
  incidentId: string;
  hlc: string;
  payload: Record<string, unknown>;
}

export interface RemoteEvent extends TeamEvent {
  seq: number;
  /** The PostgreSQL role that inserted it: checked by the database, so it is who wrote it. */
  author: string;
  member: string;
  host: string;
}

interface OutboxRow {
  n: number;
  kind: TeamEvent['kind'];
  ref: string;
  incident_id: string;
  hlc: string;
  payload: string | null;
}

function parseHlc(hlc: string): { wall: number; counter: number } {
  const [wall, counter] = hlc.split('-');
  return { wall: Number(wall), counter: Number(counter) };
}

/**
 * The SQLite half of the team journal: the outbox the triggers of migration 70 fill, the events
 * pulled from the team, and applying them. All synchronous, in the journal's own transactions.
 */
export class LocalTeamJournal {
  private readonly incidents: IncidentRepo;
  private readonly timeline: TimelineRepo;

  constructor(private readonly db: Db) {
    this.incidents = new IncidentRepo(db);
    this.timeline = new TimelineRepo(db);
  }

  private state(key: string): string | undefined {
    return (this.db.prepare('SELECT value FROM team_state WHERE key = ?').get(key) as { value: string } | undefined)?.value;
  }

  private setState(key: string, value: string): void {
    this.db.prepare('INSERT INTO team_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
  }

  /** This journal's id among the team's (event ids are `origin:n`, unique without coordination). */
  origin(): string {
    return this.state('origin') ?? '';
  }

  /**
   * Starts queueing writes for the team. The first time, everything already in the journal is
   * queued too (in the order it happened), so a teammate sees the incidents from before `team:`.
   */
  enable(member: string): void {
    this.db.transaction(() => {
      const first = this.state('origin') === undefined;
      if (first) this.setState('origin', randomBytes(8).toString('hex'));
      this.setState('member', member);
      if (this.state('enabled') === undefined) {
        this.setState('enabled', '1');
        if (first) this.backfill(member);
      }
    }).immediate();
  }

  disable(): void {
    this.db.prepare(`DELETE FROM team_state WHERE key = 'enabled'`).run();
  }

  enabled(): boolean {
    return this.state('enabled') !== undefined;
  }

  private backfill(member: string): void {
    const hlc = `printf('%015d-%06d-', at, 0) || ?`;
    this.db
      .prepare(
        `INSERT INTO team_outbox (kind, ref, incident_id, hlc, created_at)
         SELECT kind, ref, incident_id, ${hlc}, at FROM (
           SELECT 'incident.open' AS kind, id AS ref, id AS incident_id, created_at AS at, 0 AS k, n FROM incidents
           UNION ALL SELECT 'timeline.append', id, incident_id, at, 1, n FROM timeline)
         ORDER BY at, k, n`,
      )
      .run(member);
    const top = this.db.prepare(`SELECT max(created_at) AS at FROM team_outbox`).get() as { at: number | null };
    if (top.at !== null) this.db.prepare('UPDATE team_clock SET wall = max(wall, ?)').run(top.at);
  }

  pendingCount(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM team_outbox WHERE pushed_at IS NULL').get() as { n: number }).n;
  }

  /** The next events to push, oldest first, with their rows as they are now (entries never change). */
  pending(limit: number): (TeamEvent & { n: number })[] {
    const rows = this.db.prepare('SELECT n, kind, ref, incident_id, hlc, payload FROM team_outbox WHERE pushed_at IS NULL ORDER BY n LIMIT ?').all(limit) as OutboxRow[];
    const origin = this.origin();
    return rows.map((r) => ({ n: r.n, id: `${origin}:${String(r.n)}`, kind: r.kind, incidentId: r.incident_id, hlc: r.hlc, payload: this.payloadOf(r) }));
  }

  private payloadOf(r: OutboxRow): Record<string, unknown> {
    if (r.kind === 'incident.set' || r.kind === 'item.set') return JSON.parse(r.payload ?? '{}') as Record<string, unknown>;
    if (r.kind === 'incident.open') {
      const row = this.db.prepare('SELECT * FROM incidents WHERE id = ?').get(r.ref) as Record<string, unknown>;
      const { n: _n, change_seq: _c, entry_count: _e, last_entry_at: _l, ...shared } = row;
      return shared;
    }
    const entry = this.db.prepare('SELECT id, incident_id, at, kind, text, data, author, supersedes FROM timeline WHERE id = ?').get(r.ref) as Record<string, unknown>;
    return entry;
  }

  markPushed(ns: number[], at: number): void {
    const stmt = this.db.prepare('UPDATE team_outbox SET pushed_at = ? WHERE n = ?');
    this.db.transaction(() => {
      for (const n of ns) stmt.run(at, n);
    })();
  }

  pulledSeq(): number {
    return Number(this.state('pulled_seq') ?? 0);
  }

  lastSync(): { pushedAt: number | null; pulledAt: number | null } {
    const pushed = this.state('pushed_at');
    const pulled = this.state('pulled_at');
    return { pushedAt: pushed ? Number(pushed) : null, pulledAt: pulled ? Number(pulled) : null };
  }

  notePushed(at: number): void {
    this.setState('pushed_at', String(at));
  }

  /** Applies teammates' events in the server's order, each once; our own come back and are only counted. */
  apply(events: RemoteEvent[], now: number): number {
    const origin = this.origin();
    let applied = 0;
    // Prepared once per batch, and the position saved once: a catch-up applies 100,000 events.
    const seen = this.db.prepare('SELECT 1 FROM team_remote WHERE id = ?');
    const record = this.db.prepare('INSERT INTO team_remote (id, seq, author, member, host, kind, incident_id, hlc, payload, applied_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
    this.db.transaction(() => {
      this.setState('applying', '1');
      try {
        for (const e of events) {
          if (!e.id.startsWith(`${origin}:`) && !seen.get(e.id)) {
            this.applyOne(e);
            this.mergeClock(e.hlc);
            record.run(e.id, e.seq, e.author, e.member, e.host, e.kind, e.incidentId, e.hlc, JSON.stringify(e.payload), now);
            applied++;
          }
        }
        const last = events.at(-1);
        if (last) this.setState('pulled_seq', String(last.seq));
        this.setState('pulled_at', String(now));
      } finally {
        this.db.prepare(`DELETE FROM team_state WHERE key = 'applying'`).run();
      }
    }).immediate();
    return applied;
  }

  private applyOne(e: RemoteEvent): void {
    if (e.kind === 'item.set') return applyItem(this.db, e);
    if (e.kind === 'incident.open') {
      if (this.incidents.row(e.incidentId)) return;
      const p = e.payload as unknown as Omit<IncidentRow, 'n' | 'change_seq' | 'entry_count' | 'last_entry_at'>;
      this.incidents.insert({ ...p, entry_count: 0, last_entry_at: p.created_at });
    } else if (e.kind === 'timeline.append') {
      if (this.timeline.exists(String(e.payload.id))) return;
      const p = e.payload as { id: string; incident_id: string; at: number; kind: string; text: string; data: string | null; author: string; supersedes: string | null };
      if (!this.incidents.row(p.incident_id)) return;
      // The author shown is the role PostgreSQL checked, not what the payload claims.
      this.timeline.append({ id: p.id, incidentId: p.incident_id, at: p.at, kind: p.kind as never, text: p.text, data: p.data ? (JSON.parse(p.data) as Record<string, unknown>) : null, author: e.author, supersedes: p.supersedes });
      this.incidents.touch(p.incident_id, p.at);
    } else {
      const { fields, changed } = e.payload as { fields: Record<string, unknown>; changed: (string | null)[] };
      const patch: Record<string, unknown> = {};
      const current = this.incidents.row(e.incidentId);
      for (const field of changed) {
        if (field === null || !current) continue;
        if (field === 'status') {
          // Status only moves forward (the journal's own rule), so it merges as the furthest either side reached.
          const rank = (s: unknown) => incidentStatuses.indexOf(s as never);
          if (rank(fields.status) > rank(current.status)) patch.status = fields.status;
        } else if (e.hlc > this.fieldClock(e.incidentId, field)) {
          // Last writer wins per field, by hybrid logical clock (ties broken by the member in the stamp).
          patch[field] = fields[field];
        }
      }
      if (Object.keys(patch).length) this.incidents.patch(e.incidentId, patch, parseHlc(e.hlc).wall);
    }
  }

  /** The newest stamp of any write, ours or a teammate's, that set this field of this incident. */
  private fieldClock(incidentId: string, field: string): string {
    const row = this.db
      .prepare(
        `SELECT max(hlc) AS hlc FROM (
           SELECT hlc, payload FROM team_outbox WHERE incident_id = ? AND kind = 'incident.set'
           UNION ALL SELECT hlc, payload FROM team_remote WHERE incident_id = ? AND kind = 'incident.set')
         WHERE EXISTS (SELECT 1 FROM json_each(payload, '$.changed') WHERE value = ?)`,
      )
      .get(incidentId, incidentId, field) as { hlc: string | null };
    return row.hlc ?? '';
  }

  private mergeClock(hlc: string): void {
    const { wall, counter } = parseHlc(hlc);
    this.db.prepare('UPDATE team_clock SET counter = CASE WHEN ? > wall THEN ? WHEN ? = wall THEN max(counter, ?) ELSE counter END, wall = max(wall, ?)').run(wall, counter, wall, counter, wall);
  }
}
