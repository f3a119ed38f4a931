import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openJournal, type Db } from '../../main/core/journal';
import { Journal } from '../../main/core/journal/journal';
import { TeamSync } from '../../main/core/team/sync';
import type { TestPostgres } from './postgres';

export interface Laptop {
  member: string;
  db: Db;
  /** The journal file, for a child process syncing the same journal. */
  path: string;
  journal: Journal;
  sync: TeamSync;
  /** This laptop's clock, ms (a test may skew it). */
  clock: { now: number };
  close(): void;
}

/** A member role with a password, as the team's admin would create it. */
export function createMemberRole(pg: TestPostgres, role: string): void {
  pg.psql(`CREATE ROLE ${role} LOGIN PASSWORD 'pw-${role}'`);
}

/** One console's journal in a home of its own, syncing as `member` (whose role and password are its own). */
export function laptop(pg: TestPostgres, member: string, options: { team?: string; skewMs?: number; url?: string } = {}): Laptop {
  const dir = mkdtempSync(join(tmpdir(), `oncall-team-${member}-`));
  const path = join(dir, 'journal.db');
  const db = openJournal(path);
  const clock = { now: Date.now() + (options.skewMs ?? 0) };
  const journal = new Journal(db, { now: () => clock.now, author: member });
  const database = options.url ?? `postgres://${member}@127.0.0.1:${String(pg.port)}/oncall`;
  const sync = new TeamSync({ db, team: { database, name: options.team ?? 'ops', member, pollSeconds: 10 }, now: () => clock.now, password: `pw-${member}`, host: `${member}-laptop` });
  return {
    member,
    db,
    path,
    journal,
    sync,
    clock,
    close() {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** What must be equal on every laptop once synced: incidents' shared fields and every timeline entry. */
export function journalState(db: Db): { incidents: unknown[]; entries: unknown[] } {
  return {
    incidents: db.prepare('SELECT id, title, severity, status, commander, scribe, comms FROM incidents ORDER BY id').all(),
    entries: db.prepare('SELECT id, incident_id, at, kind, text FROM timeline ORDER BY incident_id, at, id').all(),
  };
}
