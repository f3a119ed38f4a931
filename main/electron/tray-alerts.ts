import type { MenuItemConstructorOptions } from 'electron';
import type { TrayState } from '../../preload/contract';
import { nextLocalTime } from '../core/alerts/quiet-hours';

export interface TrayAlertActions {
  /** Opens the window at a route such as `#/alerts/<fingerprint>`. */
  open(route: string): void;
  acknowledgeAll(): void;
  pauseNotifications(until: number | null): void;
  now(): number;
}

const dot: Record<TrayState['color'], string> = { green: '🟢', yellow: '🟡', red: '🔴', grey: '⚪' };

function time(ms: number): string {
  return new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

/**
 * The alerting part of the tray menu: the worst state, the top five firing alerts (click opens
 * one), acknowledge all, pause notifications, open the journal. Built from the core's TrayState
 * alone, so it tells the truth while the window is closed.
 */
export function alertMenuItems(state: TrayState, actions: TrayAlertActions): MenuItemConstructorOptions[] {
  const items: MenuItemConstructorOptions[] = [{ label: `${dot[state.color]} ${state.label}`, enabled: false }];
  for (const a of state.top) items.push({ label: `${a.priority} ${a.title}`.slice(0, 80), click: () => actions.open(`#/alerts/${a.fingerprint}`) });
  if (state.count > state.top.length) items.push({ label: `… and ${state.count - state.top.length} more`, click: () => actions.open('#/alerts') });
  items.push({ label: 'Acknowledge all', enabled: state.unacknowledged > 0, click: () => actions.acknowledgeAll() });
  // The time is read when the item is clicked: a menu may sit unchanged for hours before that.
  const pause: MenuItemConstructorOptions[] = [
    { label: 'For 30 minutes', click: () => actions.pauseNotifications(actions.now() + 30 * 60_000) },
    { label: 'For 1 hour', click: () => actions.pauseNotifications(actions.now() + 60 * 60_000) },
    { label: 'Until tomorrow 08:00', click: () => actions.pauseNotifications(nextLocalTime(actions.now(), 8)) },
  ];
  if (state.pausedUntil !== null) pause.push({ type: 'separator' }, { label: 'Resume notifications', click: () => actions.pauseNotifications(null) });
  items.push({ label: state.pausedUntil !== null ? `Notifications paused until ${time(state.pausedUntil)}` : 'Pause notifications', submenu: pause });
  items.push({ label: 'Open journal', click: () => actions.open('#/incidents') });
  return items;
}

export function trayTooltip(state: TrayState): string {
  const parts = [`Oncall Console: ${state.label}`];
  if (state.pausedUntil !== null) parts.push(`notifications paused until ${time(state.pausedUntil)}`);
  else if (state.quietHours) parts.push('quiet hours');
  return parts.join(' · ');
}
