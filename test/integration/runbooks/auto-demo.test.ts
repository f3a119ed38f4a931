// The demo end to end with the real engine: its TargetDown alert starts the built-in "API down"
// diagnostics, and they aim at the demo service the alert names, not at the runbook's defaults.
import { afterEach, describe, expect, it } from 'vitest';
import type { IncidentDetail, ProbesSnapshot, RunSummary, RunView } from '../../../preload/contract';
import { closeTestEngines, invokeOk, openTestEngine } from '../../support/engine';
import { tempHome } from '../../support/temp-home';
import { until } from '../../support/until';

const cleanups: (() => void)[] = [];
afterEach(async () => {
  await closeTestEngines();
  for (const c of cleanups.splice(0)) c();
});


describe('automated diagnostics of the demo', () => {
  it("TargetDown on the demo checks the demo's own URL; a param the alert cannot fill waits for a human", async () => {
    const t = tempHome();
    cleanups.push(t.cleanup);
    // The web face watches alerts and starts diagnostics, like the desktop app.
    const engine = await openTestEngine(t.home, 'web');
    await invokeOk(engine, 'demo:start', {});
    const targets = () => invokeOk<ProbesSnapshot>(engine, 'monitoring:targets', {});
    const demo = await until('demo up', async () => (await targets()).targets.find((x) => x.name === 'demo' && x.health === 'up'));
    await invokeOk(engine, 'demo:set-failure', { failing: ['database'] });
    const alert = await until('TargetDown firing', () => engine.ctx.alerts.merged().find((a) => a.labels.alertname === 'TargetDown' && a.labels.target === 'demo' && a.state === 'firing'));
    expect(alert.annotations.url).toBe(demo.url);

    const { incidentId } = await invokeOk<{ incidentId: string }>(engine, 'alerts:open-incident', { fingerprints: [alert.fingerprint] });
    const summary = await until('an automated run', async () => (await invokeOk<RunSummary[]>(engine, 'runbooks:runs', {})).find((r) => r.trigger === 'auto'));
    expect(summary.runbookId).toBe('api-down');
    const run = await until('the health step to finish', async () => {
      const view = await invokeOk<RunView>(engine, 'runbooks:run', { runId: summary.id });
      const health = view.steps.find((s) => s.id === 'health');
      return health && health.status !== 'pending' && health.status !== 'running' ? view : undefined;
    });
    const health = run.steps.find((s) => s.id === 'health');
    expect(health?.command).toBe(`GET ${demo.url}`);
    // The demo's database check fails, so its readiness answers 503 and the step says so.
    expect([health?.status, health?.exitCode]).toEqual(['failed', 503]);
    // The alert has no `job` label: the PromQL step is not pointed at job="api" by default.
    expect(run.steps.find((s) => s.id === 'scrape-up')?.errors.join('\n')).toMatch(/waits for a value for job/);

    const detail = await until('the journal entries', async () => {
      const d = await invokeOk<IncidentDetail>(engine, 'incidents:get', { id: incidentId });
      return d.timeline.some((e) => e.data?.event === 'auto_step_refused') ? d : undefined;
    });
    const entries = detail.timeline.filter((e) => e.data?.stepId === 'health');
    const started = entries.find((e) => e.data?.event === 'step_started');
    const finished = entries.find((e) => e.data?.event === 'step_finished');
    expect(started?.data?.command).toBe(`GET ${demo.url}`);
    // The command is in data.command, shown beside the text: the text does not repeat it.
    expect(started?.text).not.toContain(demo.url);
    expect(finished?.text).toMatch(/failed: HTTP 503 in/);
    expect(finished?.data).toMatchObject({ outcome: 'HTTP 503', httpStatus: 503 });
    expect(finished?.data).not.toHaveProperty('exitCode');
    expect(detail.timeline.map((e) => e.text).join('\n')).not.toContain('localhost:8080');
  });
});
