import type Database from 'better-sqlite3';

/**
 * Alerting state that must survive a restart: acknowledgements and snoozes per alert, local
 * silences, the notification log, escalation reminders, and the notification pause.
 */
export function up(db: Database.Database): void {
  db.exec(`
    CREATE TABLE alert_marks (
      fingerprint     TEXT PRIMARY KEY,
      acknowledged_at INTEGER,
      acknowledged_by TEXT,
      snoozed_until   INTEGER
    ) STRICT;

    CREATE TABLE alert_silences (
      id          TEXT PRIMARY KEY,
      matchers    TEXT NOT NULL,
      starts_at   INTEGER NOT NULL,
      ends_at     INTEGER NOT NULL,
      comment     TEXT NOT NULL,
      created_by  TEXT NOT NULL,
      created_at  INTEGER NOT NULL,
      warned      INTEGER NOT NULL DEFAULT 0
    ) STRICT;
    CREATE INDEX alert_silences_ends ON alert_silences (ends_at);

    CREATE TABLE alert_notifications (
      id            INTEGER PRIMARY KEY,
      at            INTEGER NOT NULL,
      kind          TEXT NOT NULL,
      group_key     TEXT NOT NULL,
      title         TEXT NOT NULL,
      body          TEXT NOT NULL,
      fingerprints  TEXT NOT NULL,
      delivered     INTEGER NOT NULL,
      held_because  TEXT
    ) STRICT;
    CREATE INDEX alert_notifications_at ON alert_notifications (at);

    CREATE TABLE alert_escalations (
      fingerprint  TEXT NOT NULL,
      level        INTEGER NOT NULL,
      reminded_at  INTEGER NOT NULL,
      escalated_at INTEGER,
      PRIMARY KEY (fingerprint, level)
    ) STRICT;

    CREATE TABLE alert_settings (
      key   TEXT PRIMARY KEY,
      value TEXT NOT NULL
    ) STRICT;
  `);
}
