// Incident journal figures (issue 3): `oncall note` start-to-exit, append throughput of our layer
// against raw better-sqlite3, and list/detail/search latency on a 50,000-incident journal.
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createEngine, type Engine } from '../../main/core/engine';
import { closeJournal, openJournal } from '../../main/core/journal/db';
import { openStandaloneJournal } from '../../main/core/journal/standalone';
import { oncallBin, projectRoot } from '../support/cli';
import { tempHome } from '../support/temp-home';
import { median, ms, percentile } from './stats';

const incidentCount = 50_000;
const entryCount = 2_000_000;
const bigIncidentEntries = 5_000;

function wallTime(args: string[]): number {
  const start = performance.now();
  const result = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ONCALL_AUTHOR: 'bench@host' } });
  const took = performance.now() - start;
  if (result.status !== 0) throw new Error(`${args.join(' ')} exited ${String(result.status)}: ${String(result.stderr)}`);
  return took;
}

/** `oncall note` (open journal.db, append with synchronous=FULL, exit) against a bare node start, interleaved. */
function cliNote(): void {
  const { home, cleanup } = tempHome('oncall-bench-note-');
  try {
    const { journal, close } = openStandaloneJournal(home);
    const id = journal.open({ title: 'Bench incident', severity: 'P2' }).incident.id;
    close();
    const runs = 30;
    const node: number[] = [];
    const note: number[] = [];
    wallTime([oncallBin, '--home', home, 'note', '--incident', id, 'warm-up']);
    for (let i = 0; i < runs; i++) {
      node.push(wallTime(['-e', '0']));
      note.push(wallTime([oncallBin, '--home', home, 'note', '--incident', id, `restarted api-${i} on web01`]));
    }
    console.log(`oncall note: median ${ms(median(note))}, p90 ${ms(percentile(note, 90))}; node -e 0: median ${ms(median(node))}; ratio ${(median(note) / median(node)).toFixed(2)}x (${runs} runs each, interleaved)`);
  } finally {
    cleanup();
  }
}

/**
 * Appends/s through Journal.append (one IMMEDIATE transaction: row, incident counters and change_seq)
 * vs a bare INSERT per row into the same table. The table's AFTER INSERT trigger fills the search
 * index (migration 11), so both sides index the text; a copy of the table without that trigger shows
 * what the search index itself costs.
 */
function appendRate(): void {
  const { home, cleanup } = tempHome('oncall-bench-append-');
  try {
    const ours = openStandaloneJournal(join(home, 'ours'));
    const incidentId = ours.journal.open({ title: 'Append bench', severity: 'P3' }).incident.id;
    const rawDb = (name: string) => {
      const db = openJournal(join(home, name)); // same schema, WAL, synchronous=FULL
      db.prepare("INSERT INTO incidents (id, title, severity, category, status, started_at, author, created_at, updated_at, last_entry_at, change_seq) VALUES (?, 't', 'P3', 'general', 'triggered', 0, 'b', 0, 0, 0, 1)").run(incidentId);
      return db;
    };
    const raw = rawDb('raw.db');
    const bare = rawDb('bare.db');
    bare.exec('DROP TRIGGER timeline_search');
    const sql = 'INSERT INTO timeline (id, incident_id, seq, at, kind, text, data, author, supersedes) VALUES (?, ?, ?, ?, ?, ?, NULL, ?, NULL)';
    const insertRaw = raw.prepare(sql);
    const insertBare = bare.prepare(sql);
    const text = (i: number) => `restarted api-${i % 7} on web0${i % 3}, error rate back under 1%`;
    const perRound = 1000;
    const rounds = 3;
    let oursMs = 0;
    let rawMs = 0;
    let bareMs = 0;
    let seq = 0;
    // Interleaved rounds, so disk and CPU noise hits all sides alike.
    for (let r = 0; r < rounds; r++) {
      let start = performance.now();
      for (let i = 0; i < perRound; i++) ours.journal.append({ kind: 'note', incidentId, text: text(i) });
      oursMs += performance.now() - start;
      const base = seq;
      start = performance.now();
      for (let i = 0; i < perRound; i++) insertRaw.run(`raw-${++seq}`, incidentId, seq, Date.now(), 'note', text(i), 'bench@host');
      rawMs += performance.now() - start;
      seq = base;
      start = performance.now();
      for (let i = 0; i < perRound; i++) insertBare.run(`raw-${++seq}`, incidentId, seq, Date.now(), 'note', text(i), 'bench@host');
      bareMs += performance.now() - start;
    }
    ours.close();
    closeJournal(raw);
    closeJournal(bare);
    const n = perRound * rounds;
    const rate = (took: number) => n / (took / 1000);
    console.log(`timeline appends (WAL, synchronous=FULL, one commit each): our layer ${rate(oursMs).toFixed(0)}/s, raw better-sqlite3 INSERT into the same table (its trigger indexes the text) ${rate(rawMs).toFixed(0)}/s; cost ratio ${(oursMs / rawMs).toFixed(2)}x (${n} each)`);
    console.log(`  the same INSERT with the search trigger dropped (no search index): ${rate(bareMs).toFixed(0)}/s; our layer costs ${(oursMs / bareMs).toFixed(2)}x that`);
  } finally {
    cleanup();
  }
}

