import pg from 'pg';
import { AppError } from '../shared/errors';
import { clientConfig, type Credentials } from './connect';
import type { RemoteEvent, TeamEvent } from './local';
import { schemaVersion } from './pg-schema';

/** Pushers take this lock for their insert, so the server's sequence is also commit order and a pull never skips a late commit. */
const pushLock = 0x6f6e63616c6c; // "oncall"

/** One connection to the team database, as this member's own role. */
export class TeamDatabase {
  private constructor(private readonly client: pg.Client) {}

  static async connect(database: string, credentials: Credentials): Promise<TeamDatabase> {
    const client = new pg.Client(clientConfig(database, credentials));
    // A dropped connection must not crash the app; the next call reports it.
    client.on('error', () => undefined);
    try {
      await client.connect();
    } catch (err) {
      await client.end().catch(() => undefined);
      throw new AppError('unavailable', `team database unreachable: ${(err as Error).message}`);
    }
    const db = new TeamDatabase(client);
    try {
      await db.checkSchema();
    } catch (err) {
      await db.close();
      throw err;
    }
    return db;
  }

  private async checkSchema(): Promise<void> {
    let version: number | undefined;
    try {
      version = (await this.client.query<{ version: number }>('SELECT version FROM oncall.schema_version')).rows[0]?.version;
    } catch (err) {
      throw new AppError('unavailable', `the team database has no oncall schema yet (${(err as Error).message}); the admin runs \`oncall team init\``);
    }
    if (version === undefined) throw new AppError('unavailable', 'the team database has no oncall schema yet; the admin runs `oncall team init`');
    if (version > schemaVersion) throw new AppError('conflict', `the team database's schema is version ${String(version)}, newer than this console understands (${String(schemaVersion)}): update the console`);
  }

  /** Inserts events in order, each once (a retry after a crash inserts nothing new). */
  async push(team: string, member: string, host: string, events: TeamEvent[]): Promise<void> {
    if (!events.length) return;
    await this.client.query('BEGIN');
    try {
      await this.client.query('SELECT pg_advisory_xact_lock($1)', [pushLock]);
      for (const e of events) {
        await this.client.query(
          'INSERT INTO oncall.events (id, team, member, host, kind, incident_id, hlc, payload) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (id) DO NOTHING',
          [e.id, team, member, host, e.kind, e.incidentId, e.hlc, JSON.stringify(e.payload)],
        );
      }
      await this.client.query('COMMIT');
    } catch (err) {
      // Over a link that stopped answering, a ROLLBACK would wait out a second timeout: the server
      // rolls back on its own when the connection goes.
      if (isServerError(err)) await this.client.query('ROLLBACK').catch(() => undefined);
      throw lost(err);
    }
  }

  async pull(team: string, after: number, limit: number): Promise<RemoteEvent[]> {
    const { rows } = await this.client.query<{ seq: string; id: string; author: string; member: string; host: string; kind: RemoteEvent['kind']; incident_id: string; hlc: string; payload: Record<string, unknown> }>(
      'SELECT seq, id, author, member, host, kind, incident_id, hlc, payload FROM oncall.events WHERE team = $1 AND seq > $2 ORDER BY seq LIMIT $3',
      [team, after, limit],
    );
    return rows.map((r) => ({ seq: Number(r.seq), id: r.id, author: r.author, member: r.member, host: r.host, kind: r.kind, incidentId: r.incident_id, hlc: r.hlc, payload: r.payload }));
  }

  async seen(team: string, member: string, host: string): Promise<void> {
    await this.client.query(
      'INSERT INTO oncall.presence (team, member, host) VALUES ($1, $2, $3) ON CONFLICT (team, author, host) DO UPDATE SET member = excluded.member, last_seen = now()',
      [team, member, host],
    );
  }

  async presence(team: string): Promise<{ member: string; author: string; host: string; lastSeen: number }[]> {
    const { rows } = await this.client.query<{ member: string; author: string; host: string; last_seen: Date }>('SELECT member, author, host, last_seen FROM oncall.presence WHERE team = $1 ORDER BY last_seen DESC', [team]);
    return rows.map((r) => ({ member: r.member, author: r.author, host: r.host, lastSeen: r.last_seen.getTime() }));
  }

  /** Resolves when a teammate's event arrives (LISTEN), or never where NOTIFY is unavailable (poolers): the caller polls too. */
  async listen(onEvent: () => void): Promise<void> {
    this.client.on('notification', () => onEvent());
    await this.client.query('LISTEN oncall_events');
  }

  /** Ends the session; a link that stopped answering is cut after a moment rather than waited on. */
  async close(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const cut = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        (this.client as unknown as { connection?: { stream?: { destroy(): void } } }).connection?.stream?.destroy();
        resolve();
      }, closeGraceMs);
    });
    await Promise.race([this.client.end().catch(() => undefined), cut]);
    clearTimeout(timer);
  }
}

const closeGraceMs = 2000;

/** An error PostgreSQL sent (it has a SQLSTATE), as opposed to the link failing. */
function isServerError(err: unknown): boolean {
  return typeof (err as { code?: unknown }).code === 'string' && /^[0-9A-Z]{5}$/.test((err as { code: string }).code);
}

/** The link failed mid-sync: say so plainly; nothing is lost, the outbox is pushed again later. */
export function lost(err: unknown): unknown {
  if (err instanceof AppError || isServerError(err)) return err;
  const message = (err as Error).message;
  const why = /timeout/i.test(message) ? 'it stopped answering (no reply within the query timeout)' : message;
  return new AppError('unavailable', `team database unreachable: ${why}; the pending writes stay queued`);
}
