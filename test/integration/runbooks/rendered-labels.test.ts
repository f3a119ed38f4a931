import { afterEach, describe, expect, it } from 'vitest';
import type { IncidentDetail, RunbookPreview, RunSummary, RunView } from '../../../preload/contract';
import { closeTestEngines, invokeOk, openTestEngine } from '../../support/engine';
import { tempHome } from '../../support/temp-home';
import { writeRunbook } from './fixtures';

/**
 * Step titles, run listings and dry runs as the engineer sees them, against a real SQLite data
 * directory. No SSH peer is needed: every step is local or manual.
 */

const cleanups: (() => void)[] = [];
afterEach(async () => {
  await closeTestEngines();
  for (const c of cleanups.splice(0)) c();
});

function home(): string {
  const t = tempHome('oncall-rb-labels-');
  cleanups.push(t.cleanup);
  writeRunbook(t.home, 'titled', titledRunbook);
  return t.home;
}



/** Four steps whose titles hold a param, an alert label, a secret, and nothing at all. */
const titledRunbook = `---
id: it-titled
title: Integration titled steps
params:
  service:
    description: the service to roll back
    default: api
  token:
    description: an API token
    secret: true
---
# Titled steps

## Roll back {{service}}

\`\`\`sh {name=rollback host=local}
echo rolling back {{service}}
\`\`\`

## Look at {{labels.instance}}

\`\`\`sh {name=look host=local readonly=true}
echo looking at {{labels.instance}}
\`\`\`

## Call with {{token}}

- [ ] The API answered

## Tell the team

- [ ] Posted in the incident channel
`;

describe('rendered step titles, step counts and dry-run labels', () => {
  it("names each step in the journal by its title rendered with the run's params and labels, secrets masked", async () => {
    const engine = await openTestEngine(home());
    const secret = 'tok-TITLE-0815';
    let run = await invokeOk<RunView>(engine, 'runbooks:start', { id: 'it-titled', params: { service: 'billing', token: secret }, labels: { instance: 'db-7' } });
    run = await invokeOk<RunView>(engine, 'runbooks:act', { runId: run.id, action: 'run' });
    run = await invokeOk<RunView>(engine, 'runbooks:act', { runId: run.id, action: 'run' });
    run = await invokeOk<RunView>(engine, 'runbooks:act', { runId: run.id, action: 'done' });
    run = await invokeOk<RunView>(engine, 'runbooks:act', { runId: run.id, action: 'skip', reason: 'nobody awake' });
    expect(run.status).toBe('finished');

    const detail = await invokeOk<IncidentDetail>(engine, 'incidents:get', { id: run.incidentId ?? '' });
    const texts = detail.timeline.filter((e) => e.kind === 'runbook_step').map((e) => e.text);
    // The command is the entry's data.command (shown beside the text by every face), not repeated in the text.
    expect(texts).toContain('Step 1/4 "Roll back billing" started on local');
    expect(detail.timeline.filter((e) => e.data?.event === 'step_started').map((e) => e.data?.command)).toEqual(['echo rolling back billing', 'echo looking at db-7']);
    expect(texts.some((t) => t.startsWith('Step 1/4 "Roll back billing" passed: exit 0'))).toBe(true);
    expect(texts).toContain('Step 2/4 "Look at db-7" started on local');
    expect(texts).toContain('Step 3/4 "Call with ***" marked done by hand');
    expect(texts).toContain('Step 4/4 "Tell the team" skipped: nobody awake');
    expect(texts.join('\n')).not.toContain('{{');
    expect(JSON.stringify(detail.timeline)).not.toContain(secret);
  });

  it("lists a run reloaded after a restart with its runbook's full step count", async () => {
    const dir = home();
    let engine = await openTestEngine(dir);
    let run = await invokeOk<RunView>(engine, 'runbooks:start', { id: 'it-titled', params: { token: 'tok-abcdef' }, labels: { instance: 'db-7' } });
    run = await invokeOk<RunView>(engine, 'runbooks:act', { runId: run.id, action: 'run' });
    run = await invokeOk<RunView>(engine, 'runbooks:act', { runId: run.id, action: 'pause' });
    expect(run.current).toBe(1);
    expect((await invokeOk<RunSummary[]>(engine, 'runbooks:runs', {})).map((r) => [r.current, r.stepCount])).toEqual([[1, 4]]);
    await engine.close();

    engine = await openTestEngine(dir);
    for (const input of [{}, { unfinished: true }]) {
      const listed = await invokeOk<RunSummary[]>(engine, 'runbooks:runs', input);
      expect(listed.map((r) => [r.id, r.status, r.current, r.stepCount])).toEqual([[run.id, 'paused', 1, 4]]);
    }
  });

  it('fills {{labels.x}} in a dry run from the labels it is given, and says what is missing without them', async () => {
    const engine = await openTestEngine(home());
    const withLabels = await invokeOk<RunbookPreview>(engine, 'runbooks:preview', { id: 'it-titled', params: { token: 'tok-abcdef' }, labels: { instance: 'db-7' } });
    expect(withLabels.steps[1]).toMatchObject({ title: 'Look at db-7', command: 'echo looking at db-7', errors: [] });
    expect(withLabels.steps[2]?.title).toBe('Call with ***');
    expect(withLabels.paramErrors).toEqual([]);

    const without = await invokeOk<RunbookPreview>(engine, 'runbooks:preview', { id: 'it-titled', params: { token: 'tok-abcdef' } });
    expect(without.steps[1]?.command).toBe('echo looking at {{labels.instance}}');
    expect(without.steps[1]?.errors).toEqual(['{{labels.instance}} has no value']);
  });
});