const vocabulary =
  'restarted api gateway pods rollback deploy database replica lag timeout errors checkout payment cache flushed disk full alert firing resolved customer impact latency p99 nginx upstream dns certificate expired queue backlog worker memory leak oom killed cron backup failed storage volume failover region traffic shifted monitoring prometheus grafana dashboard logs correlation ticket escalated vendor status page update postmortem scheduled mitigation applied investigating root cause config change feature flag disabled'.split(' ');

/**
 * Writes the data set with plain SQL in one transaction (what the app would need hours to write):
 * incidents one every 10 minutes, the newest 1,000 still open; the newest incident has 5,000
 * entries and the others about 40 each. Every 10,000th entry mentions "zebra" (a rare word).
 */
export function generate(path: string): void {
  closeJournal(openJournal(path)); // the schema, by the app's own migrations
  const db = new Database(path);
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -262144');
  db.pragma('temp_store = MEMORY');
  const t0 = Date.UTC(2025, 0, 1) / 1000;
  db.transaction(() => {
    db.exec('CREATE TEMP TABLE words (i INTEGER PRIMARY KEY, w TEXT NOT NULL)');
    const word = db.prepare('INSERT INTO words (i, w) VALUES (?, ?)');
    vocabulary.forEach((w, i) => word.run(i, w));
    const v = vocabulary.length;
    const w = (expr: string) => `(SELECT w FROM words WHERE i = (${expr}) % ${v})`;
    db.exec(`
      WITH RECURSIVE k(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM k WHERE n < ${incidentCount})
      INSERT INTO incidents (n, id, title, severity, category, status, started_at, resolved_at, closed_at, author, created_at, updated_at, last_entry_at, entry_count, change_seq)
      SELECT n, printf('INC-%s-%04x', strftime('%Y%m%d-%H%M%S', ${t0} + n * 600, 'unixepoch'), n % 65536),
        ${w('n * 7')} || ' ' || ${w('n * 13 + 5')} || ' on ' || ${w('n * 17 + 3')},
        'P' || (1 + n % 4), CASE n % 5 WHEN 0 THEN 'A' WHEN 1 THEN 'B' WHEN 2 THEN 'database' WHEN 3 THEN 'monitoring' ELSE 'general' END,
        CASE WHEN n > ${incidentCount - 1000} THEN (CASE n % 4 WHEN 0 THEN 'triggered' WHEN 1 THEN 'acknowledged' WHEN 2 THEN 'investigating' ELSE 'mitigated' END) ELSE 'closed' END,
        (${t0} + n * 600) * 1000,
        CASE WHEN n > ${incidentCount - 1000} THEN NULL ELSE (${t0} + n * 600 + 3600) * 1000 END,
        CASE WHEN n > ${incidentCount - 1000} THEN NULL ELSE (${t0} + n * 600 + 7200) * 1000 END,
        'bench@host', (${t0} + n * 600) * 1000, (${t0} + n * 600 + 7200) * 1000, (${t0} + n * 600 + 7200) * 1000, 0, n
      FROM k;
      INSERT INTO title_fts (rowid, title) SELECT n, title FROM incidents;`);
    // Entries are written incident after incident, as they would be over the years (an incident's
    // entries are close together in rowid order); the newest incident's 5,000 come last.
    const rest = entryCount - bigIncidentEntries;
    const others = incidentCount - 1;
    db.exec(`
      WITH RECURSIVE k(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM k WHERE n < ${entryCount}),
      g(n, inc) AS (SELECT n, CASE WHEN n > ${rest} THEN ${incidentCount} ELSE (n - 1) * ${others} / ${rest} + 1 END FROM k),
      e(n, inc, seq) AS (SELECT n, inc, CASE WHEN n > ${rest} THEN n - ${rest} ELSE n - ((inc - 1) * ${rest} + ${others - 1}) / ${others} END FROM g)
      INSERT INTO timeline (n, id, incident_id, seq, at, kind, text, data, author, supersedes)
      SELECT e.n, printf('%08x-0000-4000-8000-000000000000', e.n), i.id, e.seq, i.started_at + e.seq * 1000,
        CASE e.n % 10 WHEN 0 THEN 'decision' WHEN 1 THEN 'status_change' ELSE 'note' END,
        ${w('e.n * 7')} || ' ' || ${w('e.n * 11 + 1')} || ' ' || ${w('e.n * 13 + 2')} || ' ' || ${w('e.n * 29 + 3')} || ' ' || ${w('e.n * 31 + 4')}
          || ' host web' || (e.n % 40) || CASE WHEN e.n % 10000 = 0 THEN ' zebra crossing' ELSE '' END,
        NULL, 'bench@host', NULL
      FROM e JOIN incidents i ON i.n = e.inc;
      UPDATE incidents SET entry_count = c.n FROM (SELECT incident_id, count(*) AS n FROM timeline GROUP BY incident_id) AS c WHERE c.incident_id = incidents.id;`);
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}

/** The id of the n-th generated incident. */
function idOf(path: string, n: number): string {
  const db = new Database(path, { readonly: true });
  try {
    return db.prepare('SELECT id FROM incidents WHERE n = ?').pluck().get(n) as string;
  } finally {
    db.close();
  }
}

async function timed(engine: Engine, runs: number, method: string, input: (i: number) => unknown, check: (value: unknown) => void): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const result = await engine.invoke(method, input(i));
    samples.push(performance.now() - start);
    if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
    check(result.value);
  }
  return samples;
}

