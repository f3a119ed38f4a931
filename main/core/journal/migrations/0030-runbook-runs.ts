import type Database from 'better-sqlite3';

/**
 * Runbook runs and their step results, so a run can be resumed from the step where it stopped even
 * after the app restarts. Secret param values are never stored (the run asks for them again).
 * Step output is kept in chunks written as it streams, so a 50 MB step never makes one huge write.
 */
export function up(db: Database.Database): void {
  db.exec(`
    CREATE TABLE runbook_runs (
      id           TEXT PRIMARY KEY,
      runbook_id   TEXT NOT NULL,
      runbook_file TEXT NOT NULL,
      title        TEXT NOT NULL,
      params       TEXT NOT NULL,
      labels       TEXT NOT NULL,
      host         TEXT,
      incident_id  TEXT,
      status       TEXT NOT NULL CHECK (status IN ('active', 'paused', 'finished', 'aborted')),
      trigger      TEXT NOT NULL CHECK (trigger IN ('manual', 'auto')),
      current_step INTEGER NOT NULL DEFAULT 0,
      started_at   INTEGER NOT NULL,
      updated_at   INTEGER NOT NULL,
      finished_at  INTEGER
    ) STRICT;
    CREATE INDEX runbook_runs_by_status ON runbook_runs (status, updated_at);

    CREATE TABLE runbook_step_results (
      id           INTEGER PRIMARY KEY,
      run_id       TEXT NOT NULL REFERENCES runbook_runs (id) ON DELETE CASCADE,
      step_index   INTEGER NOT NULL,
      step_id      TEXT NOT NULL,
      attempt      INTEGER NOT NULL,
      status       TEXT NOT NULL,
      host         TEXT,
      fingerprint  TEXT,
      command      TEXT,
      exit_code    INTEGER,
      duration_ms  INTEGER,
      reason       TEXT,
      confirmation TEXT,
      output_tail  TEXT NOT NULL DEFAULT '',
      output_bytes INTEGER NOT NULL DEFAULT 0,
      started_at   INTEGER NOT NULL,
      finished_at  INTEGER,
      UNIQUE (run_id, step_index, attempt)
    ) STRICT;

    CREATE TABLE runbook_step_output (
      result_id INTEGER NOT NULL REFERENCES runbook_step_results (id) ON DELETE CASCADE,
      seq       INTEGER NOT NULL,
      chunk     BLOB NOT NULL,
      PRIMARY KEY (result_id, seq)
    ) STRICT;
  `);
}
