import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { nextLocalTime } from '../../main/core/alerts/quiet-hours';
import { createEngine, type Engine } from '../../main/core/engine';
import { beeper, followAlerts, trayAlertActions } from '../../main/electron/alerts-glue';
import { createNotifier } from '../../main/electron/notifications';
import { TrayController } from '../../main/electron/tray';
import type { AlertsList, NotificationPayload, NotificationState } from '../../preload/contract';
import { FakeClock } from '../support/fake-clock';
import { tempHome } from '../support/temp-home';
import { makeAlert } from '../unit/alerts/harness';
import { app, Menu, Notification, Tray, type FakeMenuItem } from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));

const min = 60_000;

/** The Electron alert glue against a real engine (fake clock, temp data directory) and the fake electron classes. */
describe('alerting glue in the Electron main process', () => {
  let t: ReturnType<typeof tempHome>;
  let clock: FakeClock;
  let engine: Engine;
  let notify: (n: NotificationPayload) => void = () => undefined;
  const shownRoutes: (string | undefined)[] = [];

  const value = async <T,>(method: string, input: unknown = {}): Promise<T> => {
    const result = await engine.invoke(method, input);
    if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
    return result.value as T;
  };
  const publish = (alerts: ReturnType<typeof makeAlert>[]) => engine.ctx.alerts.publish('rule', 'test.yml', alerts);
  /** Lets a tray click's async core call finish, then passes the core's 200 ms event throttle. */
  const settle = async () => {
    await new Promise((r) => setImmediate(r));
    clock.advance(250);
  };

  beforeEach(async () => {
    t = tempHome();
    clock = new FakeClock();
    shownRoutes.length = 0;
    Notification.shown.length = 0;
    engine = createEngine({
      home: t.home,
      resourcesDir: join(process.cwd(), 'resources'),
      clock,
      ports: { face: 'electron', notify: (n) => notify(n), openExternal: () => Promise.resolve() },
    });
    await engine.start();
  });
  afterEach(async () => {
    await engine.close();
    t.cleanup();
  });

  const notifier = (platform: NodeJS.Platform) =>
    createNotifier({
      createNotification: (options) => new Notification(options as Record<string, unknown>) as never,
      isSupported: () => Notification.isSupported(),
      invoke: (method, input) => engine.invoke(method, input),
      showWindow: (route) => shownRoutes.push(route),
      platform,
    });

  it('shows one silent notification per group with Acknowledge and Open actions that call the core (macOS)', async () => {
    notify = notifier('darwin');
    const down = makeAlert({ alertname: 'PaymentsDown', service: 'payments', severity: 'critical' });
    publish([down]);
    clock.advance(30_000);
    expect(Notification.shown).toHaveLength(1);
    const n = Notification.shown[0]!;
    expect(n.options).toMatchObject({
      title: expect.stringContaining('PaymentsDown') as string,
      urgency: 'critical',
      silent: true,
      actions: [
        { type: 'button', text: 'Acknowledge' },
        { type: 'button', text: 'Open' },
      ],
    });
    n.emit('action', {}, 1);
    expect(shownRoutes).toEqual([`#/alerts/${down.fingerprint}`]);
    n.emit('action', {}, 0);
    await vi.waitFor(async () => expect((await value<AlertsList>('alerts:list')).alerts[0]).toMatchObject({ fingerprint: down.fingerprint, acknowledged: true }));
    // Acknowledged: no reminder at repeat_interval (escalation reminders still come, by design).
    clock.advance(5 * 3_600_000);
    expect(Notification.shown.map((s) => s.options.title)).toEqual(['P1: PaymentsDown (payments)', 'Escalate to level 2: On-call SRE', 'Escalate to level 3: Lead engineer']);
  });

  it('has no action buttons where the OS ignores them; a click opens the alert', () => {
    notify = notifier('linux');
    const disk = makeAlert({ alertname: 'QueueBacklog', instance: 'mq-1', severity: 'warning' });
    publish([disk]);
    clock.advance(30_000);
    const n = Notification.shown[0]!;
    expect(n.options.actions).toBeUndefined();
    expect(n.options).toMatchObject({ urgency: 'normal' });
    n.emit('click');
    expect(shownRoutes).toEqual([`#/alerts/${disk.fingerprint}`]);
  });

  it('keeps the tray icon, count, badge and menu in step with the core, and its items act on the core', async () => {
    const opened: string[] = [];
    let quits = 0;
    const tray = new TrayController({
      createTray: (icon) => new Tray(icon) as never,
      buildMenu: (template) => Menu.buildFromTemplate(template as FakeMenuItem[]) as never,
      iconFor: (color) => ({ color }) as never,
      setBadge: (count) => app.setBadgeCount(count),
      openWindow: () => opened.push('window'),
      setPaused: () => undefined,
      alerts: trayAlertActions(engine, (route) => opened.push(route), () => clock.now()),
      quit: () => quits++,
    });
    const stop = followAlerts(engine, tray);
    const fake = Tray.last!;
    const item = (label: string) => fake.menu.find((i) => i.label === label);
    const labels = () => fake.menu.map((i) => i.label ?? '-');
    // Unknown until the core reports.
    expect(fake.icon).toEqual({ color: 'grey' });
    clock.advance(250);
    expect(fake.icon).toEqual({ color: 'green' });
    expect(labels()[0]).toBe('🟢 All clear');
    expect(app.badge).toBe(0);

    const disk = makeAlert({ alertname: 'QueueBacklog', instance: 'mq-1', severity: 'warning' });
    const down = makeAlert({ alertname: 'PaymentsDown', service: 'payments', severity: 'critical' });
    publish([disk]);
    clock.advance(250);
    expect([fake.icon, fake.title, app.badge]).toEqual([{ color: 'yellow' }, '1', 1]);
    publish([disk, down]);
    clock.advance(250);
    expect([fake.icon, fake.title, app.badge]).toEqual([{ color: 'red' }, '2', 2]);
    expect(labels().slice(0, 3)).toEqual(['🔴 2 firing (2 unacknowledged), worst P1', 'P1 PaymentsDown (payments)', 'P2 QueueBacklog (mq-1)']);
    expect(labels().slice(-6)).toEqual(['Open journal', '-', 'Open Oncall Console', 'Pause monitoring', '-', 'Quit']);
    item('P1 PaymentsDown (payments)')!.click!({ checked: false });
    expect(opened).toEqual([`#/alerts/${down.fingerprint}`]);

    item('Acknowledge all')!.click!({ checked: false });
    await settle();
    expect((await value<AlertsList>('alerts:list')).alerts.every((a) => a.acknowledged)).toBe(true);
    expect([fake.icon, fake.title, app.badge]).toEqual([{ color: 'red' }, '2', 0]);
    expect(item('Acknowledge all')!.enabled).toBe(false);

    // The pause is measured from the click, not from when the menu was built.
    clock.advance(10 * min);
    const pause = () => item('Pause notifications') ?? fake.menu.find((i) => i.label?.startsWith('Notifications paused until'))!;
    pause().submenu!.find((i) => i.label === 'For 30 minutes')!.click!({ checked: false });
    await settle();
    expect((await value<NotificationState>('alerts:notification-state')).pausedUntil).toBe(clock.now() - 250 + 30 * min);
    expect(pause().label).toMatch(/^Notifications paused until /);
    expect(fake.tooltip).toContain('notifications paused until');
    pause().submenu!.find((i) => i.label === 'For 1 hour')!.click!({ checked: false });
    await settle();
    expect((await value<NotificationState>('alerts:notification-state')).pausedUntil).toBe(clock.now() - 250 + 60 * min);
    pause().submenu!.find((i) => i.label === 'Until tomorrow 08:00')!.click!({ checked: false });
    await settle();
    expect((await value<NotificationState>('alerts:notification-state')).pausedUntil).toBe(nextLocalTime(clock.now() - 250, 8));
    pause().submenu!.find((i) => i.label === 'Resume notifications')!.click!({ checked: false });
    await settle();
    expect((await value<NotificationState>('alerts:notification-state')).pausedUntil).toBeNull();
    expect(pause().label).toBe('Pause notifications');

    item('Open journal')!.click!({ checked: false });
    item('Open Oncall Console')!.click!({ checked: false });
    item('Quit')!.click!({ checked: false });
    expect(opened.slice(1)).toEqual(['#/incidents', 'window']);
    expect(quits).toBe(1);

    // The console going blind turns the icon grey.
    engine.ctx.alerts.publish('system', 'console', [makeAlert({ alertname: 'MonitoringDegraded', reason: 'no network', severity: 'warning' }, 'firing', { source: 'system' })]);
    clock.advance(250);
    expect(fake.icon).toEqual({ color: 'grey' });
    stop();
    tray.destroy();
  });

  it('beeps per severity: critical three times, warning twice, info once', () => {
    let beeps = 0;
    const play = beeper(
      () => beeps++,
      (fn) => fn(),
    );
    const count = (severity: 'critical' | 'warning' | 'info') => {
      beeps = 0;
      play({ notificationId: 'n1', severity, repeat: 0 });
      return beeps;
    };
    expect([count('critical'), count('warning'), count('info')]).toEqual([3, 2, 1]);
  });
});
