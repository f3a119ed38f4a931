import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Alert, IncidentDetail, RunbookPrompt, RunSummary, RunView, TimelineEntry } from '../../../preload/contract';
import type { Engine } from '../../../main/core/engine';
import { closeTestEngines, invokeOk, openTestEngine } from '../../support/engine';
import { pgrep, startSshd, type Sshd } from '../../support/sshd';
import { tempHome } from '../../support/temp-home';
import { autoRunbook, fingerprintOf, guidedRunbook, injectionRunbook, slowRunbook, trustHost, unsafeAutoRunbook, writeConfig, writeRunbook } from './fixtures';
import { until } from '../../support/until';

let sshd: Sshd;
let marker: string;
const cleanups: (() => void)[] = [];

beforeAll(async () => {
  sshd = await startSshd();
  marker = mkdtempSync(join(tmpdir(), 'oncall-run-marker-'));
});
afterAll(async () => {
  await sshd.stop();
  rmSync(marker, { recursive: true, force: true });
});
afterEach(async () => {
  await closeTestEngines();
  for (const c of cleanups.splice(0)) c();
});

function home(): string {
  const t = tempHome('oncall-run-');
  cleanups.push(t.cleanup);
  writeConfig(t.home, sshd);
  return t.home;
}



async function refusal(engine: Engine, method: string, input: unknown): Promise<string> {
  const result = await engine.invoke(method, input);
  if (result.ok) throw new Error(`${method} should have been refused`);
  return `${result.error.code}: ${result.error.message}`;
}

async function steps(engine: Engine, incidentId: string): Promise<TimelineEntry[]> {
  const detail = await invokeOk<IncidentDetail>(engine, 'incidents:get', { id: incidentId });
  return detail.timeline.filter((e) => e.kind === 'runbook_step');
}

const event = (entries: TimelineEntry[], name: string, step?: number) => entries.filter((e) => e.data?.event === name && (step === undefined || e.data.step === step));


