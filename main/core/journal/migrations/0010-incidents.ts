import type Database from 'better-sqlite3';

/**
 * The incident journal. Every table has an INTEGER PRIMARY KEY `n` so rowids survive VACUUM (the FTS
 * tables point at them); the public ids are random text, unique across laptops, for import/merge.
 */
export function up(db: Database.Database): void {
  db.exec(`
    CREATE TABLE incidents (
      n               INTEGER PRIMARY KEY,
      id              TEXT NOT NULL UNIQUE,
      title           TEXT NOT NULL,
      severity        TEXT NOT NULL CHECK (severity IN ('P1','P2','P3','P4')),
      category        TEXT NOT NULL,
      status          TEXT NOT NULL CHECK (status IN ('triggered','acknowledged','investigating','mitigated','resolved','closed')),
      commander       TEXT,
      scribe          TEXT,
      comms           TEXT,
      services        TEXT NOT NULL DEFAULT '[]',
      impact          TEXT NOT NULL DEFAULT '',
      customer_impact INTEGER NOT NULL DEFAULT 0,
      correlation_id  TEXT,
      started_at      INTEGER NOT NULL,
      detected_at     INTEGER,
      acknowledged_at INTEGER,
      mitigated_at    INTEGER,
      resolved_at     INTEGER,
      closed_at       INTEGER,
      author          TEXT NOT NULL,
      created_at      INTEGER NOT NULL,
      updated_at      INTEGER NOT NULL,
      last_entry_at   INTEGER NOT NULL,
      entry_count     INTEGER NOT NULL DEFAULT 0,
      -- Bumped on every write (max + 1 under the write lock): lets another process find what changed.
      change_seq      INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX incidents_started ON incidents (started_at);
    CREATE INDEX incidents_updated ON incidents (updated_at);
    CREATE INDEX incidents_status_started ON incidents (status, started_at);
    CREATE INDEX incidents_severity_started ON incidents (severity, started_at);
    CREATE INDEX incidents_change_seq ON incidents (change_seq);
    CREATE INDEX incidents_resolved ON incidents (resolved_at) WHERE resolved_at IS NOT NULL;

    CREATE TABLE timeline (
      n           INTEGER PRIMARY KEY,
      id          TEXT NOT NULL UNIQUE,
      incident_id TEXT NOT NULL REFERENCES incidents (id),
      seq         INTEGER NOT NULL,
      at          INTEGER NOT NULL,
      kind        TEXT NOT NULL,
      text        TEXT NOT NULL,
      data        TEXT,
      author      TEXT NOT NULL,
      supersedes  TEXT,
      UNIQUE (incident_id, seq)
    ) STRICT;
    CREATE INDEX timeline_corrections ON timeline (incident_id, supersedes) WHERE supersedes IS NOT NULL;
    -- Append-only in the schema itself, not only by convention: a correction is a new entry.
    CREATE TRIGGER timeline_no_update BEFORE UPDATE ON timeline
      BEGIN SELECT RAISE(ABORT, 'timeline entries are append-only: add a correction that supersedes the entry'); END;
    CREATE TRIGGER timeline_no_delete BEFORE DELETE ON timeline
      BEGIN SELECT RAISE(ABORT, 'timeline entries are append-only'); END;

    CREATE TABLE incident_alerts (
      incident_id TEXT NOT NULL REFERENCES incidents (id),
      fingerprint TEXT NOT NULL,
      linked_at   INTEGER NOT NULL,
      PRIMARY KEY (incident_id, fingerprint)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX incident_alerts_fingerprint ON incident_alerts (fingerprint);

    CREATE TABLE checklist (
      incident_id TEXT NOT NULL REFERENCES incidents (id),
      key         TEXT NOT NULL,
      label       TEXT NOT NULL,
      position    INTEGER NOT NULL,
      done_at     INTEGER,
      done_by     TEXT,
      PRIMARY KEY (incident_id, key)
    ) STRICT, WITHOUT ROWID;

    CREATE TABLE action_items (
      n           INTEGER PRIMARY KEY,
      id          TEXT NOT NULL UNIQUE,
      incident_id TEXT NOT NULL REFERENCES incidents (id),
      title       TEXT NOT NULL,
      owner       TEXT,
      due_date    TEXT,
      done        INTEGER NOT NULL DEFAULT 0,
      created_at  INTEGER NOT NULL,
      updated_at  INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX action_items_incident ON action_items (incident_id);

    CREATE TABLE postmortems (
      incident_id TEXT PRIMARY KEY REFERENCES incidents (id),
      summary     TEXT NOT NULL DEFAULT '',
      impact      TEXT NOT NULL DEFAULT '',
      root_cause  TEXT NOT NULL DEFAULT '',
      five_whys   TEXT NOT NULL DEFAULT '[]',
      went_well   TEXT NOT NULL DEFAULT '',
      went_badly  TEXT NOT NULL DEFAULT '',
      lessons     TEXT NOT NULL DEFAULT '',
      slo_impact  TEXT NOT NULL DEFAULT '',
      cost        TEXT NOT NULL DEFAULT '',
      updated_at  INTEGER NOT NULL
    ) STRICT;

    -- Full-text search (words match as prefixes, see search.ts). Own copies of the text (not external content) because runbook entries index
    -- their command and output from the JSON data as well. rowid = incidents.n / timeline.n.
    CREATE VIRTUAL TABLE title_fts USING fts5 (title, tokenize = 'unicode61 remove_diacritics 2');
    CREATE VIRTUAL TABLE entry_fts USING fts5 (body, tokenize = 'unicode61 remove_diacritics 2');
  `);
}
