import type Database from 'better-sqlite3';

/**
 * Shift handoffs (rotation domain, migrations 60-69): the report as it was handed over, the
 * outgoing engineer's notes, and the incoming engineer's receipt. A handoff is never edited; the
 * receipt is the one field filled in later, once.
 */
export function up(db: Database.Database): void {
  db.exec(`
    CREATE TABLE handoffs (
      id          TEXT PRIMARY KEY,
      from_member TEXT NOT NULL,
      to_member   TEXT,
      shift_start INTEGER NOT NULL,
      shift_end   INTEGER NOT NULL,
      report      TEXT NOT NULL,
      notes       TEXT NOT NULL,
      created_at  INTEGER NOT NULL,
      received_by TEXT,
      received_at INTEGER
    ) STRICT;
    CREATE INDEX handoffs_created ON handoffs (created_at);
    CREATE TRIGGER handoffs_receipt_once BEFORE UPDATE ON handoffs
      WHEN OLD.received_at IS NOT NULL OR NEW.id IS NOT OLD.id OR NEW.report IS NOT OLD.report OR NEW.notes IS NOT OLD.notes OR NEW.from_member IS NOT OLD.from_member
      BEGIN SELECT RAISE(ABORT, 'a handoff is kept as it was handed over; only its receipt is added, once'); END;
    CREATE TRIGGER handoffs_no_delete BEFORE DELETE ON handoffs
      BEGIN SELECT RAISE(ABORT, 'handoffs are kept'); END;
  `);
}