describe('a runbook run end to end against a real sshd', () => {
  it('journals every step (command, host, host key, output, exit code, duration, skip reason, confirmation) with one handshake for the host', async () => {
    const dir = home();
    writeRunbook(dir, 'guided', guidedRunbook(marker));
    const engine = await openTestEngine(dir);
    // Unknown host key: the question reaches the face with its SHA256 fingerprint; the face trusts it.
    const asked: RunbookPrompt[] = [];
    engine.bus.on('runbooks:prompt', (p) => {
      asked.push(p);
      void engine.invoke('runbooks:answer', { promptId: p.id, accept: true });
    });
    const secret = 'tok-SECRET-4711';
    let run = await invokeOk<RunView>(engine, 'runbooks:start', { id: 'it-guided', params: { token: secret } });
    const incident = run.incidentId ?? '';
    expect(incident).not.toBe('');
    const logins = sshd.logins();

    run = await invokeOk<RunView>(engine, 'runbooks:act', { runId: run.id, action: 'run' });
    run = await invokeOk<RunView>(engine, 'runbooks:act', { runId: run.id, action: 'run' });
    run = await invokeOk<RunView>(engine, 'runbooks:act', { runId: run.id, action: 'run' });
    run = await invokeOk<RunView>(engine, 'runbooks:act', { runId: run.id, action: 'run' });
    expect(run.steps.slice(0, 4).map((s) => s.status)).toEqual(['passed', 'passed', 'passed', 'passed']);
    expect(run.current).toBe(4);

    // The dangerous step: refused without the typed host, and with a wrong one; runs with it.
    expect(await refusal(engine, 'runbooks:act', { runId: run.id, action: 'run' })).toMatch(/forbidden: .*type "app" to confirm/);
    expect(await refusal(engine, 'runbooks:act', { runId: run.id, action: 'run', confirmation: 'db' })).toMatch(/you typed "db"/);
    expect(existsSync(join(marker, 'restarted'))).toBe(false);
    run = await invokeOk<RunView>(engine, 'runbooks:act', { runId: run.id, action: 'run', confirmation: 'app' });
    expect(existsSync(join(marker, 'restarted'))).toBe(true);

    expect(await refusal(engine, 'runbooks:act', { runId: run.id, action: 'skip' })).toMatch(/say why/);
    run = await invokeOk<RunView>(engine, 'runbooks:act', { runId: run.id, action: 'skip', reason: 'disk is fine now' });
    expect(existsSync(join(marker, 'cleaned'))).toBe(false);
    run = await invokeOk<RunView>(engine, 'runbooks:act', { runId: run.id, action: 'run' });
    expect(run.status).toBe('finished');
    expect(run.steps.map((s) => s.status)).toEqual(['passed', 'passed', 'passed', 'passed', 'passed', 'skipped', 'done']);

    // One trust question, one handshake for the five ssh steps of host app.
    const fingerprint = fingerprintOf(marker, sshd.hostKeyPublic);
    expect(asked.map((a) => [a.kind, 'fingerprint' in a ? a.fingerprint : null])).toEqual([['host-key', fingerprint]]);
    expect(sshd.logins() - logins).toBe(1);

    const entries = await steps(engine, incident);
    const started = event(entries, 'step_started');
    const finished = event(entries, 'step_finished');
    expect(started.map((e) => e.data?.step)).toEqual([0, 1, 2, 3, 4]);
    expect(started.map((e) => e.data?.host)).toEqual(['app', 'app', 'local', 'app', 'app']);
    expect(started.map((e) => e.data?.fingerprint)).toEqual([fingerprint, fingerprint, null, fingerprint, fingerprint]);
    expect(started[1]?.data?.command).toBe('echo state of api');
    expect(started[0]?.text).toContain(`on app (host key ${fingerprint}) [trusted-by-user, ssh2]`);
    // Which client ran each step, and why its host key was accepted, is on the entry's data.
    expect(started.map((e) => e.data?.transport)).toEqual(['ssh2', 'ssh2', null, 'ssh2', 'ssh2']);
    expect(started.map((e) => (e.data?.hostKey as { decision?: string } | null)?.decision ?? null)).toEqual(['trusted-by-user', 'trusted-by-user', null, 'trusted-by-user', 'trusted-by-user']);
    expect(finished.map((e) => e.data?.transport)).toEqual(['ssh2', 'ssh2', null, 'ssh2', 'ssh2']);
    for (const f of finished) {
      expect(f.data?.status).toBe('passed');
      expect(f.data?.exitCode).toBe(0);
      expect(typeof f.data?.durationMs).toBe('number');
    }
    expect(finished.map((e) => e.data?.output)).toEqual([`user=${sshd.user}\n`, 'state of api\n', 'local api\n', 'calling with ***\n', 'restarted api\n']);
    // The secret never reaches the journal: the command and its output both show ***.
    expect(started[3]?.data?.command).toBe('echo calling with ***');
    expect(JSON.stringify(entries)).not.toContain(secret);
    const confirmed = event(entries, 'step_confirmed', 4);
    expect(confirmed.map((e) => e.data?.confirmation)).toEqual(['app']);
    expect(started[4]?.data?.confirmation).toBe('app');
    expect(event(entries, 'step_skipped', 5).map((e) => e.data?.reason)).toEqual(['disk is fine now']);
    expect(event(entries, 'step_marked_done', 6).map((e) => e.data?.checks)).toEqual([['Post in the incident channel']]);
    expect(event(entries, 'run_finished')).toHaveLength(1);
    // Entries land in the order things happened: confirmation, then the step's start, then its end.
    const seqOf = (e: TimelineEntry | undefined) => e?.seq ?? -1;
    expect(seqOf(confirmed[0])).toBeLessThan(seqOf(started[4]));
    expect(seqOf(started[4])).toBeLessThan(seqOf(finished[4]));
  });

  it('pauses, survives closing the engine, and resumes at the step where it stopped', async () => {
    const dir = home();
    trustHost(dir, sshd);
    writeRunbook(dir, 'guided', guidedRunbook(marker));
    let engine = await openTestEngine(dir);
    let run = await invokeOk<RunView>(engine, 'runbooks:start', { id: 'it-guided', params: { token: 'tok-abcdef', service: 'billing' } });
    run = await invokeOk<RunView>(engine, 'runbooks:act', { runId: run.id, action: 'run' });
    run = await invokeOk<RunView>(engine, 'runbooks:act', { runId: run.id, action: 'pause' });
    expect(run.status).toBe('paused');
    expect(run.current).toBe(1);
    await engine.close();

    engine = await openTestEngine(dir);
    const unfinished = await invokeOk<RunSummary[]>(engine, 'runbooks:runs', { unfinished: true });
    expect(unfinished.map((r) => [r.id, r.status, r.current])).toEqual([[run.id, 'paused', 1]]);
    // Secrets are never stored: resuming asks for them again.
    expect(await refusal(engine, 'runbooks:act', { runId: run.id, action: 'resume' })).toMatch(/secret params.*token/);
    run = await invokeOk<RunView>(engine, 'runbooks:act', { runId: run.id, action: 'resume', params: { token: 'tok-abcdef' } });
    expect(run.status).toBe('active');
    // The stored param survived; step 2 runs next, with expect_output now failing for billing.
    run = await invokeOk<RunView>(engine, 'runbooks:act', { runId: run.id, action: 'run' });
    expect(run.steps[0]?.status).toBe('passed');
    expect(run.steps[1]).toMatchObject({ status: 'failed', exitCode: 0, outputTail: 'state of billing\n', attempts: 1, reason: 'the output does not match /^state of api$/' });
    expect(run.current).toBe(1);

    const entries = await steps(engine, run.incidentId ?? '');
    expect(event(entries, 'run_paused').map((e) => e.data?.step)).toEqual([1]);
    expect(event(entries, 'run_resumed').map((e) => e.data?.step)).toEqual([1]);
    expect(event(entries, 'step_started').map((e) => e.data?.step)).toEqual([0, 1]);
    expect(event(entries, 'step_finished').map((e) => e.data?.status)).toEqual(['passed', 'failed']);
  });

  /** A firing alert from the local rule source; a later publish of the same object keeps its firing. */
  const firingAlert = (name: string, fingerprint: string, severity: string, instance = 'db-1'): Alert => ({
    fingerprint,
    labels: { alertname: name, instance, severity },
    annotations: { summary: `${name} on ${instance}` },
    state: 'firing',
    activeAt: Date.now(),
    firedAt: Date.now(),
    resolvedAt: null,
    value: 1,
    source: 'rule',
    sourceName: 'integration',
  });

  async function pausedAutoRun(engine: Engine): Promise<RunView> {
    const summary = await until('the automated run to stop', async () => {
      const runs = await invokeOk<RunSummary[]>(engine, 'runbooks:runs', {});
      return runs.find((r) => r.runbookId === 'it-auto' && r.status === 'paused');
    });
    expect(summary.trigger).toBe('auto');
    return invokeOk<RunView>(engine, 'runbooks:run', { runId: summary.id });
  }

  it('runs the read-only auto steps of a linked runbook when its alert fires on an auto-opened incident, and nothing else', async () => {
    const dir = home();
    writeConfig(dir, sshd, 'alerting:\n  autoIncident:\n    priorities: [P1]');
    trustHost(dir, sshd);
    writeRunbook(dir, 'auto', autoRunbook(marker));
    writeRunbook(dir, 'unsafe', unsafeAutoRunbook(marker));
    const engine = await openTestEngine(dir, 'web');
    // The alerting config opens incidents for P1 only: the warning on db-2 stays without one.
    engine.ctx.alerts.publish('rule', 'integration', [
      firingAlert('ItDiskFull', '00000000000000a1', 'critical'),
      firingAlert('ItUnsafe', '00000000000000a2', 'critical'),
      firingAlert('ItDiskFull', '00000000000000a3', 'warning', 'db-2'),
    ]);

    const run = await pausedAutoRun(engine);
    expect(run.steps.map((s) => s.status)).toEqual(['passed', 'passed', 'pending']);
    expect(run.steps[0]?.outputTail).toBe("usage-for db-1\n");
    expect(existsSync(join(marker, 'auto-freed'))).toBe(false);

    const detail = await invokeOk<IncidentDetail>(engine, 'incidents:get', { id: run.incidentId ?? '' });
    expect(detail.incident.alerts).toEqual(['00000000000000a1']);
    const finished = event(detail.timeline, 'step_finished');
    expect(finished.map((e) => [e.data?.stepId, e.data?.status])).toEqual([
      ['usage', 'passed'],
      ['load', 'passed'],
    ]);

    // The runbook with a non-read-only auto step never starts by itself, not even its read-only step;
    // the unattached warning starts nothing; diagnostics opened no incident of their own.
    const runs = await invokeOk<RunSummary[]>(engine, 'runbooks:runs', {});
    expect(runs.map((r) => r.runbookId)).toEqual(['it-auto']);
    expect(existsSync(join(marker, 'unsafe-look'))).toBe(false);
    expect(existsSync(join(marker, 'unsafe-restart'))).toBe(false);
    const incidents = await invokeOk<{ total: number }>(engine, 'incidents:list', {});
    expect(incidents.total).toBe(2);
  });

  it('a firing alert without an incident starts nothing and opens nothing; attaching it runs its diagnostics once, on that incident', async () => {
    const dir = home();
    trustHost(dir, sshd);
    writeRunbook(dir, 'auto', autoRunbook(marker));
    const engine = await openTestEngine(dir, 'web');
    const alerts = [firingAlert('ItDiskFull', '00000000000000b1', 'critical')];
    engine.ctx.alerts.publish('rule', 'integration', alerts);

    // A run starts synchronously when the feed changes, so there is nothing to wait for here.
    expect(await invokeOk<RunSummary[]>(engine, 'runbooks:runs', {})).toEqual([]);
    expect((await invokeOk<{ total: number }>(engine, 'incidents:list', {})).total).toBe(0);

    const { incidentId } = await invokeOk<{ incidentId: string }>(engine, 'alerts:open-incident', { fingerprints: ['00000000000000b1'], title: 'Disk full on db-1' });
    const run = await pausedAutoRun(engine);
    expect(run.incidentId).toBe(incidentId);
    expect(run.steps.map((s) => s.status)).toEqual(['passed', 'passed', 'pending']);
    const detail = await invokeOk<IncidentDetail>(engine, 'incidents:get', { id: incidentId });
    expect(event(detail.timeline, 'step_finished').map((e) => e.data?.stepId)).toEqual(['usage', 'load']);

    // Same firing: attaching it to a second incident, another journal write or a republish starts nothing new.
    const second = await invokeOk<{ incidentId: string }>(engine, 'alerts:open-incident', { fingerprints: ['00000000000000b1'], title: 'Second look' });
    await invokeOk(engine, 'timeline:append', { incidentId, kind: 'note', text: 'looking' });
    engine.ctx.alerts.publish('rule', 'integration', [...alerts]);
    expect((await invokeOk<RunSummary[]>(engine, 'runbooks:runs', {})).length).toBe(1);
    expect(await steps(engine, second.incidentId)).toEqual([]);
  });

  it('a storm of TargetDown alerts linked to the bundled api-down runbook opens no incident and starts no run; a firing that ended before it was attached starts nothing', async () => {
    const engine = await openTestEngine(home(), 'web');
    const fingerprint = (i: number) => i.toString(16).padStart(16, '0');
    const storm = Array.from({ length: 300 }, (_, i) => ({ ...firingAlert('TargetDown', fingerprint(i + 1), 'critical', `node-${i}`), source: 'probe' as const }));
    engine.ctx.alerts.publish('probe', 'integration', storm);
    expect(await invokeOk<RunSummary[]>(engine, 'runbooks:runs', {})).toEqual([]);
    expect((await invokeOk<{ total: number }>(engine, 'incidents:list', {})).total).toBe(0);

    // The first target recovers before anyone attaches it: attaching it afterwards runs nothing.
    const [first, ...rest] = storm;
    engine.ctx.alerts.publish('probe', 'integration', [{ ...first!, state: 'resolved', resolvedAt: Date.now() }, ...rest]);
    const { incidentId } = await invokeOk<{ incidentId: string }>(engine, 'alerts:open-incident', { fingerprints: [fingerprint(1)] });
    expect(await invokeOk<RunSummary[]>(engine, 'runbooks:runs', {})).toEqual([]);
    expect(await steps(engine, incidentId)).toEqual([]);
    expect((await invokeOk<{ total: number }>(engine, 'incidents:list', {})).total).toBe(1);
  });

  it('cancelling a running step stops the remote process and journals "cancelled"', async () => {
    const dir = home();
    trustHost(dir, sshd);
    const sleeper = `sleep 4545.${process.pid}`;
    writeRunbook(dir, 'slow', slowRunbook(sleeper));
    const engine = await openTestEngine(dir);
    const run = await invokeOk<RunView>(engine, 'runbooks:start', { id: 'it-slow' });
    let output = '';
    const started = new Promise<void>((resolve) =>
      engine.bus.on('runbooks:output', (e) => {
        output += e.text;
        if (output.includes('started\n')) resolve();
      }),
    );
    const running = invokeOk<RunView>(engine, 'runbooks:act', { runId: run.id, action: 'run' });
    await started;
    await until('the remote sleep to start', () => Promise.resolve(pgrep(sleeper).length > 0 ? true : undefined));
    await invokeOk<RunView>(engine, 'runbooks:act', { runId: run.id, action: 'cancel' });
    const after = await running;
    expect(after.steps[0]).toMatchObject({ status: 'cancelled', reason: 'cancelled by the engineer' });
    expect(after.steps[0]?.outputTail).toBe('started\n');
    expect(pgrep(sleeper)).toEqual([]);
    const finished = event(await steps(engine, run.incidentId ?? ''), 'step_finished');
    expect(finished.map((e) => [e.data?.status, e.data?.reason])).toEqual([['cancelled', 'cancelled by the engineer']]);
  });

  it('passes injection attempts through params as one literal argument each', async () => {
    const dir = home();
    trustHost(dir, sshd);
    writeRunbook(dir, 'injection', injectionRunbook());
    const engine = await openTestEngine(dir);
    const canary = join(marker, 'injected');
    const first = `x; touch ${canary}; rm -rf /nonexistent-oncall`;
    const second = `$(touch ${canary})\`touch ${canary}\` "quoted" 'single' * \\`;
    let run = await invokeOk<RunView>(engine, 'runbooks:start', { id: 'it-injection', params: { first, second } });
    run = await invokeOk<RunView>(engine, 'runbooks:act', { runId: run.id, action: 'run' });
    expect(run.steps[0]?.status).toBe('passed');
    expect(run.steps[0]?.outputTail).toBe(`<${first}>\n<${second}>\n`);
    expect(existsSync(canary)).toBe(false);
  });
});
