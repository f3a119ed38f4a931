import { afterEach, describe, expect, it } from 'vitest';
import { alertingHarness, makeAlert } from './harness';

type Harness = ReturnType<typeof alertingHarness>;
const sec = 1000;
const min = 60 * sec;
const hour = 60 * min;

const inhibitConfig = `alerting:
  inhibit_rules:
    - source_matchers: ['alertname="ApiDown"']
      target_matchers: ['alertname="ApiLatencyHigh"']
      equal: [service]
`;

describe('inhibition, quiet hours, silences, snooze', () => {
  let h: Harness | undefined;
  afterEach(() => h?.close());

  it('"API down" inhibits "API latency high" for the same service only', () => {
    h = alertingHarness(inhibitConfig);
    const down = makeAlert({ alertname: 'ApiDown', service: 'api', severity: 'critical' });
    const latApi = makeAlert({ alertname: 'ApiLatencyHigh', service: 'api', severity: 'warning' });
    const latWeb = makeAlert({ alertname: 'ApiLatencyHigh', service: 'web', severity: 'warning' });
    h.publish([down, latApi, latWeb]);
    h.clock.advance(1 * min);
    const about = h.delivered().flatMap((n) => n.fingerprints);
    expect(about).toContain(down.fingerprint);
    expect(about).toContain(latWeb.fingerprint);
    expect(about).not.toContain(latApi.fingerprint);
    const byFp = new Map(h.service.list().alerts.map((a) => [a.fingerprint, a]));
    expect(byFp.get(latApi.fingerprint)).toMatchObject({ inhibited: true, state: 'firing' });
    expect(byFp.get(latWeb.fingerprint)).toMatchObject({ inhibited: false });
    // When the API is back, the latency alert is no longer muted and notifies at the next flush.
    h.publish([latApi, latWeb]);
    h.clock.advance(5 * min);
    expect(h.delivered().some((n) => n.kind === 'firing' && n.fingerprints.includes(latApi.fingerprint))).toBe(true);
  });

  it('a pending source inhibits nothing (Alertmanager only sees firing alerts)', () => {
    h = alertingHarness(inhibitConfig);
    h.publish([makeAlert({ alertname: 'ApiDown', service: 'api' }, 'pending'), makeAlert({ alertname: 'ApiLatencyHigh', service: 'api' })]);
    expect(h.service.list().alerts.find((a) => a.labels.alertname === 'ApiLatencyHigh')?.inhibited).toBe(false);
  });

  it('MonitoringDegraded inhibits everything else and turns the tray grey', () => {
    h = alertingHarness();
    h.publish([makeAlert({ alertname: 'ApiDown', service: 'api', severity: 'critical' }), makeAlert({ alertname: 'DiskFull', severity: 'warning' })]);
    h.publish([makeAlert({ alertname: 'MonitoringDegraded', reason: 'no network', severity: 'warning' }, 'firing', { source: 'system', sourceName: 'console' })], 'system', 'console');
    h.clock.advance(1 * min);
    expect(h.delivered().map((n) => n.title)).toEqual([expect.stringContaining('MonitoringDegraded') as string]);
    expect(h.service.trayState()).toMatchObject({ color: 'grey', count: 1 });
  });

  it('quiet hours hold everything but critical P1 pages, and deliver the rest when they end', () => {
    h = alertingHarness(`alerting:
  quietHours: { start: "22:00", end: "08:00", timezone: UTC }
  route: { group_by: [alertname] }
`);
    // 09:00 UTC -> 23:00 UTC
    h.clock.advance(14 * hour);
    h.publish([makeAlert({ alertname: 'DiskFull', severity: 'warning' }), makeAlert({ alertname: 'ApiDown', severity: 'critical' })]);
    h.clock.advance(1 * min);
    expect(h.delivered().map((n) => n.title)).toEqual([expect.stringContaining('ApiDown') as string]);
    expect(h.held().map((n) => [n.heldBecause, n.title])).toEqual([['quiet hours', expect.stringContaining('DiskFull') as string]]);
    expect(h.service.notificationState().quietHours).toBe(true);
    // 08:00 UTC next morning: the first flush after that delivers the held warning, once.
    h.clock.advance(9 * hour);
    const warnings = h.delivered().filter((n) => n.title.includes('DiskFull'));
    expect(warnings).toHaveLength(1);
    expect(new Date(warnings[0]!.at).getUTCHours()).toBe(8);
  });

  it('pausing notifications holds even critical ones until the pause ends', () => {
    h = alertingHarness();
    h.service.pause(h.clock.now() + 30 * min);
    h.publish([makeAlert({ alertname: 'ApiDown', severity: 'critical' })]);
    h.clock.advance(29 * min);
    expect(h.delivered()).toHaveLength(0);
    expect(h.service.trayState().pausedUntil).not.toBeNull();
    h.clock.advance(6 * min);
    expect(h.delivered()).toHaveLength(1);
  });

  it('a local silence mutes matching alerts, warns 10 min before it ends, then lets them notify', () => {
    h = alertingHarness();
    const a = makeAlert({ alertname: 'DiskFull', instance: 'db-1', severity: 'warning' });
    const now = h.clock.now();
    h.store.addSilence({ id: 's1', matchers: [{ name: 'alertname', op: '=~', value: 'Disk.*' }], startsAt: now, endsAt: now + 30 * min, comment: 'resizing volume', createdBy: 'me', createdAt: now });
    h.store.addSilence({ id: 's2', matchers: [{ name: 'alertname', op: '=', value: 'Nothing' }], startsAt: now, endsAt: now + 2 * hour, comment: 'stale', createdBy: 'me', createdAt: now });
    h.service.reloadSilences();
    h.publish([a]);
    h.clock.advance(19 * min);
    expect(h.delivered()).toHaveLength(0);
    expect(h.service.list().alerts[0]).toMatchObject({ silenced: true });
    h.clock.advance(1 * min);
    const warning = h.notified.find((n) => n.id === 'silence-s1');
    expect(warning).toMatchObject({ title: 'Silence ends in 10 min', severity: 'warning' });
    expect(h.notified.filter((n) => n.id.startsWith('silence-'))).toHaveLength(1);
    h.clock.advance(10 * min);
    expect(h.service.list().alerts[0]).toMatchObject({ silenced: false });
    h.clock.advance(5 * min);
    expect(h.delivered().map((n) => n.kind)).toEqual(['firing']);
    // Only one warning per silence, ever.
    expect(h.notified.filter((n) => n.id === 'silence-s1')).toHaveLength(1);
  });

  it('snooze mutes an alert for a while and it notifies when the snooze ends', () => {
    h = alertingHarness();
    const a = makeAlert({ alertname: 'HighCPU', severity: 'warning' });
    h.publish([a]);
    h.service.snooze([a.fingerprint], 20 * min);
    h.clock.advance(19 * min);
    expect(h.delivered()).toHaveLength(0);
    expect(h.service.list().alerts[0]!.snoozedUntil).toBe(Date.UTC(2026, 10, 23, 9, 20));
    h.clock.advance(6 * min);
    expect(h.delivered()).toHaveLength(1);
  });
});

