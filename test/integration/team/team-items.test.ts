import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RunsStore } from '../../../main/core/runbooks/runs-store';
import { initTeamDatabase } from '../../../main/core/team/init';
import { startPostgres, type TestPostgres } from '../../support/postgres';
import { createMemberRole, laptop, type Laptop } from '../../support/team';

/** Everything of the shared item tables, as every laptop must hold it once synced (local row ids left out). */
function itemsState(l: Laptop): Record<string, unknown[]> {
  const q = (sql: string) => l.db.prepare(sql).all();
  return {
    actions: q('SELECT id, incident_id, title, owner, due_date, done, created_at, updated_at FROM action_items ORDER BY id'),
    postmortems: q('SELECT incident_id, summary, impact, root_cause, five_whys, lessons, updated_at FROM postmortems ORDER BY incident_id'),
    runs: q('SELECT id, runbook_id, title, params, host, incident_id, status, current_step, started_at, updated_at, finished_at FROM runbook_runs ORDER BY id'),
    steps: q('SELECT run_id, step_index, step_id, attempt, status, host, command, exit_code, duration_ms, reason, output_tail, output_bytes, started_at, finished_at FROM runbook_step_results ORDER BY run_id, step_index, attempt'),
  };
}

describe('action items, postmortems and runbook runs shared through the team database', () => {
  let server: TestPostgres;
  const laptops: Laptop[] = [];

  beforeAll(async () => {
    server = await startPostgres();
    for (const role of ['alice', 'bob', 'carol']) createMemberRole(server, role);
    await initTeamDatabase(server.adminUrl, { password: server.superPassword }, ['alice', 'bob', 'carol'], () => undefined);
  }, 60_000);
  afterAll(async () => {
    for (const l of laptops) l.close();
    await server?.cleanup();
  });

  const syncAll = async (ls: Laptop[]) => {
    for (let i = 0; i < 2; i++) for (const l of ls) await l.sync.syncOnce();
  };

  it('every laptop ends with the same items; concurrent edits of one column go to the latest HLC, of different columns both stay', async () => {
    const a = laptop(server, 'alice');
    const b = laptop(server, 'bob', { skewMs: -5 * 60_000 });
    const c = laptop(server, 'carol', { skewMs: 5 * 60_000 });
    const all = [a, b, c];
    laptops.push(...all);
    const incident = a.journal.open({ title: 'API 500s', severity: 'P1' }).incident.id;
    await syncAll(all);

    // Action items: created on two laptops, then edited on a third.
    a.clock.now += 1000;
    const fix = a.journal.addAction({ incidentId: incident, title: 'Add a retry budget', owner: 'alice' });
    b.clock.now += 1000;
    const alarm = b.journal.addAction({ incidentId: incident, title: 'Alert on 5xx ratio', dueDate: '2026-12-10' });
    await syncAll(all);
    c.clock.now += 1000;
    c.journal.updateAction({ id: fix.id, done: true });
    a.clock.now += 1000;
    a.journal.updateAction({ id: alarm.id, owner: 'alice' });

    // Postmortem: one draft, then bob and carol edit apart, same column and different columns.
    a.clock.now += 1000;
    a.journal.savePostmortem(incident, { summary: 'draft', impact: 'checkout failed for 12 minutes' });
    await syncAll(all);
    b.clock.now += 1000;
    b.journal.savePostmortem(incident, { summary: "bob's summary", rootCause: 'connection pool exhausted' });
    c.clock.now += 1000;
    c.journal.savePostmortem(incident, { summary: "carol's summary", lessons: 'load-test the pool' });

    // A runbook run on bob's laptop with two steps, the second retried.
    const runs = new RunsStore(b.db);
    const t = b.clock.now;
    runs.insertRun({ id: 'run-1', runbook_id: 'restart-api', runbook_file: 'restart-api.md', title: 'Restart the API', params: '{}', labels: '{}', host: 'api-1', incident_id: incident, status: 'active', trigger: 'manual', current_step: 0, started_at: t, updated_at: t, finished_at: null });
    const s1 = runs.startResult({ run_id: 'run-1', step_index: 0, step_id: 'drain', status: 'running', host: 'api-1', command: 'drain api-1', confirmation: null, started_at: t + 1 });
    runs.finishResult({ id: s1.id, status: 'passed', fingerprint: null, exit_code: 0, duration_ms: 900, reason: null, output_tail: 'drained', output_bytes: 7, finished_at: t + 2 });
    const s2 = runs.startResult({ run_id: 'run-1', step_index: 1, step_id: 'restart', status: 'running', host: 'api-1', command: 'systemctl restart api', confirmation: null, started_at: t + 3 });
    runs.finishResult({ id: s2.id, status: 'failed', fingerprint: null, exit_code: 1, duration_ms: 50, reason: 'exit 1', output_tail: 'failed', output_bytes: 6, finished_at: t + 4 });
    const s3 = runs.startResult({ run_id: 'run-1', step_index: 1, step_id: 'restart', status: 'running', host: 'api-1', command: 'systemctl restart api', confirmation: null, started_at: t + 5 });
    runs.finishResult({ id: s3.id, status: 'passed', fingerprint: null, exit_code: 0, duration_ms: 70, reason: null, output_tail: 'ok', output_bytes: 2, finished_at: t + 6 });
    runs.updateRun({ id: 'run-1', status: 'finished', current_step: 2, host: 'api-1', params: '{}', incident_id: incident, updated_at: t + 7, finished_at: t + 7 });

    await syncAll([b, c, a]);
    const states = all.map(itemsState);
    expect(states[1]).toEqual(states[0]);
    expect(states[2]).toEqual(states[0]);
    const s = states[0]!;
    expect(s.actions).toHaveLength(2);
    expect(s.actions).toContainEqual(expect.objectContaining({ id: fix.id, done: 1, owner: 'alice' }));
    expect(s.actions).toContainEqual(expect.objectContaining({ id: alarm.id, owner: 'alice', due_date: '2026-12-10' }));
    // carol's clock is 10 min ahead of bob's: her summary is the later write; both other columns stay.
    expect(s.postmortems).toEqual([expect.objectContaining({ summary: "carol's summary", root_cause: 'connection pool exhausted', lessons: 'load-test the pool', impact: 'checkout failed for 12 minutes' })]);
    expect(s.runs).toEqual([expect.objectContaining({ id: 'run-1', status: 'finished', current_step: 2 })]);
    expect((s.steps as { step_index: number; attempt: number; status: string }[]).map((r) => `${String(r.step_index)}/${String(r.attempt)}:${r.status}`)).toEqual(['0/1:passed', '1/1:failed', '1/2:passed']);

    // The server holds each queued write once, pushed as the member's own role.
    const authors = server.psql(`SELECT author, count(*) FROM oncall.events WHERE kind = 'item.set' GROUP BY author ORDER BY author`).trim();
    expect(authors.split('\n').map((r) => r.split('|')[0])).toEqual(['alice', 'bob', 'carol']);
  }, 60_000);
});
