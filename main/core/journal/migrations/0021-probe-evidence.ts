import type Database from 'better-sqlite3';

/**
 * Which failed browser check's evidence (screenshot, console errors; files under evidence/) went onto
 * which incident: one entry per incident, alert and failure episode (the alert's activeAt), so a page
 * failing every minute does not flood the timeline. A linked evidence folder outlives the retention.
 */
export function up(db: Database.Database): void {
  db.exec(`
    CREATE TABLE probe_evidence_links (
      incident_id TEXT    NOT NULL,
      fingerprint TEXT    NOT NULL,
      episode     INTEGER NOT NULL,
      evidence_id TEXT    NOT NULL,
      added_at    INTEGER NOT NULL,
      PRIMARY KEY (incident_id, fingerprint, episode)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX probe_evidence_links_evidence ON probe_evidence_links (evidence_id);
  `);
}
