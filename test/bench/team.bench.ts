// `npm run bench team`: the team journal on a throw-away PostgreSQL (127.0.0.1): entry on laptop A →
// visible on laptop B with 20 consoles writing at once; catch-up of 100,000 entries; and what the
// outbox trigger adds to `oncall note`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openJournal } from '../../main/core/journal';
import { Journal } from '../../main/core/journal/journal';
import { LocalTeamJournal } from '../../main/core/team/local';
import type { TeamDatabase } from '../../main/core/team/remote';
import { initTeamDatabase } from '../../main/core/team/init';
import { oncallBin } from '../support/cli';
import { startPostgres, type TestPostgres } from '../support/postgres';
import { createMemberRole, laptop } from '../support/team';
import { median, ms, percentile } from './stats';

const consoles = 20;
const pollMs = 100;
const seconds = 10;

async function latency(server: TestPostgres): Promise<void> {
  const members = Array.from({ length: consoles }, (_, i) => `m${String(i)}`);
  for (const m of members) createMemberRole(server, m);
  await initTeamDatabase(server.adminUrl, { password: server.superPassword }, members, () => undefined);
  const laptops = members.map((m) => laptop(server, m, { team: 'latency' }));
  for (const l of laptops) l.clock.now = Date.now();
  const incident = laptops[0]!.journal.open({ title: 'bench', severity: 'P2' }).incident.id;
  const remotes: TeamDatabase[] = [];
  for (const l of laptops) remotes.push(await l.sync.connect());
  for (const [i, l] of laptops.entries()) await l.sync.round(remotes[i]!);
  for (const [i, l] of laptops.entries()) await l.sync.round(remotes[i]!);
  const writtenAt = new Map<string, { at: number; by: number }>();
  const seenUpTo = laptops.map((l) => (l.db.prepare('SELECT max(n) AS n FROM timeline').get() as { n: number }).n);
  const delays: number[] = [];
  const end = Date.now() + seconds * 1000;
  // Each console: write a note every ~0.5 s (jittered) and sync every pollMs (no LISTEN loop in this bench).
  await Promise.all(
    laptops.map(async (l, i) => {
      let nextWrite = Date.now() + Math.random() * 500;
      while (Date.now() < end) {
        if (Date.now() >= nextWrite) {
          l.clock.now = Date.now();
          const id = l.journal.append({ kind: 'note', incidentId: incident, text: `from ${l.member}` }).entry.id;
          writtenAt.set(id, { at: Date.now(), by: i });
          nextWrite = Date.now() + 250 + Math.random() * 500;
        }
        l.clock.now = Date.now();
        await l.sync.round(remotes[i]!);
        const fresh = l.db.prepare('SELECT n, id FROM timeline WHERE n > ? ORDER BY n').all(seenUpTo[i]) as { n: number; id: string }[];
        const now = Date.now();
        for (const row of fresh) {
          seenUpTo[i] = row.n;
          const written = writtenAt.get(row.id);
          if (written && written.by !== i) delays.push(now - written.at);
        }
        await new Promise((r) => setTimeout(r, pollMs));
      }
    }),
  );
  for (const r of remotes) await r.close();
  for (const l of laptops) l.close();
  console.log(`| entry on A → visible on B, ${String(consoles)} consoles writing at once, poll every ${String(pollMs)} ms (no LISTEN), ${String(writtenAt.size)} entries, ${String(delays.length)} deliveries | p50 **${ms(median(delays))}**, p99 **${ms(percentile(delays, 99))}**, max ${ms(Math.max(...delays))} | p99 under 1 s |`);
}

async function catchUp(server: TestPostgres): Promise<void> {
  createMemberRole(server, 'alice');
  createMemberRole(server, 'bob');
  await initTeamDatabase(server.adminUrl, { password: server.superPassword }, ['alice', 'bob'], () => undefined);
  const a = laptop(server, 'alice', { team: 'catchup' });
  const incident = a.journal.open({ title: 'a long day', severity: 'P2' }).incident.id;
  await a.sync.syncOnce();
  // A day of a busy team: 100,000 entries already on the server (inserted in SQL, in alice's name).
  const t0 = a.clock.now;
  server.psql(`INSERT INTO oncall.events (id, team, author, member, host, kind, incident_id, hlc, payload)
    SELECT 'day:' || g, 'catchup', 'alice', 'alice', 'alice-laptop', 'timeline.append', '${incident}', lpad((${String(t0)} + g)::text, 15, '0') || '-000000-alice',
      jsonb_build_object('id', 'day-' || g, 'incident_id', '${incident}', 'at', ${String(t0)} + g, 'kind', 'note', 'text', 'entry number ' || g || ' of the day', 'data', null, 'author', 'alice', 'supersedes', null)
    FROM generate_series(1, 100000) AS g`);
  const b = laptop(server, 'bob', { team: 'catchup' });
  const started = performance.now();
  const result = await b.sync.syncOnce();
  const took = performance.now() - started;
  const count = (b.db.prepare('SELECT count(*) AS n FROM timeline WHERE incident_id = ?').get(incident) as { n: number }).n;
  console.log(`| catch-up: ${String(result.pulled)} events pulled and merged (${String(count)} entries on the incident) | **${(took / 1000).toFixed(1)} s** (${(result.pulled / (took / 1000)).toFixed(0)} events/s) | under 30 s |`);
  a.close();
  b.close();
}

function noteOverhead(server: TestPostgres): void {
  const homes = ['plain', 'team'].map((kind) => {
    const home = mkdtempSync(join(tmpdir(), `oncall-bench-note-${kind}-`));
    const db = openJournal(join(home, 'journal.db'));
    new Journal(db, { now: () => Date.now(), author: 'alice' }).open({ title: 'bench', severity: 'P3' });
    if (kind === 'team') {
      new LocalTeamJournal(db).enable('alice');
      writeFileSync(join(home, 'config.yml'), `team:\n  database: postgres://alice@127.0.0.1:${String(server.port)}/oncall\n  name: ops\n`);
    }
    db.close();
    return home;
  });
  const times: Record<string, number[]> = { plain: [], team: [] };
  for (let i = 0; i < 30; i++) {
    for (const [k, home] of [['plain', homes[0]!], ['team', homes[1]!]] as const) {
      const t = performance.now();
      const r = spawnSync(process.execPath, [oncallBin, '--home', home, 'note', `note ${String(i)}`], { encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`oncall note failed: ${r.stderr}`);
      times[k]!.push(performance.now() - t);
    }
  }
  const [plain, team] = [median(times.plain!), median(times.team!)];
  console.log(`| \`oncall note\` wall time, median of 30: with \`team:\` (outbox trigger) vs without | ${ms(team)} vs ${ms(plain)}: **${(team / plain).toFixed(2)}×** | under 1.2× |`);
  for (const h of homes) rmSync(h, { recursive: true, force: true });
}

export async function run(): Promise<void> {
  const server = await startPostgres();
  try {
    console.log(`load average ${String(spawnSync('cat', ['/proc/loadavg'], { encoding: 'utf8' }).stdout.split(' ')[0])}\n\n| what | figure | goal |\n|---|---|---|`);
    noteOverhead(server);
    await catchUp(server);
    await latency(server);
  } finally {
    await server.cleanup();
  }
}
