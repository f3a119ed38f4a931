import { afterEach, describe, expect, it } from 'vitest';
import { closeJournal, openJournal, type Db } from '../../../main/core/journal';

describe('migration 10 (incident journal)', () => {
  let db: Db;
  afterEach(() => closeJournal(db));

  const plan = (sql: string, ...params: unknown[]) =>
    (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail).join(' | ');

  it('creates STRICT tables and FTS5 indexes on an in-memory database', () => {
    db = openJournal(':memory:');
    expect(db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(10);
    const tables = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name IN ('incidents','timeline','incident_alerts','checklist','action_items','postmortems')").all() as { name: string; sql: string }[];
    expect(tables).toHaveLength(6);
    for (const t of tables) expect(t.sql).toMatch(/STRICT/);
    expect(() => db.exec("INSERT INTO title_fts (rowid, title) VALUES (1, 'x')")).not.toThrow();
    // STRICT refuses a wrongly typed value instead of storing it.
    expect(() => db.prepare("INSERT INTO incidents (id,title,severity,category,status,started_at,author,created_at,updated_at,last_entry_at,change_seq) VALUES ('i','t','P1','A','triggered','yesterday','a',1,1,1,1)").run()).toThrow(/cannot store TEXT/);
  });

  it('uses an index for every hot query (EXPLAIN QUERY PLAN)', () => {
    db = openJournal(':memory:');
    expect(plan('SELECT * FROM incidents WHERE id = ?', 'x')).toMatch(/USING INDEX sqlite_autoindex_incidents_1/);
    expect(plan('SELECT id FROM incidents ORDER BY started_at DESC LIMIT 50')).toMatch(/SCAN incidents USING INDEX incidents_started/);
    expect(plan("SELECT id FROM incidents WHERE status IN ('triggered','mitigated') ORDER BY started_at DESC LIMIT 50")).toMatch(/incidents_status_started|incidents_started/);
    expect(plan("SELECT id FROM incidents WHERE severity IN ('P1','P2') AND status IN ('triggered')")).toMatch(/USING INDEX incidents_(severity|status)_started/);
    expect(plan('SELECT id FROM incidents WHERE change_seq > ? ORDER BY change_seq', 0)).toMatch(/USING INDEX incidents_change_seq/);
    expect(plan('SELECT id FROM incidents WHERE resolved_at >= ?', 0)).toMatch(/USING INDEX incidents_resolved/);
    expect(plan('SELECT * FROM timeline WHERE incident_id = ? ORDER BY seq DESC LIMIT 100', 'x')).toMatch(/USING INDEX sqlite_autoindex_timeline_2/);
    expect(plan('SELECT coalesce(max(seq), 0) + 1 FROM timeline WHERE incident_id = ?', 'x')).toMatch(/USING COVERING INDEX sqlite_autoindex_timeline_2/);
    expect(plan('SELECT id, supersedes FROM timeline WHERE incident_id = ? AND supersedes IS NOT NULL', 'x')).toMatch(/USING (COVERING )?INDEX timeline_corrections/);
    expect(plan('SELECT incident_id FROM incident_alerts WHERE fingerprint = ?', 'f')).toMatch(/USING (COVERING )?INDEX incident_alerts_fingerprint/);
    expect(plan('SELECT * FROM action_items WHERE incident_id = ?', 'x')).toMatch(/USING INDEX action_items_incident/);
    expect(plan("SELECT rowid FROM entry_fts WHERE entry_fts MATCH 'x' ORDER BY rowid DESC LIMIT 5")).toMatch(/VIRTUAL TABLE INDEX/);
  });

  it('makes the timeline append-only in the schema: UPDATE and DELETE are refused', () => {
    db = openJournal(':memory:');
    db.exec(`INSERT INTO incidents (id,title,severity,category,status,started_at,author,created_at,updated_at,last_entry_at,change_seq) VALUES ('i','t','P1','A','triggered',1,'a',1,1,1,1);
             INSERT INTO timeline (id,incident_id,seq,at,kind,text,author) VALUES ('e','i',1,1,'note','hello','a');`);
    expect(() => db.exec("UPDATE timeline SET text = 'changed' WHERE id = 'e'")).toThrow(/append-only/);
    expect(() => db.exec("DELETE FROM timeline WHERE id = 'e'")).toThrow(/append-only/);
    expect(db.prepare("SELECT text FROM timeline WHERE id = 'e'").get()).toEqual({ text: 'hello' });
  });
});
