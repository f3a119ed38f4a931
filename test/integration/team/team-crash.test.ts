import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initTeamDatabase } from '../../../main/core/team/init';
import { startPostgres, type TestPostgres } from '../../support/postgres';
import { createMemberRole, journalState, laptop, type Laptop } from '../../support/team';

const child = join(import.meta.dirname, '../../support/team-push-child.ts');

describe('a push killed with SIGKILL, and PostgreSQL restarted mid-sync', () => {
  let server: TestPostgres;
  const laptops: Laptop[] = [];

  beforeAll(async () => {
    server = await startPostgres();
    for (const role of ['alice', 'bob']) createMemberRole(server, role);
    await initTeamDatabase(server.adminUrl, { password: server.superPassword }, ['alice', 'bob'], () => undefined);
  }, 60_000);
  afterAll(async () => {
    for (const l of laptops) l.close();
    await server?.cleanup();
  });

  const serverCount = (team = 'ops') => server.psql(`SELECT count(*) || ' ' || count(DISTINCT id) FROM oncall.events WHERE team = '${team}'`).trim();
  const outboxSize = (l: Laptop) => (l.db.prepare('SELECT count(*) AS n FROM team_outbox').get() as { n: number }).n;
  const writeMany = (l: Laptop, incidentId: string, n: number, label: string) => {
    for (let i = 0; i < n; i++) {
      l.clock.now += 5;
      l.journal.append({ kind: 'note', incidentId, text: `${label} ${String(i)}` });
    }
  };
  const until = async (what: () => boolean, ms: number) => {
    const end = Date.now() + ms;
    while (!what()) {
      if (Date.now() > end) throw new Error('timed out waiting');
      await new Promise((r) => setTimeout(r, 20));
    }
  };

  it('kill -9 after part of the batches committed: the next sync pushes the rest, each event exactly once', async () => {
    const a = laptop(server, 'alice');
    const b = laptop(server, 'bob');
    laptops.push(a, b);
    const incident = a.journal.open({ title: 'Queue backlog', severity: 'P2' }).incident.id;
    writeMany(a, incident, 3000, 'alice');
    const proc = spawn(process.execPath, ['--import', 'tsx', child, a.path, `postgres://alice@127.0.0.1:${String(server.port)}/oncall`, 'alice', 'pw-alice'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => proc.once('exit', (_code, signal) => resolve(signal)));
    // Killed once some of its batches are on the server and before it is done.
    await until(() => Number(serverCount().split(' ')[0]) > 0, 30_000);
    proc.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    const [before] = serverCount().split(' ').map(Number) as [number];
    expect(before).toBeGreaterThan(0);
    expect(before).toBeLessThan(outboxSize(a));
    // Batches the server committed but the killed process never marked pushed are pushed again: ignored.
    expect(a.sync.local.pendingCount()).toBeGreaterThan(outboxSize(a) - before - 1);

    await a.sync.syncOnce();
    await b.sync.syncOnce();
    expect(serverCount()).toBe(`${String(outboxSize(a))} ${String(outboxSize(a))}`);
    expect(journalState(b.db)).toEqual(journalState(a.db));
    expect(journalState(b.db).entries.length).toBe(3000 + (a.db.prepare('SELECT count(*) AS n FROM timeline WHERE text NOT LIKE ?').get('alice %') as { n: number }).n);
  }, 60_000);

  it('PostgreSQL restarted in the middle of a sync: it fails clearly, the next one succeeds and converges', async () => {
    const a = laptop(server, 'alice', { team: 'restart' });
    const b = laptop(server, 'bob', { team: 'restart' });
    laptops.push(a, b);
    const incident = a.journal.open({ title: 'Disk full', severity: 'P1' }).incident.id;
    await a.sync.syncOnce();
    await b.sync.syncOnce();
    writeMany(a, incident, 2000, 'alice');
    writeMany(b, incident, 200, 'bob');
    const syncing = a.sync.syncOnce().then(
      () => 'completed',
      (err: Error) => err.message,
    );
    await until(() => Number(serverCount('restart').split(' ')[0]) > 1, 30_000);
    await server.restart();
    const outcome = await syncing;
    // Either the restart came before the last batch (a clear error) or after it (done): never a hang.
    if (outcome !== 'completed') expect(outcome).toMatch(/team database unreachable|terminat/i);
    for (let i = 0; i < 2; i++) for (const l of [a, b]) await l.sync.syncOnce();
    expect(journalState(b.db)).toEqual(journalState(a.db));
    const queued = outboxSize(a) + outboxSize(b);
    expect(serverCount('restart')).toBe(`${String(queued)} ${String(queued)}`);
    expect(a.sync.local.pendingCount() + b.sync.local.pendingCount()).toBe(0);
  }, 60_000);
});
