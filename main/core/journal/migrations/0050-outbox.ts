import type Database from 'better-sqlite3';

/**
 * The channels outbox: every outgoing message is written here in the transaction that caused it,
 * then delivered by a worker that may die at any point. One delivery per (message, integration),
 * tried in `seq` order per integration (its "line"); every attempt is kept with the server's answer.
 * `outbox_notify_log` is Alertmanager's notification log per integration, so a restart does not
 * announce an alert group again that a receiver has already been told about.
 */
export function up(db: Database.Database): void {
  db.exec(`
    CREATE TABLE outbox_messages (
      id          TEXT PRIMARY KEY,
      created_at  INTEGER NOT NULL,
      receiver    TEXT NOT NULL,
      incident_id TEXT,
      kind        TEXT NOT NULL CHECK (kind IN ('alerts', 'text')),
      -- The message as composed, never with a resolved secret: secrets are resolved at send time.
      payload     TEXT NOT NULL
    ) STRICT;

    CREATE TABLE outbox_deliveries (
      seq               INTEGER PRIMARY KEY,
      key               TEXT NOT NULL UNIQUE,
      message_id        TEXT NOT NULL REFERENCES outbox_messages (id) ON DELETE CASCADE,
      receiver          TEXT NOT NULL,
      integration_kind  TEXT NOT NULL,
      integration_index INTEGER NOT NULL,
      line              TEXT NOT NULL,
      state             TEXT NOT NULL CHECK (state IN ('pending', 'sending', 'sent', 'failed-retrying', 'dead', 'discarded')),
      created_at        INTEGER NOT NULL,
      updated_at        INTEGER NOT NULL,
      next_at           INTEGER NOT NULL,
      attempts          INTEGER NOT NULL DEFAULT 0,
      last_status       INTEGER,
      last_answer       TEXT,
      reason            TEXT
    ) STRICT;
    -- The worker's question, "what is at the head of each line", reads only the unfinished rows.
    CREATE INDEX outbox_deliveries_open ON outbox_deliveries (line, seq) WHERE state IN ('pending', 'sending', 'failed-retrying');
    CREATE INDEX outbox_deliveries_state ON outbox_deliveries (state, seq);
    CREATE INDEX outbox_deliveries_message ON outbox_deliveries (message_id);

    CREATE TABLE outbox_attempts (
      delivery_seq INTEGER NOT NULL REFERENCES outbox_deliveries (seq) ON DELETE CASCADE,
      n            INTEGER NOT NULL,
      started_at   INTEGER NOT NULL,
      finished_at  INTEGER,
      result       TEXT NOT NULL CHECK (result IN ('sending', 'ok', 'failed', 'interrupted')),
      status       INTEGER,
      answer       TEXT,
      PRIMARY KEY (delivery_seq, n)
    ) STRICT;

    CREATE TABLE outbox_notify_log (
      group_key         TEXT NOT NULL,
      receiver          TEXT NOT NULL,
      integration_kind  TEXT NOT NULL,
      integration_index INTEGER NOT NULL,
      firing            TEXT NOT NULL,
      resolved          TEXT NOT NULL,
      at                INTEGER NOT NULL,
      PRIMARY KEY (group_key, receiver, integration_kind, integration_index)
    ) STRICT;
  `);
}
