import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initTeamDatabase } from '../../../main/core/team/init';
import { startPostgres, type TestPostgres } from '../../support/postgres';
import { createMemberRole, journalState, laptop, type Laptop } from '../../support/team';

describe('the team journal on a real PostgreSQL', () => {
  let server: TestPostgres;
  const laptops: Laptop[] = [];
  const init: string[] = [];

  beforeAll(async () => {
    server = await startPostgres();
    for (const role of ['alice', 'bob', 'carol']) createMemberRole(server, role);
    await initTeamDatabase(server.adminUrl, { password: server.superPassword }, ['alice', 'bob', 'carol'], (sql) => init.push(sql));
  }, 60_000);
  afterAll(async () => {
    for (const l of laptops) l.close();
    await server?.cleanup();
  });

  const open = (l: Laptop, title: string) => l.journal.open({ title, severity: 'P2' }).incident.id;
  const note = (l: Laptop, incidentId: string, text: string) => {
    l.clock.now += 1000;
    return l.journal.append({ kind: 'note', incidentId, text }).entry.id;
  };

  it('init prints the SQL it runs and grants members no UPDATE or DELETE', () => {
    expect(init.some((s) => s.startsWith('CREATE TABLE IF NOT EXISTS oncall.events'))).toBe(true);
    expect(init).toContain('GRANT SELECT, INSERT ON oncall.events TO "bob";');
    expect(init.join('\n')).not.toMatch(/GRANT[^;]*(UPDATE|DELETE)[^;]*oncall\.events/);
  });

  it('three laptops writing at once end with the same journal: nothing lost, nothing twice', async () => {
    const [a, b, c] = ['alice', 'bob', 'carol'].map((m) => laptop(server, m));
    laptops.push(a!, b!, c!);
    // Incidents from before the team was configured are shared too (a and b each had one).
    const ia = open(a!, 'Checkout errors');
    const ib = open(b!, 'Login slow');
    for (let round = 0; round < 5; round++) {
      note(a!, ia, `alice ${String(round)}`);
      note(b!, ib, `bob ${String(round)}`);
      await Promise.all([a!.sync.syncOnce(), b!.sync.syncOnce(), c!.sync.syncOnce()]);
      // Everyone writes on an incident they learnt about from a teammate.
      if (round > 0) {
        note(c!, ia, `carol on checkout ${String(round)}`);
        note(a!, ib, `alice on login ${String(round)}`);
      }
    }
    for (let i = 0; i < 2; i++) for (const l of [a!, b!, c!]) await l.sync.syncOnce();
    const states = [a!, b!, c!].map((l) => journalState(l.db));
    expect(states[0]!.incidents).toHaveLength(2);
    // Each incident's start entries + 5 + 4 notes; the exact count is what every laptop must agree on.
    expect(states[1]).toEqual(states[0]);
    expect(states[2]).toEqual(states[0]);
    const ids = (states[0]!.entries as { id: string }[]).map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBeGreaterThanOrEqual(2 + 5 + 5 + 4 + 4);
    // Every laptop's pushed count equals what the server holds: each event once.
    const count = server.psql(`SELECT count(*) FROM oncall.events WHERE team = 'ops'`).trim();
    const queued = [a!, b!, c!].reduce((n, l) => n + (l.db.prepare('SELECT count(*) AS n FROM team_outbox').get() as { n: number }).n, 0);
    expect(Number(count)).toBe(queued);
    // The author a teammate sees is the PostgreSQL role that wrote the entry.
    const carolsNote = c!.db.prepare(`SELECT author FROM timeline WHERE text = 'alice 0'`).get() as { author: string };
    expect(carolsNote.author).toBe('alice');
  });

  it('concurrent changes to one field resolve the same way everywhere, with both writes on the timeline, whatever the clocks say', async () => {
    const a = laptop(server, 'alice', { team: 'skew' });
    const b = laptop(server, 'bob', { team: 'skew', skewMs: -5 * 60_000 });
    const c = laptop(server, 'carol', { team: 'skew', skewMs: 5 * 60_000 });
    laptops.push(a, b, c);
    const id = open(a, 'DB failover');
    await a.sync.syncOnce();
    await b.sync.syncOnce();
    await c.sync.syncOnce();
    // bob (clock 5 min slow) and carol (5 min fast) change the status while apart.
    b.clock.now += 1000;
    b.journal.setStatus(id, 'investigating');
    c.clock.now += 1000;
    c.journal.setStatus(id, 'mitigated');
    for (let i = 0; i < 2; i++) for (const l of [b, c, a]) await l.sync.syncOnce();
    const states = [a, b, c].map((l) => journalState(l.db));
    expect(states[1]).toEqual(states[0]);
    expect(states[2]).toEqual(states[0]);
    const statusEntries = (states[0]!.entries as { kind: string; text: string }[]).filter((e) => e.kind === 'status_change');
    // Opened, then bob's and carol's changes: both writes are on every timeline.
    expect(statusEntries.map((e) => e.text.split(':')[0])).toHaveLength(3);
    // Status only moves forward, so it merges as the furthest either reached.
    expect((states[0]!.incidents[0] as { status: string }).status).toBe('mitigated');

    // Other fields: last writer by HLC. bob and carol both take the IC role while apart; carol's
    // stamp is later (her wall clock is 10 min ahead of his), so she holds it on every laptop.
    b.clock.now += 1000;
    b.journal.setRole(id, 'commander', 'bob');
    c.clock.now += 1000;
    c.journal.setRole(id, 'commander', 'carol');
    for (let i = 0; i < 2; i++) for (const l of [b, c, a]) await l.sync.syncOnce();
    const commander = (l: Laptop) => (l.db.prepare('SELECT commander FROM incidents WHERE id = ?').get(id) as { commander: string }).commander;
    expect([a, b, c].map(commander)).toEqual(['carol', 'carol', 'carol']);
    // bob, having seen carol's write, takes it back: his HLC is past hers although his clock is 10 min behind.
    b.clock.now += 1000;
    b.journal.setRole(id, 'commander', 'bob');
    for (const l of [b, a, c]) await l.sync.syncOnce();
    expect([a, b, c].map(commander)).toEqual(['bob', 'bob', 'bob']);
    expect(journalState(b.db)).toEqual(journalState(a.db));
  });

  it('PostgreSQL itself refuses UPDATE, DELETE and an entry forged in another member\'s name', async () => {
    const client = new pg.Client({ host: '127.0.0.1', port: server.port, user: 'bob', password: 'pw-bob', database: 'oncall' });
    await client.connect();
    try {
      await expect(client.query(`UPDATE oncall.events SET payload = '{}'`)).rejects.toThrow(/permission denied/);
      await expect(client.query(`DELETE FROM oncall.events`)).rejects.toThrow(/permission denied/);
      await expect(
        client.query(`INSERT INTO oncall.events (id, team, author, member, host, kind, incident_id, hlc, payload) VALUES ('forged:1', 'ops', 'alice', 'alice', 'x', 'timeline.append', 'INC', '0', '{}')`),
      ).rejects.toThrow(/row-level security/);
      // As himself he may insert.
      await client.query(`INSERT INTO oncall.events (id, team, member, host, kind, incident_id, hlc, payload) VALUES ('bob-test:1', 'elsewhere', 'bob', 'x', 'timeline.append', 'INC', '0', '{}')`);
      expect((await client.query(`SELECT author FROM oncall.events WHERE id = 'bob-test:1'`)).rows[0]).toEqual({ author: 'bob' });
    } finally {
      await client.end();
    }
  });

  it('refuses a schema newer than itself, and says where the database is unreachable', async () => {
    const a = laptop(server, 'alice', { team: 'v' });
    laptops.push(a);
    server.psql('UPDATE oncall.schema_version SET version = 99');
    try {
      await expect(a.sync.syncOnce()).rejects.toThrow(/version 99, newer than this console understands/);
    } finally {
      server.psql('UPDATE oncall.schema_version SET version = 1');
    }
    const off = laptop(server, 'alice', { team: 'v', url: 'postgres://alice@127.0.0.1:1/oncall' });
    laptops.push(off);
    open(off, 'written offline');
    await expect(off.sync.syncOnce()).rejects.toThrow(/team database unreachable/);
    expect(off.sync.local.pendingCount()).toBeGreaterThan(0);
  });
});
