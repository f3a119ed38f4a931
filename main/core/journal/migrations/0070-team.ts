import type Database from 'better-sqlite3';

const shared = ['title', 'severity', 'category', 'status', 'commander', 'scribe', 'comms', 'services', 'impact', 'customer_impact', 'correlation_id', 'detected_at', 'acknowledged_at', 'mitigated_at', 'resolved_at', 'closed_at'];

/**
 * The team journal's local half (team domain, migrations 70-79). Triggers put every local write of
 * a shared row into `team_outbox` in the writer's own transaction (app, CLI and import alike), with
 * a hybrid logical clock stamp taken from the row's own time, so a write is never lost between the
 * journal and the push. While pulled events are applied (`team_state.applying`), nothing is queued.
 * Without `team:` in config.yml (`team_state.enabled` absent) the triggers do nothing.
 */
export function up(db: Database.Database): void {
  const changedList = shared.map((f) => `CASE WHEN NEW.${f} IS NOT OLD.${f} THEN '${f}' END`).join(', ');
  const fields = shared.map((f) => `'${f}', NEW.${f}`).join(', ');
  const anyChanged = shared.map((f) => `NEW.${f} IS NOT OLD.${f}`).join(' OR ');
  const active = `EXISTS (SELECT 1 FROM team_state WHERE key = 'enabled') AND NOT EXISTS (SELECT 1 FROM team_state WHERE key = 'applying')`;
  // HLC: wall = max(wall, the row's time); the counter resets when the wall moves on, else counts up.
  const tick = (time: string) => `
      UPDATE team_clock SET counter = CASE WHEN ${time} > wall THEN 0 ELSE counter + 1 END, wall = max(wall, ${time});`;
  const stamp = `(SELECT printf('%015d-%06d-', wall, counter) FROM team_clock) || (SELECT value FROM team_state WHERE key = 'member')`;
  db.exec(`
    CREATE TABLE team_state (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
    CREATE TABLE team_clock (wall INTEGER NOT NULL, counter INTEGER NOT NULL) STRICT;
    INSERT INTO team_clock VALUES (0, 0);

    CREATE TABLE team_outbox (
      n           INTEGER PRIMARY KEY AUTOINCREMENT,
      kind        TEXT NOT NULL,
      ref         TEXT NOT NULL,
      incident_id TEXT NOT NULL,
      hlc         TEXT NOT NULL,
      payload     TEXT,
      created_at  INTEGER NOT NULL,
      pushed_at   INTEGER
    ) STRICT;
    CREATE INDEX team_outbox_pending ON team_outbox (n) WHERE pushed_at IS NULL;
    CREATE INDEX team_outbox_incident ON team_outbox (incident_id, kind);

    -- Teammates' events as applied here (and the server's order), so nothing is applied twice.
    CREATE TABLE team_remote (
      id          TEXT PRIMARY KEY,
      seq         INTEGER NOT NULL,
      author      TEXT NOT NULL,
      member      TEXT NOT NULL,
      host        TEXT NOT NULL,
      kind        TEXT NOT NULL,
      incident_id TEXT NOT NULL,
      hlc         TEXT NOT NULL,
      payload     TEXT NOT NULL,
      applied_at  INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX team_remote_incident ON team_remote (incident_id, kind);

    CREATE TRIGGER team_queue_incident_open AFTER INSERT ON incidents WHEN ${active}
    BEGIN ${tick('NEW.created_at')}
      INSERT INTO team_outbox (kind, ref, incident_id, hlc, created_at) VALUES ('incident.open', NEW.id, NEW.id, ${stamp}, NEW.created_at);
    END;

    CREATE TRIGGER team_queue_incident_set AFTER UPDATE ON incidents WHEN (${anyChanged}) AND ${active}
    BEGIN ${tick('NEW.updated_at')}
      INSERT INTO team_outbox (kind, ref, incident_id, hlc, payload, created_at)
      VALUES ('incident.set', NEW.id, NEW.id, ${stamp}, json_object('fields', json_object(${fields}), 'changed', json_array(${changedList})), NEW.updated_at);
    END;

    CREATE TRIGGER team_queue_timeline AFTER INSERT ON timeline WHEN ${active}
    BEGIN ${tick('NEW.at')}
      INSERT INTO team_outbox (kind, ref, incident_id, hlc, created_at) VALUES ('timeline.append', NEW.id, NEW.incident_id, ${stamp}, NEW.at);
    END;
  `);
}

export const sharedIncidentFields = shared;
