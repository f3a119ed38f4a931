import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initTeamDatabase } from '../../../main/core/team/init';
import { startPostgres, type TestPostgres } from '../../support/postgres';
import { startRelay, type TcpRelay } from '../../support/tcp-relay';
import { createMemberRole, journalState, laptop, type Laptop } from '../../support/team';

describe('a laptop cut off from the team database (TCP relay) and reconnected', () => {
  let server: TestPostgres;
  let relay: TcpRelay;
  const laptops: Laptop[] = [];

  beforeAll(async () => {
    server = await startPostgres();
    for (const role of ['alice', 'bob', 'carol']) createMemberRole(server, role);
    await initTeamDatabase(server.adminUrl, { password: server.superPassword }, ['alice', 'bob', 'carol'], () => undefined);
    relay = await startRelay(server.port);
  }, 60_000);
  afterAll(async () => {
    for (const l of laptops) l.close();
    await relay?.close();
    await server?.cleanup();
  });

  const note = (l: Laptop, incidentId: string, text: string) => {
    l.clock.now += 10;
    return l.journal.append({ kind: 'note', incidentId, text }).entry.id;
  };
  const outboxSize = (l: Laptop) => (l.db.prepare('SELECT count(*) AS n FROM team_outbox').get() as { n: number }).n;

  it('writes 1,000 entries offline, fails each sync clearly (refused, stalled, dropped), then converges with nothing lost or doubled', async () => {
    const a = laptop(server, 'alice');
    const b = laptop(server, 'bob');
    const c = laptop(server, 'carol', { url: `postgres://carol@127.0.0.1:${String(relay.port)}/oncall` });
    laptops.push(a, b, c);
    const incident = a.journal.open({ title: 'Payments down', severity: 'P1' }).incident.id;
    for (const l of [a, b, c]) await l.sync.syncOnce();
    expect(c.db.prepare('SELECT count(*) AS n FROM incidents').get()).toEqual({ n: 1 });

    relay.setMode('refuse');
    relay.dropAll();
    const written: string[] = [];
    for (let i = 0; i < 1000; i++) {
      written.push(note(c, incident, `carol offline ${String(i)}`));
      if (i % 100 === 0) {
        written.push(note(a, incident, `alice ${String(i)}`));
        written.push(note(b, incident, `bob ${String(i)}`));
        await Promise.all([a.sync.syncOnce(), b.sync.syncOnce()]);
      }
    }
    await expect(c.sync.syncOnce()).rejects.toThrow(/team database unreachable/);

    // A link that accepts but answers nothing must time out, not hang the sync.
    relay.setMode('stall');
    const started = Date.now();
    await expect(c.sync.syncOnce()).rejects.toThrow(/team database unreachable: .*(timeout|terminated)/i);
    expect(Date.now() - started).toBeLessThan(12_000);
    expect(c.sync.local.pendingCount()).toBeGreaterThanOrEqual(1000);

    // Back online, and the link drops again in the middle of the push.
    relay.setMode('forward');
    relay.dropAll();
    const interrupted = c.sync.syncOnce().then(
      () => 'done',
      (err: Error) => err.message,
    );
    setTimeout(() => relay.dropAll(), 30);
    await interrupted;

    // A link that goes silent in the middle of a push: the query times out and the sync says so.
    for (let i = 0; i < 1000; i++) written.push(note(c, incident, `carol later ${String(i)}`));
    const silent = Date.now();
    // About a third of the way into the pending inserts (each is a few hundred bytes on the wire).
    relay.stallAfter(100_000);
    await expect(c.sync.syncOnce()).rejects.toThrow(/team database unreachable: it stopped answering/);
    expect(Date.now() - silent).toBeLessThan(20_000);
    relay.setMode('forward');
    relay.dropAll();

    for (let i = 0; i < 2; i++) for (const l of [c, a, b]) await l.sync.syncOnce();
    const states = [a, b, c].map((l) => journalState(l.db));
    expect(states[1]).toEqual(states[0]);
    expect(states[2]).toEqual(states[0]);
    const ids = (states[0]!.entries as { id: string }[]).map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of written) expect(ids).toContain(id);
    expect(c.sync.local.pendingCount()).toBe(0);
    // The server holds each queued event once.
    const onServer = server.psql(`SELECT count(*) || ' ' || count(DISTINCT id) FROM oncall.events WHERE team = 'ops'`).trim();
    const queued = outboxSize(a) + outboxSize(b) + outboxSize(c);
    expect(onServer).toBe(`${String(queued)} ${String(queued)}`);
  }, 60_000);
});