const report = (label: string, samples: number[]) =>
  console.log(`${label}: p50 ${ms(percentile(samples, 50))}, p99 ${ms(percentile(samples, 99))}, max ${ms(Math.max(...samples))} (${samples.length} runs)`);

async function largeJournal(): Promise<void> {
  const { home, cleanup } = tempHome('oncall-bench-large-');
  try {
    const path = join(home, 'journal.db');
    let start = performance.now();
    generate(path);
    console.log(`generated ${incidentCount.toLocaleString('en')} incidents and ${entryCount.toLocaleString('en')} timeline entries in ${((performance.now() - start) / 1000).toFixed(1)} s; journal.db ${(statSync(path).size / 1048576).toFixed(0)} MiB`);

    const bigId = idOf(path, incidentCount);
    const typicalId = idOf(path, incidentCount - 5000);
    // Opening runs quick_check on the existing file first (db.ts), so this is the start-up cost of a big journal.
    start = performance.now();
    const engine = createEngine({ home, resourcesDir: join(projectRoot, 'resources'), ports: { face: 'cli', notify: () => undefined, openExternal: () => Promise.resolve() } });
    console.log(`engine start on this journal (quick_check + migrations check): ${ms(performance.now() - start)}`);
    try {
      const runs = 200;
      const expectItems = (n: number) => (v: unknown) => {
        if ((v as { items: unknown[] }).items.length !== n) throw new Error('unexpected page size');
      };
      const first = performance.now();
      await engine.invoke('incidents:list', { sort: 'startedAt', order: 'desc', offset: 0, limit: 200 });
      console.log(`first incidents:list after start (cold statement cache): ${ms(performance.now() - first)}`);
      report('incident list, first page (200 of 50,000, newest first)', await timed(engine, runs, 'incidents:list', () => ({ sort: 'startedAt', order: 'desc', offset: 0, limit: 200 }), expectItems(200)));
      report('incident list, open only (200 of 1,000)', await timed(engine, runs, 'incidents:list', () => ({ open: true, sort: 'startedAt', order: 'desc', offset: 0, limit: 200 }), expectItems(200)));
      report('incident list, scrolled to a random page (offset up to 49,800)', await timed(engine, runs, 'incidents:list', (i) => ({ sort: 'startedAt', order: 'desc', offset: ((i * 7919) % 250) * 200, limit: 200 }), expectItems(200)));
      report('incident list, P1 only, sorted by severity', await timed(engine, runs, 'incidents:list', () => ({ severity: ['P1'], sort: 'severity', order: 'desc', offset: 0, limit: 200 }), expectItems(200)));
      report('open the incident with 5,000 entries (incidents:get, timelineLimit 500 as the UI asks)', await timed(engine, runs, 'incidents:get', () => ({ id: bigId, timelineLimit: 500 }), () => undefined));
      report('open the incident with 5,000 entries (incidents:get, all 5,000 entries)', await timed(engine, 50, 'incidents:get', () => ({ id: bigId, timelineLimit: 5000 }), (v) => {
        if ((v as { timeline: unknown[] }).timeline.length !== bigIncidentEntries) throw new Error('expected 5,000 entries');
      }));
      const hits = (v: unknown) => {
        if ((v as { hits: unknown[] }).hits.length === 0) throw new Error('no hits');
      };
      report('FTS search, rare word ("zebra", 200 hits in 2M)', await timed(engine, runs, 'incidents:search', () => ({ query: 'zebra', limit: 50 }), hits));
      report('FTS search, common word ("restarted", ~1 in 14 entries)', await timed(engine, runs, 'incidents:search', () => ({ query: 'restarted', limit: 50 }), hits));
      report('FTS search, two words ("replica lag")', await timed(engine, runs, 'incidents:search', () => ({ query: 'replica lag', limit: 50 }), hits));
      report('FTS search within the 5,000-entry incident ("rollback")', await timed(engine, runs, 'incidents:search', () => ({ query: 'rollback', incidentId: bigId, limit: 50 }), hits));
      report('FTS search within a 40-entry incident ("rollback")', await timed(engine, runs, 'incidents:search', () => ({ query: 'rollback', incidentId: typicalId, limit: 50 }), () => undefined));
      // Words of 3+ letters are prefix queries. Without a prefix index FTS5 merges every matching term's doclist in full
      // before the first hit, so a short word in every entry was the worst case; 3- and 4-letter prefixes are indexed (migration 11).
      report('FTS search, a word in every entry ("host", worst case)', await timed(engine, 20, 'incidents:search', () => ({ query: 'host', limit: 50 }), hits));
    } finally {
      await engine.close();
    }
    const note = Array.from({ length: 10 }, (_, i) => wallTime([oncallBin, '--home', home, 'note', '--incident', bigId, `big journal note ${i}`]));
    console.log(`oncall note on this journal (no quick_check in the CLI): median ${ms(median(note))} (10 runs)`);
  } finally {
    cleanup();
  }
}

export async function run(): Promise<void> {
  cliNote();
  appendRate();
  await largeJournal();
}
