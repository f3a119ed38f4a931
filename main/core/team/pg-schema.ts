/**
 * The team database's schema, plain PostgreSQL 13+ (no extension). Trust is the database's, not
 * the console's: members may only SELECT and INSERT events (no UPDATE or DELETE privilege), and
 * row-level security refuses an event whose `author` is not the role inserting it.
 */
export const schemaVersion = 1;

/** Everything `oncall team init` runs as the admin, in order; printed before it runs. */
export function initStatements(): string[] {
  return [
    `CREATE SCHEMA IF NOT EXISTS oncall`,
    `CREATE TABLE IF NOT EXISTS oncall.schema_version (version integer NOT NULL)`,
    `INSERT INTO oncall.schema_version (version) SELECT ${String(schemaVersion)} WHERE NOT EXISTS (SELECT 1 FROM oncall.schema_version)`,
    `CREATE TABLE IF NOT EXISTS oncall.events (
  seq         bigserial PRIMARY KEY,
  id          text NOT NULL UNIQUE,
  team        text NOT NULL,
  author      name NOT NULL DEFAULT current_user,
  member      text NOT NULL,
  host        text NOT NULL,
  kind        text NOT NULL,
  incident_id text NOT NULL,
  hlc         text NOT NULL,
  payload     jsonb NOT NULL,
  written_at  timestamptz NOT NULL DEFAULT now()
)`,
    `CREATE INDEX IF NOT EXISTS events_team_seq ON oncall.events (team, seq)`,
    `ALTER TABLE oncall.events ENABLE ROW LEVEL SECURITY`,
    `DROP POLICY IF EXISTS events_read ON oncall.events`,
    `CREATE POLICY events_read ON oncall.events FOR SELECT USING (true)`,
    `DROP POLICY IF EXISTS events_insert_own ON oncall.events`,
    `CREATE POLICY events_insert_own ON oncall.events FOR INSERT WITH CHECK (author = current_user)`,
    `CREATE TABLE IF NOT EXISTS oncall.presence (
  team      text NOT NULL,
  author    name NOT NULL DEFAULT current_user,
  member    text NOT NULL,
  host      text NOT NULL,
  last_seen timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (team, author, host)
)`,
    `ALTER TABLE oncall.presence ENABLE ROW LEVEL SECURITY`,
    `DROP POLICY IF EXISTS presence_read ON oncall.presence`,
    `CREATE POLICY presence_read ON oncall.presence FOR SELECT USING (true)`,
    `DROP POLICY IF EXISTS presence_own ON oncall.presence`,
    `CREATE POLICY presence_own ON oncall.presence FOR INSERT WITH CHECK (author = current_user)`,
    `DROP POLICY IF EXISTS presence_update_own ON oncall.presence`,
    `CREATE POLICY presence_update_own ON oncall.presence FOR UPDATE USING (author = current_user) WITH CHECK (author = current_user)`,
    // Consoles that LISTEN hear of a new event at once; the payload is the team's name only.
    `CREATE OR REPLACE FUNCTION oncall.notify_event() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_notify('oncall_events', NEW.team); RETURN NULL; END $$`,
    `DROP TRIGGER IF EXISTS events_notify ON oncall.events`,
    `CREATE TRIGGER events_notify AFTER INSERT ON oncall.events FOR EACH ROW EXECUTE FUNCTION oncall.notify_event()`,
  ];
}

/** What a member role needs, nothing more: read all, insert own events, keep its own presence row. */
export function grantStatements(role: string): string[] {
  const r = quoteIdent(role);
  return [
    `GRANT USAGE ON SCHEMA oncall TO ${r}`,
    `GRANT SELECT ON oncall.schema_version TO ${r}`,
    `GRANT SELECT, INSERT ON oncall.events TO ${r}`,
    `GRANT USAGE ON SEQUENCE oncall.events_seq_seq TO ${r}`,
    `GRANT SELECT, INSERT, UPDATE ON oncall.presence TO ${r}`,
  ];
}

export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
