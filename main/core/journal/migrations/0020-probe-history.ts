import type Database from 'better-sqlite3';

/**
 * Probe history: every result raw for 24 h, and rollups per minute, hour and day kept longer, so
 * charts and SLOs over 30 days read a few thousand rows, not millions. Latency is kept as a
 * histogram per bucket (JSON array of counts) so percentiles survive the rollup.
 */
export function up(db: Database.Database): void {
  db.exec(`
    CREATE TABLE probe_results (
      target     TEXT    NOT NULL,
      at         INTEGER NOT NULL,
      ok         INTEGER NOT NULL,
      error      INTEGER NOT NULL,
      latency_ms REAL,
      status     INTEGER,
      reason     TEXT
    ) STRICT;
    CREATE INDEX probe_results_target_at ON probe_results (target, at);
    CREATE INDEX probe_results_at ON probe_results (at);

    CREATE TABLE probe_rollups (
      target        TEXT    NOT NULL,
      resolution    INTEGER NOT NULL,
      bucket        INTEGER NOT NULL,
      count         INTEGER NOT NULL,
      ok            INTEGER NOT NULL,
      errors        INTEGER NOT NULL,
      latency_count INTEGER NOT NULL,
      latency_sum   REAL    NOT NULL,
      latency_max   REAL    NOT NULL,
      hist          TEXT    NOT NULL,
      PRIMARY KEY (target, resolution, bucket)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX probe_rollups_resolution_bucket ON probe_rollups (resolution, bucket);
  `);
}
