import { afterEach, describe, expect, it } from 'vitest';
import type { RawResult } from '../../../main/core/probes/runner';
import { ProbeScheduler } from '../../../main/core/probes/scheduler';
import { alertingHarness } from '../alerts/harness';
import { harness, networkDown, okReply, target } from './support';

const timeout: Partial<RawResult> = { connected: false, status: null, error: 'no answer within 2000 ms', errorKind: 'timeout' };

describe('sleep is told from the monotonic vs wall clock, not from the errors', () => {
  // One remote target only, and the route check says online: the "everything fails" heuristic
  // cannot fire, so only the clock comparison can keep these timeouts from counting as failures.
  it('timeouts right after a wall-clock jump leave the target unknown ("woke from sleep")', async () => {
    const h = harness([target({ name: 'api' })]);
    h.scheduler.start();
    await h.advance(100);
    expect(h.health('api')).toBe('up');
    h.clock.sleep(2 * 3_600_000);
    h.replies.set('api', timeout);
    await h.advance(5_000);
    expect(h.health('api')).toBe('unknown');
    expect(h.scheduler.snapshot().targets[0]?.unknownReason).toBe('woke from sleep');
    expect(h.scheduler.snapshot().degraded?.reason).toBe('woke from sleep');
    expect(h.alerts.get('api')?.some((a) => a.labels.alertname === 'TargetDown') ?? false).toBe(false);
    // The grace lasts one interval (at least 10 s): a target still failing after it is really down,
    // after the usual 2 consecutive failures.
    await h.advance(6_000);
    expect(h.scheduler.snapshot().targets[0]).toMatchObject({ health: 'unknown', unknownReason: 'confirming: 1 of 2 failures' });
    await h.advance(10_000);
    expect(h.health('api')).toBe('down');
  });

  it('the same timeouts without a jump are a real outage', async () => {
    const h = harness([target({ name: 'api' })]);
    h.scheduler.start();
    await h.advance(100);
    h.replies.set('api', timeout);
    await h.advance(20_000);
    expect(h.health('api')).toBe('down');
    expect(h.firing('api')).toEqual(['TargetDown']);
    expect(h.scheduler.snapshot().degraded).toBeNull();
  });

  it('a small wall-clock correction (NTP, under 5 s) is not a sleep', async () => {
    const h = harness([target({ name: 'api' })]);
    h.scheduler.start();
    await h.advance(100);
    h.clock.sleep(4_000);
    h.replies.set('api', timeout);
    await h.advance(20_000);
    expect(h.health('api')).toBe('down');
    expect(h.scheduler.snapshot().degraded).toBeNull();
  });

  it('after waking every target is polled again within one interval, even if its timer was far off', async () => {
    const h = harness([target({ name: 'fast', interval: '10s' }), target({ name: 'slow', interval: '5m', timeout: '10s' })]);
    h.scheduler.start();
    await h.advance(10_000);
    const before = h.checks.length;
    h.clock.sleep(8 * 3_600_000);
    await h.advance(10_000);
    const after = h.checks.slice(before).map((c) => c.target);
    expect(after).toContain('fast');
    expect(after).toContain('slow');
    expect(h.health('slow')).toBe('up');
  });
});

describe('never green while blind', () => {
  it('a probe that hangs (no answer, no timeout firing) turns an up target stale after 2x its interval', async () => {
    const h = harness([target({ name: 'api' })]);
    h.scheduler.start();
    await h.advance(100);
    expect(h.health('api')).toBe('up');
    h.replies.set('api', 'hang');
    await h.advance(19_800);
    expect(h.health('api')).toBe('up');
    await h.advance(1_000);
    expect(h.health('api')).toBe('stale');
    expect(h.probes()).toBe(2);
  });
});

