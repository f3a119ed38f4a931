import { describe, expect, it } from 'vitest';
import { harness, networkDown, okReply, target } from './support';

const failing = { connected: true, status: 503, body: '{"status":"not_ready","checks":{"database":false,"redis":true}}', durationMs: 30 };

describe('hysteresis', () => {
  it('needs 2 consecutive failures before down and 1 success before up (defaults)', async () => {
    const h = harness([target({ name: 'api' })]);
    h.scheduler.start();
    await h.advance(100);
    expect(h.health('api')).toBe('up');
    h.replies.set('api', failing);
    await h.advance(10_000);
    expect(h.health('api')).toBe('up');
    expect(h.alerts.get('api')?.map((a) => `${a.labels.alertname}:${a.state}`)).toEqual(['TargetDown:pending']);
    await h.advance(10_000);
    expect(h.health('api')).toBe('down');
    expect(h.firing('api')).toEqual(['TargetDown']);
    h.replies.set('api', okReply);
    await h.advance(10_000);
    expect(h.health('api')).toBe('up');
    expect(h.alerts.get('api')?.map((a) => `${a.labels.alertname}:${a.state}`)).toEqual(['TargetDown:resolved']);
    h.scheduler.stop();
  });

  it('one dropped packet between successes is not a page', async () => {
    const h = harness([target({ name: 'api' })]);
    h.scheduler.start();
    await h.advance(100);
    h.replies.set('api', { connected: false, status: null, error: 'socket hang up', errorKind: 'refused' });
    await h.advance(10_000);
    h.replies.set('api', okReply);
    await h.advance(10_000);
    expect(h.health('api')).toBe('up');
    expect(h.firing('api')).toEqual([]);
    expect(h.alerts.get('api')).toEqual([]);
  });

  it('honours per-target thresholds (3 failures down, 2 successes up)', async () => {
    const h = harness([target({ name: 'api', failureThreshold: 3, successThreshold: 2 })]);
    h.replies.set('api', failing);
    h.scheduler.start();
    await h.advance(10_100);
    expect(h.health('api')).toBe('unknown');
    await h.advance(10_000);
    expect(h.health('api')).toBe('down');
    h.replies.set('api', okReply);
    await h.advance(10_000);
    expect(h.health('api')).toBe('down');
    await h.advance(10_000);
    expect(h.health('api')).toBe('up');
  });

  it('names the failing health checks in the TargetDown alert', async () => {
    const h = harness([target({ name: 'api', runbook: 'https://runbooks.example.com/api-down' })]);
    h.replies.set('api', failing);
    h.scheduler.start();
    await h.advance(10_100);
    const [alert] = h.alerts.get('api') ?? [];
    expect(alert?.labels).toMatchObject({ alertname: 'TargetDown', target: 'api', severity: 'critical', instance: 'api.example.com:443' });
    expect(alert?.annotations.failing_checks).toBe('database');
    expect(alert?.annotations.description).toContain('failing checks: database');
    expect(alert?.annotations.summary).toBe('api is down (failing checks: database)');
    expect(alert?.annotations.runbook_url).toBe('https://runbooks.example.com/api-down');
    expect(h.scheduler.snapshot().targets[0]?.failingChecks).toEqual(['database']);
  });

  it('raises TargetSlow after consecutive slow answers and CertificateExpiring 7 days before expiry', async () => {
    const h = harness([target({ name: 'api', latency: { warning: '500ms', critical: '2s' } })]);
    h.replies.set('api', { ...okReply, durationMs: 800, certExpiresAt: Date.UTC(2026, 10, 23, 9, 0, 0) + 6 * 86_400_000 });
    h.scheduler.start();
    await h.advance(10_100);
    const alerts = h.alerts.get('api') ?? [];
    expect(alerts.map((a) => `${a.labels.alertname}:${a.labels.severity}`).sort()).toEqual(['CertificateExpiring:critical', 'TargetSlow:warning']);
    expect(h.health('api')).toBe('up');
  });
});

