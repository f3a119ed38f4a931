import { spawn } from 'node:child_process';
import { closeSync, openSync, readdirSync, readFileSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../../main/core/engine';
import { checkFile, keepBackups, listBackups } from '../../../main/core/journal/backup';
import { closeJournal, openJournal, type Db } from '../../../main/core/journal/db';
import { openStandaloneJournal } from '../../../main/core/journal/standalone';
import type { EventMap } from '../../../preload/contract';
import { cliProcess, oncallBin, projectRoot } from '../../support/cli';
import { FakeClock } from '../../support/fake-clock';
import { tempHome } from '../../support/temp-home';
import { journalHarness } from '../../unit/journal/harness';
import { buildNoteWriter, startNoteWriter } from './writer-process';

/** A small seeded PRNG, so a failing run can be repeated with the seed from its message. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function openIncident(home: string, title = 'Writer target'): string {
  const { journal, close } = openStandaloneJournal(home);
  try {
    return journal.open({ title, severity: 'P3' }).incident.id;
  } finally {
    close();
  }
}

/** Timeline ids and per-incident seqs, read on a fresh connection as the next app start would. */
function readBack(path: string): { check: string; ids: Set<string>; seqs: Map<string, number[]> } {
  const db = openJournal(path);
  try {
    const check = String(db.pragma('integrity_check', { simple: true }));
    const rows = db.prepare<[], { id: string; incident_id: string; seq: number }>('SELECT id, incident_id, seq FROM timeline ORDER BY incident_id, seq').all();
    const seqs = new Map<string, number[]>();
    for (const r of rows) seqs.set(r.incident_id, [...(seqs.get(r.incident_id) ?? []), r.seq]);
    return { check, ids: new Set(rows.map((r) => r.id)), seqs };
  } finally {
    closeJournal(db);
  }
}

const engineFor = (home: string, clock?: FakeClock): Engine =>
  createEngine({ home, resourcesDir: join(projectRoot, 'resources'), clock, ports: { face: 'cli', notify: () => undefined, openExternal: () => Promise.resolve() } });

function cliAsync(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [oncallBin, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
}

describe('incident journal reliability (issue 3)', () => {
  let writer: string;
  let scratch: { home: string; cleanup: () => void };
  const cleanups: (() => unknown)[] = [];
  beforeAll(async () => {
    scratch = tempHome('oncall-writer-bundle-');
    writer = await buildNoteWriter(scratch.home);
  });
  afterAll(() => scratch.cleanup());
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });
  const home = () => {
    const t = tempHome('oncall-reliability-');
    cleanups.push(t.cleanup);
    return t.home;
  };

  it('crash safety: after each of 50 SIGKILLs mid-loop, integrity_check is ok and every acknowledged note is there', async () => {
    const dir = home();
    const incidentId = openIncident(dir);
    const seed = Date.now() % 1_000_000;
    const random = prng(seed);
    const acknowledged = new Set<string>();
    for (let round = 0; round < 50; round++) {
      const run = startNoteWriter(writer, dir, incidentId, 0, `r${round}`);
      // Let it get going, then kill it at a random moment of its loop (0–30 ms later).
      await run.printed(1 + Math.floor(random() * 3));
      await new Promise((resolve) => setTimeout(resolve, random() * 30));
      run.kill();
      const { signal } = await run.exited;
      expect(signal, `round ${round} (seed ${seed}): ${run.stderr()}`).toBe('SIGKILL');
      for (const id of run.ids()) acknowledged.add(id);
      const after = readBack(join(dir, 'journal.db'));
      expect(after.check, `round ${round} (seed ${seed})`).toBe('ok');
      const lost = [...acknowledged].filter((id) => !after.ids.has(id));
      expect(lost, `round ${round} (seed ${seed}): acknowledged notes missing after the kill`).toEqual([]);
      // Seqs stay gapless: a killed transaction leaves nothing half-written behind.
      const seqs = after.seqs.get(incidentId) ?? [];
      expect(seqs, `round ${round} (seed ${seed})`).toEqual(seqs.map((_, i) => i + 1));
    }
    expect(acknowledged.size).toBeGreaterThanOrEqual(50);
  });

  it('two writers at once (the app core and the CLI, plus a looping writer): no SQLITE_BUSY surfaces, nothing is lost', async () => {
    const dir = home();
    const engine = engineFor(dir);
    cleanups.push(() => engine.close());
    const opened = await engine.invoke('incidents:open', { title: 'Contended incident', severity: 'P2' });
    if (!opened.ok) throw new Error(opened.error.message);
    const incidentId = (opened.value as { incident: { id: string } }).incident.id;

    const looping = [startNoteWriter(writer, dir, incidentId, 300, 'a'), startNoteWriter(writer, dir, incidentId, 300, 'b')];
    const clis = Array.from({ length: 12 }, (_, i) => cliAsync(['--home', dir, 'note', '--json', `cli note ${i}`]));
    // Meanwhile the app core writes too, yielding to the event loop between writes like the UI does.
    const engineIds: string[] = [];
    const engineErrors: string[] = [];
    let writersDone = false;
    const all = Promise.all([...looping.map((w) => w.exited), ...clis]).finally(() => (writersDone = true));
    for (let i = 0; !writersDone || i < 100; i++) {
      const result = await engine.invoke('timeline:append', { kind: 'note', incidentId, text: `app note ${i}` });
      if (result.ok) engineIds.push((result.value as { entry: { id: string } }).entry.id);
      else engineErrors.push(`${result.error.code}: ${result.error.message}`);
      await new Promise((resolve) => setImmediate(resolve));
    }
    const [a, b, ...cliResults] = await all;
    expect(engineErrors).toEqual([]);
    expect([a, b].map((r) => r?.code)).toEqual([0, 0]);
    expect(looping.map((w) => w.stderr())).toEqual(['', '']);
    for (const r of cliResults as { code: number | null; stdout: string; stderr: string }[]) expect(r, r.stderr).toMatchObject({ code: 0, stderr: '' });
    const cliIds = (cliResults as { stdout: string }[]).map((r) => (JSON.parse(r.stdout) as { id: string }).id);

    const expected = [...engineIds, ...cliIds, ...looping.flatMap((w) => w.ids())];
    expect(looping.map((w) => w.ids().length)).toEqual([300, 300]);
    const after = readBack(join(dir, 'journal.db'));
    expect(after.check).toBe('ok');
    expect(expected.filter((id) => !after.ids.has(id))).toEqual([]);
    // Opening status + P2 checklist tick + every note, numbered 1..n with no gap or duplicate.
    const seqs = after.seqs.get(incidentId) ?? [];
    expect(seqs).toHaveLength(expected.length + 2);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
  });

  it('the open app sees a note written by the CLI as an incidents:changed event within one poll (500 ms)', async () => {
    const dir = home();
    const clock = new FakeClock();
    const engine = engineFor(dir, clock);
    cleanups.push(() => engine.close());
    await engine.start();
    const opened = await engine.invoke('incidents:open', { title: 'Watched', severity: 'P3' });
    if (!opened.ok) throw new Error(opened.error.message);
    const incidentId = (opened.value as { incident: { id: string } }).incident.id;
    const other = openIncident(dir, 'Someone else');
    const events: EventMap['incidents:changed'][] = [];
    engine.bus.on('incidents:changed', (payload) => events.push(payload));
    // Absorb the commit of the second incident (made by another connection) first. The poll may
    // also name the app's own incident: once another connection has committed, it cannot tell them apart.
    clock.advance(500);
    expect(events.flatMap((e) => e.ids)).toContain(other);
    events.length = 0;

    const result = await cliAsync(['--home', dir, 'note', '--incident', incidentId, 'from the terminal']);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    clock.advance(499);
    expect(events).toEqual([]);
    clock.advance(1);
    expect(events).toEqual([{ ids: [incidentId] }]);
    const detail = await engine.invoke('incidents:get', { id: incidentId, timelineLimit: 10 });
    if (!detail.ok) throw new Error(detail.error.message);
    expect((detail.value as { timeline: { text: string }[] }).timeline.at(-1)?.text).toBe('from the terminal');
    // Nothing new: the next poll stays quiet.
    clock.advance(500);
    expect(events).toHaveLength(1);
  });

  it('takes a verified daily backup on the fake clock, keeps 7, and restores a journal that fails quick_check', async () => {
    // The incidents domain alone (no monitoring timers), on a real journal.db, with a fake clock.
    const h = journalHarness();
    cleanups.push(() => h.close());
    const { paths } = h.ctx;
    await h.domain.start?.();
    const incidentId = (await h.domain.handlers['incidents:open']({ title: 'Backed up', severity: 'P4', category: 'general' })).incident.id;
    const timers = h.clock.pendingTimers(); // change watcher, reminders, backup check

    /** Advances to the next hourly check and waits until the (async) check has finished and rescheduled itself. */
    const nextCheck = async (ms = 60 * 60_000) => {
      h.clock.advance(ms);
      const deadline = Date.now() + 10_000;
      while (h.clock.pendingTimers() < timers) {
        if (Date.now() > deadline) throw new Error('the backup check did not reschedule itself within 10 s');
        await new Promise((resolve) => setImmediate(resolve));
      }
    };
    await nextCheck(59_000);
    expect(listBackups(paths.backups)).toHaveLength(0);
    await nextCheck(1_000); // the first check runs a minute after start
    expect(listBackups(paths.backups)).toHaveLength(1);
    // Eight days: nine backups are taken, so pruning to seven has to remove the two oldest.
    for (let day = 1; day <= 8; day++) {
      await h.domain.handlers['timeline:append']({ kind: 'note', incidentId, text: `day ${day}` });
      // Hourly checks that find a backup younger than a day do nothing…
      for (let hour = 1; hour < 24; hour++) await nextCheck();
      expect(listBackups(paths.backups), `day ${day}`).toHaveLength(Math.min(day, keepBackups));
      // …and the one a day after the last backup takes the next.
      await nextCheck();
      expect(listBackups(paths.backups), `day ${day}`).toHaveLength(Math.min(day + 1, keepBackups));
    }
    expect(readdirSync(paths.backups).filter((f) => !/^journal-\d{8}-\d{6}\.db$/.test(f))).toEqual([]);
    const backups = listBackups(paths.backups);
    // Newest first, a day apart, each a complete journal that passes integrity_check.
    expect(backups.slice(0, -1).map((b, i) => b.createdAt - backups[i + 1]!.createdAt)).toEqual(Array(keepBackups - 1).fill(24 * 60 * 60_000));
    expect(backups[0]!.createdAt).toBe(h.clock.now());
    for (const b of backups) expect(checkFile(b.path), b.file).toBe('ok');
    const newest = openJournal(backups[0]!.path, { readonly: true });
    const notes = newest.prepare<[string], { text: string }>("SELECT text FROM timeline WHERE incident_id = ? AND kind = 'note' ORDER BY seq").all(incidentId);
    closeJournal(newest);
    expect(notes.map((n) => n.text)).toEqual(['day 1', 'day 2', 'day 3', 'day 4', 'day 5', 'day 6', 'day 7', 'day 8']);
    await h.domain.stop?.();
    closeJournal(h.ctx.db);

    // Damage a page in the middle of the journal: the next start must refuse it and change nothing.
    corrupt(paths.journal);
    const damaged = readFileSync(paths.journal);
    expect(() => openJournal(paths.journal)).toThrow(/failed its integrity check \([\s\S]+\)\. The file was not changed\. Restore it from a backup/);
    expect(readFileSync(paths.journal).equals(damaged)).toBe(true);

    // The user's way out: `oncall journal check` names the damage, `oncall journal restore` puts the
    // newest verified backup in place and keeps the damaged file.
    const check = cliProcess(['--home', paths.home, 'journal', 'check']);
    expect(check.code).toBe(1);
    expect(check.stdout).toContain(`${paths.journal}: FAILED: `);
    expect(check.stdout).toContain(`  ${backups[0]!.file}  `);
    const restore = cliProcess(['--home', paths.home, 'journal', 'restore']);
    expect(restore, restore.stderr).toMatchObject({ code: 0, stderr: '' });
    const movedTo = /kept as (\S+)\n$/.exec(restore.stdout)?.[1] ?? '';
    expect(restore.stdout).toContain(`restored ${backups[0]!.file} into ${paths.journal}\n`);
    expect(readFileSync(movedTo).equals(damaged)).toBe(true);
    expect(cliProcess(['--home', paths.home, 'journal', 'check']).stdout).toMatch(/journal\.db: ok\n/);
    // A healthy journal is not replaced.
    expect(cliProcess(['--home', paths.home, 'journal', 'restore'])).toMatchObject({ code: 1, stderr: expect.stringContaining('passes its integrity check, so it was not replaced') });
    const restored: Db = openJournal(paths.journal);
    try {
      expect(restored.pragma('quick_check', { simple: true })).toBe('ok');
      const texts = restored.prepare<[string], { text: string }>("SELECT text FROM timeline WHERE incident_id = ? AND kind = 'note' ORDER BY seq").all(incidentId);
      expect(texts.at(-1)?.text).toBe('day 8');
    } finally {
      closeJournal(restored);
    }
  });

  it('a 10 MB note is refused at once with the limit named, through the contract and the journal layer; nothing is written', async () => {
    const dir = home();
    const engine = engineFor(dir);
    cleanups.push(() => engine.close());
    const opened = await engine.invoke('incidents:open', { title: 'Big paste', severity: 'P3' });
    if (!opened.ok) throw new Error(opened.error.message);
    const incidentId = (opened.value as { incident: { id: string } }).incident.id;
    const huge = 'log line 0123456789\n'.repeat(500_000); // 10 MB
    const viaContract = await engine.invoke('timeline:append', { kind: 'note', incidentId, text: huge });
    expect(viaContract).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(!viaContract.ok && viaContract.error.message).toContain('entries are limited to 1,048,576 bytes (1 MiB)');
    // The CLI does not go through zod: the journal layer applies the same limit itself.
    const { journal, close } = openStandaloneJournal(dir);
    try {
      expect(() => journal.append({ kind: 'note', incidentId, text: huge })).toThrow('this note is 9.5 MiB; the limit is 1 MiB (1,048,576 bytes)');
      expect(journal.timeline.count(incidentId)).toBe(1);
    } finally {
      close();
    }
  });

  it('an import file that is not a valid export is refused as a whole and leaves the journal byte-for-byte unchanged', async () => {
    const dir = home();
    const engine = engineFor(dir);
    cleanups.push(() => engine.close());
    const opened = await engine.invoke('incidents:open', { title: 'Exported', severity: 'P2' });
    if (!opened.ok) throw new Error(opened.error.message);
    const incidentId = (opened.value as { incident: { id: string } }).incident.id;
    await engine.invoke('timeline:append', { kind: 'note', incidentId, text: 'before export' });
    const exported = await engine.invoke('incidents:export', { id: incidentId, format: 'json' });
    if (!exported.ok) throw new Error(exported.error.message);
    const good = JSON.parse((exported.value as { content: string }).content) as { incident: { id: string; title: string }; timeline: { id: string; kind: string }[] };
    // A new incident plus a second whose last entry is broken: the first must not land either.
    const fresh = structuredClone(good);
    fresh.incident.id = 'INC-20260101-000000-aaaa';
    fresh.timeline = fresh.timeline.map((e, i) => ({ ...e, id: `fresh-${i}`, incidentId: fresh.incident.id }));
    const broken = structuredClone(fresh);
    broken.incident.id = 'INC-20260101-000000-bbbb';
    broken.timeline = broken.timeline.map((e, i) => ({ ...e, id: `broken-${i}`, incidentId: broken.incident.id }));
    broken.timeline.at(-1)!.kind = 'gossip';
    const db = engine.ctx.db;
    const before = snapshot(db);
    for (const content of [JSON.stringify([fresh, broken]), '{"format":"oncall-console/incident","version":2}', 'not json at all', '[]']) {
      const result = await engine.invoke('incidents:import', { content });
      expect(result, content.slice(0, 40)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
      expect(!result.ok && result.error.message).toMatch(/nothing was imported/);
      expect(snapshot(db)).toEqual(before);
    }
    const ok = await engine.invoke('incidents:import', { content: JSON.stringify([fresh]) });
    expect(ok).toMatchObject({ ok: true, value: { created: ['INC-20260101-000000-aaaa'] } });
    expect(snapshot(db)).not.toEqual(before);
  });
});

/** Every row of every table the journal owns, as text: equal snapshots mean nothing was written. */
function snapshot(db: Db): Record<string, string> {
  const tables = db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%fts%' ORDER BY name").all();
  // Rows sorted as text: some tables are WITHOUT ROWID, and only the content matters here.
  return Object.fromEntries(tables.map(({ name }) => [name, db.prepare(`SELECT * FROM "${name}"`).all().map((row) => JSON.stringify(row)).sort().join('\n')]));
}

/** Overwrites one page in the middle of a (checkpointed) database file with garbage. */
function corrupt(path: string): void {
  const size = statSync(path).size;
  const pageSize = 4096;
  const page = Math.floor(size / pageSize / 2);
  const fd = openSync(path, 'r+');
  try {
    writeSync(fd, Buffer.alloc(pageSize, 0x5a), 0, pageSize, page * pageSize);
  } finally {
    closeSync(fd);
  }
}
