import { afterEach, describe, expect, it } from 'vitest';
import type { SoundCue } from '../../../preload/contract';
import { alertingHarness, makeAlert } from './harness';

type Harness = ReturnType<typeof alertingHarness>;
const sec = 1000;
const min = 60 * sec;

describe('tray state at a glance', () => {
  let h: Harness | undefined;
  afterEach(() => h?.close());

  it('is green when nothing fires, yellow for warnings, red for a P1, grey when monitoring is blind', () => {
    h = alertingHarness();
    expect(h.service.trayState()).toMatchObject({ color: 'green', count: 0, unacknowledged: 0, worst: null, label: 'All clear', top: [] });
    const warn = makeAlert({ alertname: 'DiskFull', instance: 'db-1', severity: 'warning' });
    const crit = makeAlert({ alertname: 'ApiDown', service: 'api', severity: 'critical' });
    h.publish([warn, makeAlert({ alertname: 'Pending', severity: 'critical' }, 'pending')]);
    expect(h.service.trayState()).toMatchObject({ color: 'yellow', count: 1, unacknowledged: 1, worst: 'P2' });
    h.publish([warn, crit]);
    expect(h.service.trayState()).toMatchObject({ color: 'red', count: 2, unacknowledged: 2, worst: 'P1', pagerSound: true });
    // Acknowledged stays counted (and red) but leaves the badge; a snoozed alert leaves the count.
    h.service.acknowledge([crit.fingerprint], 'me');
    expect(h.service.trayState()).toMatchObject({ color: 'red', count: 2, unacknowledged: 1, pagerSound: false });
    h.service.snooze([crit.fingerprint], 10 * min);
    expect(h.service.trayState()).toMatchObject({ color: 'yellow', count: 1, unacknowledged: 1 });
    h.publish([makeAlert({ alertname: 'MonitoringDegraded', reason: 'no network', severity: 'warning' }, 'firing', { source: 'system' })], 'system', 'console');
    expect(h.service.trayState()).toMatchObject({ color: 'grey', label: 'Monitoring degraded: alert state unknown' });
  });

  it('lists the five most urgent firing alerts, by priority then oldest', () => {
    h = alertingHarness();
    const t0 = h.clock.now();
    const alerts = [
      makeAlert({ alertname: 'A', severity: 'warning' }, 'firing', { firedAt: t0 - 1 * min }),
      makeAlert({ alertname: 'B', severity: 'critical' }, 'firing', { firedAt: t0 - 1 * min }),
      makeAlert({ alertname: 'C', severity: 'info' }, 'firing', { firedAt: t0 - 9 * min }),
      makeAlert({ alertname: 'D', severity: 'critical' }, 'firing', { firedAt: t0 - 5 * min }),
      makeAlert({ alertname: 'E', severity: 'warning' }, 'firing', { firedAt: t0 - 7 * min }),
      makeAlert({ alertname: 'F', severity: 'medium' }, 'firing', { firedAt: t0 - 2 * min }),
      makeAlert({ alertname: 'G', severity: 'info' }, 'firing', { firedAt: t0 - 8 * min }),
    ];
    h.publish(alerts);
    const tray = h.service.trayState();
    expect(tray.count).toBe(7);
    expect(tray.top.map((a) => `${a.priority} ${a.title}`)).toEqual(['P1 D', 'P1 B', 'P2 E', 'P2 A', 'P3 F']);
  });
});

describe('sound per severity; a critical page rings until acknowledged', () => {
  let h: Harness | undefined;
  afterEach(() => h?.close());

  it('rings a critical page every repeatEvery until ack, a warning once, and marks the notification', () => {
    h = alertingHarness(`alerting:
  sounds: { warning: true, repeatEvery: 1m }
  route: { group_by: [alertname] }
`);
    const onBus: SoundCue[] = [];
    h.ctx.bus.on('alerts:sound', (cue) => onBus.push(cue));
    const crit = makeAlert({ alertname: 'ApiDown', service: 'api', severity: 'critical' });
    const warn = makeAlert({ alertname: 'DiskFull', instance: 'db-1', severity: 'warning' });
    h.publish([crit, warn]);
    h.clock.advance(30 * sec);
    const [page, warning] = h.notified;
    expect(page).toMatchObject({ severity: 'critical', sound: { severity: 'critical', repeatsUntilAck: true } });
    expect(warning).toMatchObject({ severity: 'warning', sound: { severity: 'warning', repeatsUntilAck: false } });
    expect(h.played).toEqual([
      { notificationId: page!.id, severity: 'critical', repeat: 0 },
      { notificationId: warning!.id, severity: 'warning', repeat: 0 },
    ]);
    // 30 s + 3.5 min: rings again at 1, 2 and 3 minutes; the warning never again.
    h.clock.advance(3 * min + 30 * sec);
    expect(h.played.slice(2)).toEqual([1, 2, 3].map((repeat) => ({ notificationId: page!.id, severity: 'critical', repeat })));
    expect(onBus).toEqual(h.played);
    h.service.acknowledge([crit.fingerprint], 'me');
    const rang = h.played.length;
    h.clock.advance(20 * min);
    expect(h.played).toHaveLength(rang);
    expect(h.service.pager.ringing()).toEqual([]);
    // At 30 min both escalation reminders (P1 and P2) sound once each: they are not pages.
    h.clock.advance(10 * min);
    expect(h.played.slice(rang).map((c) => [c.severity, c.repeat])).toEqual([
      ['critical', 0],
      ['warning', 0],
    ]);
    h.clock.advance(10 * min);
    expect(h.played).toHaveLength(rang + 2);
  });

  it('holds rings while notifications are paused, stops when the page resolves; no sound where not configured', () => {
    h = alertingHarness(`alerting:
  sounds: { repeatEvery: 1m }
  route: { group_by: [alertname] }
`);
    const crit = makeAlert({ alertname: 'ApiDown', service: 'api', severity: 'critical' });
    const warn = makeAlert({ alertname: 'DiskFull', severity: 'warning' });
    h.publish([crit, warn]);
    h.clock.advance(90 * sec);
    expect(h.played.map((c) => c.repeat)).toEqual([0, 1]);
    expect(h.notified.find((n) => n.severity === 'warning')?.sound).toBeUndefined();
    h.service.pause(h.clock.now() + 10 * min);
    h.clock.advance(10 * min - 1);
    expect(h.played).toHaveLength(2);
    // Still unacknowledged when the pause ends: the page rings again at its next beat.
    h.clock.advance(1 * min);
    expect(h.played.map((c) => c.repeat)).toEqual([0, 1, 2]);
    // Resolving the alert ends the page.
    h.publish([warn]);
    expect(h.service.pager.ringing()).toEqual([]);
    h.clock.advance(10 * min);
    expect(h.played).toHaveLength(3);
  });
});