describe('no notification storm when the laptop goes offline (scheduler wired to the alerting policy)', () => {
  let a: ReturnType<typeof alertingHarness> | undefined;
  afterEach(() => a?.close());

  it('20 targets, 2 of them already down: offline for 30 minutes and back sends no TargetDown, no resolved, healthy targets stay quiet', async () => {
    // One group per alertname (Alertmanager groups by nothing unless told), so each alert's news is its own.
    a = alertingHarness('alerting:\n  route: { group_by: [alertname] }\n');
    const names = Array.from({ length: 20 }, (_, i) => `svc-${i}`);
    const replies = new Map<string, Partial<RawResult>>();
    const net = { online: true };
    const h = a;
    const scheduler = new ProbeScheduler({
      clock: h.clock,
      network: { online: () => net.online },
      run: (t) => Promise.resolve({ at: h.clock.now(), durationMs: 30, connected: true, status: 200, body: '', certExpiresAt: null, ip: '10.0.0.1', error: null, errorKind: null, ...(replies.get(new URL(t.url).hostname.split('.')[0]!) ?? okReply) }),
      onCheck: () => undefined,
      publishAlerts: (name, list) => h.ctx.alerts.publish('probe', name, list),
      publishSystem: (list) => h.ctx.alerts.publish('system', 'network', list),
      onSnapshot: () => undefined,
    });
    scheduler.setTargets(names.map((name) => target({ name })));
    const advance = async (ms: number) => {
      for (let done = 0; done < ms; done += 100) {
        h.clock.advance(100);
        for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
      }
    };
    scheduler.start();
    const refused: Partial<RawResult> = { connected: false, status: null, error: 'connect ECONNREFUSED', errorKind: 'refused' };
    replies.set('svc-0', refused);
    replies.set('svc-1', refused);
    await advance(2 * 60_000);
    const firingBefore = h.delivered().filter((n) => n.kind === 'firing');
    expect(firingBefore.flatMap((n) => n.fingerprints)).toHaveLength(2);

    net.online = false;
    for (const n of names) replies.set(n, networkDown);
    await advance(30 * 60_000);
    expect(scheduler.snapshot().targets.filter((t) => t.health !== 'unknown')).toEqual([]);
    const during = h.delivered().slice(firingBefore.length);
    const degradedFp = h.ctx.alerts.merged().find((x) => x.labels.alertname === 'MonitoringDegraded')!.fingerprint;
    // Half an hour blind, 20 targets failing: one MonitoringDegraded notice; no target alert fires or resolves.
    expect(during.map((n) => [n.kind, n.fingerprints])).toEqual([['firing', [degradedFp]]]);
    const before = h.ctx.alerts.merged().filter((x) => x.labels.alertname === 'TargetDown');
    expect(before.map((x) => x.state)).toEqual(['firing', 'firing']);

    net.online = true;
    replies.clear();
    replies.set('svc-0', refused);
    replies.set('svc-1', refused);
    await advance(5 * 60_000);
    expect(scheduler.snapshot().targets.filter((t) => t.health === 'unknown')).toEqual([]);
    const after = h.delivered().slice(firingBefore.length + during.length);
    // Exactly one notice after reconnecting: MonitoringDegraded resolved. The two TargetDown alerts
    // were announced before going offline; the end of their inhibition does not announce them again.
    expect(after.map((n) => [n.kind, n.fingerprints])).toEqual([['resolved', [degradedFp]]]);
    // No healthy target is announced, nothing resolves, and the two real outages keep their alerts.
    expect(after.filter((n) => n.kind === 'resolved' && n.title.includes('TargetDown'))).toEqual([]);
    expect([...new Set(after.flatMap((n) => n.fingerprints))].every((fp) => firingBefore[0]!.fingerprints.includes(fp) || fp === degradedFp)).toBe(true);
    const down = h.ctx.alerts.merged().filter((x) => x.labels.alertname === 'TargetDown');
    expect(down.map((x) => [x.labels.target, x.state, x.activeAt])).toEqual(before.map((x) => [x.labels.target, 'firing', x.activeAt]));
    scheduler.stop();
  });
});
