import { afterEach, describe, expect, it } from 'vitest';
import { alertingHarness, makeAlert } from './harness';

type Harness = ReturnType<typeof alertingHarness>;
const sec = 1000;
const min = 60 * sec;
const hour = 60 * min;

describe('notification policy (Alertmanager semantics, fake clock)', () => {
  let h: Harness | undefined;
  afterEach(() => h?.close());

  it('waits group_wait (default 30 s) before the first notification', () => {
    h = alertingHarness();
    h.publish([makeAlert({ alertname: 'ApiDown', service: 'api', severity: 'critical' })]);
    h.clock.advance(29 * sec);
    expect(h.delivered()).toHaveLength(0);
    h.clock.advance(1 * sec);
    expect(h.delivered().map((n) => n.kind)).toEqual(['firing']);
    expect(h.notified[0]).toMatchObject({ severity: 'critical', title: expect.stringContaining('ApiDown') as string });
  });

  it('notifies nothing for an alert that resolves within group_wait', () => {
    h = alertingHarness();
    const alert = makeAlert({ alertname: 'Blip', severity: 'warning' });
    h.publish([alert]);
    h.clock.advance(10 * sec);
    h.publish([{ ...alert, state: 'resolved', resolvedAt: h.clock.now() }]);
    h.clock.advance(1 * hour);
    expect(h.delivered()).toHaveLength(0);
    expect(h.policyGroups()).toBe(0);
  });

  it('sends one notification per group for alerts that arrive together (group_by alertname)', () => {
    h = alertingHarness();
    h.publish(['a', 'b', 'c'].map((i) => makeAlert({ alertname: 'DiskFull', instance: i, severity: 'warning' })));
    h.clock.advance(10 * sec);
    h.publish(['a', 'b', 'c', 'd'].map((i) => makeAlert({ alertname: 'DiskFull', instance: i, severity: 'warning' })));
    h.clock.advance(1 * min);
    const sent = h.delivered();
    expect(sent).toHaveLength(1);
    expect(sent[0]!.fingerprints).toHaveLength(4);
    // A fifth instance is a state change of the group: one more notification at the next group_interval.
    h.publish(['a', 'b', 'c', 'd', 'e'].map((i) => makeAlert({ alertname: 'DiskFull', instance: i, severity: 'warning' })));
    h.clock.advance(4 * min);
    expect(h.delivered()).toHaveLength(1);
    h.clock.advance(1 * min);
    expect(h.delivered()).toHaveLength(2);
  });

  it('reminds at repeat_interval (4 h) while unacknowledged, and not after acknowledge', () => {
    h = alertingHarness();
    const a = makeAlert({ alertname: 'HighCPU', severity: 'warning' });
    h.publish([a]);
    h.clock.advance(9 * hour);
    // 30 s, then the first flush at or after 4 h later (flushes are every 5 m): 4h30s and 8h30s.
    expect(h.delivered().map((n) => [n.kind, n.at - h!.delivered()[0]!.at])).toEqual([
      ['firing', 0],
      ['reminder', 4 * hour],
      ['reminder', 8 * hour],
    ]);
    h.service.acknowledge([a.fingerprint], 'me');
    h.clock.advance(9 * hour);
    expect(h.delivered()).toHaveLength(3);
    // Acknowledged alerts stay visible.
    expect(h.service.list().alerts[0]).toMatchObject({ acknowledged: true, state: 'firing' });
  });

  it('continue: an alert matching two routes notifies once in each of its groups, others only in their first', () => {
    h = alertingHarness(`alerting:
  route:
    group_by: [alertname]
    routes:
      - matchers: ['severity="critical"']
        group_by: [service]
        continue: true
      - matchers: ['team="db"']
        group_wait: 10s
      - matchers: ['service="db"']
`);
    const down = makeAlert({ alertname: 'DbDown', service: 'db', team: 'db', severity: 'critical' });
    const slow = makeAlert({ alertname: 'DbSlow', service: 'db', team: 'db', severity: 'warning' });
    h.publish([down, slow]);
    // The team route waits 10 s and groups by alertname: one notification per alert.
    h.clock.advance(10 * sec);
    expect(h.delivered().map((n) => n.groupKey)).toEqual(['0.1:{alertname="DbDown"}', '0.1:{alertname="DbSlow"}']);
    // The critical route (continue) waits the inherited 30 s and groups by service. DbSlow is not
    // critical, and it stopped at the team route, so the third route (service="db") never sees it.
    h.clock.advance(20 * sec);
    const sent = h.delivered();
    expect(sent.map((n) => n.groupKey)).toEqual(['0.1:{alertname="DbDown"}', '0.1:{alertname="DbSlow"}', '0.0:{service="db"}']);
    expect(sent[2]!.fingerprints).toEqual([down.fingerprint]);
  });

  it('flapping: up/down every 10 s for an hour gives exactly one notification, then one resolved', () => {
    h = alertingHarness();
    const up = makeAlert({ alertname: 'Flappy', service: 'api', severity: 'warning' });
    for (let t = 0; t < 360; t++) {
      h.publish(t % 2 === 0 ? [up] : []);
      h.clock.advance(10 * sec);
    }
    // Every flush (30 s, then every 5 min) falls on a firing phase: the group's firing set never
    // grows after the first notification, and 4 h of repeat_interval never pass in one hour.
    expect(h.delivered().map((n) => n.kind)).toEqual(['firing']);
    h.publish([]);
    h.clock.advance(5 * min);
    expect(h.delivered().map((n) => n.kind)).toEqual(['firing', 'resolved']);
  });

  it('slow flapping (3.5 min up, 3.5 min down) notifies each real episode once: 9 firing + 8 resolved in an hour', () => {
    h = alertingHarness();
    const up = makeAlert({ alertname: 'Slow', service: 'api', severity: 'warning' });
    for (let t = 0; t < 3600; t += 30) {
      h.publish(Math.floor(t / 210) % 2 === 0 ? [up] : []);
      h.clock.advance(30 * sec);
    }
    // Each episode outlasts group_wait, so it is a real state change; an emptied group is deleted
    // and the next episode starts a new one (group_wait again), exactly as in Alertmanager.
    const kinds = h.delivered().map((n) => n.kind);
    expect(kinds).toHaveLength(17);
    expect(kinds.filter((k) => k === 'firing')).toHaveLength(9);
    for (let i = 1; i < kinds.length; i++) expect(kinds[i]).not.toBe(kinds[i - 1]);
    expect(h.delivered()[0]!.at - Date.UTC(2026, 10, 23, 9)).toBe(30 * sec);
  });
});