describe('laptop reality', () => {
  it('no network: targets go unknown, not down, one MonitoringDegraded alert, no TargetDown storm', async () => {
    const names = ['a', 'b', 'c', 'd'];
    const h = harness(names.map((name) => target({ name })));
    h.scheduler.start();
    await h.advance(10_000);
    expect(names.map(h.health)).toEqual(['up', 'up', 'up', 'up']);
    h.net.online = false;
    for (const n of names) h.replies.set(n, networkDown);
    await h.advance(60_000);
    expect(names.map(h.health)).toEqual(['unknown', 'unknown', 'unknown', 'unknown']);
    for (const n of names) expect(h.alerts.get(n)?.filter((a) => a.labels.alertname === 'TargetDown')).toEqual([]);
    expect(h.system).toHaveLength(1);
    expect(h.system[0]?.[0]?.labels.alertname).toBe('MonitoringDegraded');
    expect(h.system[0]?.[0]?.annotations.summary).toBe('monitoring degraded: no network');
    expect(h.scheduler.snapshot().degraded?.reason).toBe('no network');
    // Back online: polling never stopped, so every target is up again within one interval.
    h.net.online = true;
    for (const n of names) h.replies.set(n, okReply);
    await h.advance(10_000);
    expect(names.map(h.health)).toEqual(['up', 'up', 'up', 'up']);
    expect(h.system.at(-1)?.[0]?.state).toBe('resolved');
    expect(h.scheduler.snapshot().degraded).toBeNull();
  });

  it('DNS failing for every remote target counts as offline even with a default route', async () => {
    const h = harness([target({ name: 'a' }), target({ name: 'b' })]);
    h.scheduler.start();
    await h.advance(10_000);
    for (const n of ['a', 'b']) h.replies.set(n, { connected: false, status: null, error: 'getaddrinfo EAI_AGAIN', errorKind: 'dns' });
    await h.advance(30_000);
    expect(h.health('a')).toBe('unknown');
    expect(h.health('b')).toBe('unknown');
    expect(h.scheduler.snapshot().degraded?.reason).toBe('no network');
  });

  it('a refused connection while online is a real failure', async () => {
    const h = harness([target({ name: 'a' })]);
    h.replies.set('a', { connected: false, status: null, error: 'connect ECONNREFUSED', errorKind: 'refused' });
    h.scheduler.start();
    await h.advance(10_100);
    expect(h.health('a')).toBe('down');
    expect(h.scheduler.snapshot().degraded).toBeNull();
  });

  it('sleep: a wall-clock jump makes targets unknown, drops the in-flight round and resumes within one interval', async () => {
    const h = harness([target({ name: 'a' }), target({ name: 'b' })]);
    h.scheduler.start();
    await h.advance(10_000);
    const before = h.checks.length;
    h.clock.sleep(3_600_000);
    // Right after waking, the network is not back yet: errors must not turn into "down".
    for (const n of ['a', 'b']) h.replies.set(n, { connected: false, status: null, error: 'connect ENETUNREACH', errorKind: 'network' });
    await h.advance(100);
    expect(h.health('a')).toBe('unknown');
    expect(h.scheduler.snapshot().degraded?.reason).toBeDefined();
    expect(h.firing('a')).toEqual([]);
    await h.advance(5_000);
    for (const n of ['a', 'b']) h.replies.set(n, okReply);
    await h.advance(10_000);
    expect(h.health('a')).toBe('up');
    expect(h.health('b')).toBe('up');
    expect(h.checks.length).toBeGreaterThan(before);
    expect(h.scheduler.snapshot().degraded).toBeNull();
    expect(h.alerts.get('b')?.filter((a) => a.labels.alertname === 'TargetDown')).toEqual([]);
  });

  it('stale: an up target whose last success is older than 2x its interval is not shown green', async () => {
    const h = harness([target({ name: 'a' })]);
    h.scheduler.start();
    await h.advance(100);
    expect(h.health('a')).toBe('up');
    // Polling paused (or probes hanging): nothing new comes back.
    h.scheduler.setPaused(true);
    await h.advance(19_800);
    expect(h.health('a')).toBe('up');
    await h.advance(1_000);
    expect(h.health('a')).toBe('stale');
    expect(h.scheduler.snapshot().paused).toBe(true);
  });

  it('pause stops all polling; resume starts it again', async () => {
    const h = harness([target({ name: 'a' })]);
    h.scheduler.start();
    await h.advance(100);
    h.scheduler.setPaused(true);
    const n = h.probes();
    await h.advance(60_000);
    expect(h.probes()).toBe(n);
    h.scheduler.setPaused(false);
    await h.advance(100);
    expect(h.probes()).toBe(n + 1);
    expect(h.health('a')).toBe('up');
  });

  it('loopback targets never make the console think it is offline', async () => {
    const h = harness([target({ name: 'local', url: 'http://127.0.0.1:9/health' })]);
    h.net.online = false;
    h.replies.set('local', { connected: false, status: null, error: 'timeout', errorKind: 'timeout' });
    h.scheduler.start();
    await h.advance(10_100);
    expect(h.health('local')).toBe('down');
    expect(h.scheduler.snapshot().degraded).toBeNull();
  });
});