describe('muting never erases what was already announced', () => {
  let h: Harness | undefined;
  afterEach(() => h?.close());
  const disk = (instance: string, state: 'firing' | 'resolved' = 'firing') => makeAlert({ alertname: 'DiskFull', instance, severity: 'warning' }, state);
  const silenceDisk = (hh: Harness, id: string, instance: string, ms: number) => {
    const now = hh.clock.now();
    hh.store.addSilence({ id, matchers: [{ name: 'instance', op: '=', value: instance }], startsAt: now, endsAt: now + ms, comment: 'test', createdBy: 'me', createdAt: now });
    hh.service.reloadSilences();
  };

  it('a whole group silenced and unsilenced is not announced again', () => {
    h = alertingHarness();
    h.publish([disk('db-1'), disk('db-2')]);
    h.clock.advance(1 * min);
    expect(h.delivered().map((n) => n.kind)).toEqual(['firing']);
    silenceDisk(h, 's1', 'db-1', 20 * min);
    silenceDisk(h, 's2', 'db-2', 20 * min);
    h.clock.advance(40 * min);
    expect(h.service.list().alerts.every((a) => !a.silenced)).toBe(true);
    expect(h.delivered().map((n) => n.kind)).toEqual(['firing']);
    // A genuinely new member is still news.
    h.publish([disk('db-1'), disk('db-2'), disk('db-3')]);
    h.clock.advance(5 * min);
    expect(h.delivered().map((n) => n.kind)).toEqual(['firing', 'firing']);
  });

  it('a reminder while one member is silenced does not make that member new when the silence ends', () => {
    h = alertingHarness();
    const b = disk('db-2');
    h.publish([disk('db-1'), b]);
    h.clock.advance(1 * min);
    silenceDisk(h, 's1', 'db-2', 5 * hour);
    h.clock.advance(5 * hour);
    expect(h.delivered().map((n) => [n.kind, n.fingerprints.length])).toEqual([
      ['firing', 2],
      ['reminder', 1],
    ]);
    h.clock.advance(10 * min);
    expect(h.service.list().alerts.find((a) => a.fingerprint === b.fingerprint)?.silenced).toBe(false);
    expect(h.delivered().map((n) => n.kind)).toEqual(['firing', 'reminder']);
  });

  it('an alert that resolved while its group stayed alive is news when it fires again', () => {
    h = alertingHarness();
    const a = disk('db-1');
    h.publish([a, disk('db-2')]);
    h.clock.advance(1 * min);
    h.publish([disk('db-1', 'resolved'), disk('db-2')]);
    h.clock.advance(10 * min);
    expect(h.delivered().map((n) => n.kind)).toEqual(['firing']);
    h.publish([a, disk('db-2')]);
    h.clock.advance(5 * min);
    const sent = h.delivered();
    expect(sent.map((n) => n.kind)).toEqual(['firing', 'firing']);
    expect(sent[1]!.fingerprints).toContain(a.fingerprint);
  });

  it('an announced alert that resolves while silenced is reported resolved', () => {
    h = alertingHarness();
    h.publish([disk('db-1')]);
    h.clock.advance(1 * min);
    silenceDisk(h, 's1', 'db-1', 1 * hour);
    h.clock.advance(10 * min);
    h.publish([disk('db-1', 'resolved')]);
    h.clock.advance(5 * min);
    expect(h.delivered().map((n) => n.kind)).toEqual(['firing', 'resolved']);
    expect(h.policyGroups()).toBe(0);
  });
});
