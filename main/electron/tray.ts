import type { Menu, MenuItemConstructorOptions, NativeImage, Tray } from 'electron';
import type { MonitoringState, TrayColor, TrayState, WhoReport } from '../../preload/contract';
import { alertMenuItems, trayTooltip, type TrayAlertActions } from './tray-alerts';
import { rotationMenuItems } from './tray-rotation';

export interface TrayDeps {
  createTray(icon: NativeImage): Tray;
  buildMenu(template: MenuItemConstructorOptions[]): Menu;
  /** The tray icon in a state's colour. */
  iconFor(color: TrayColor): NativeImage;
  /** The dock/taskbar badge: unacknowledged firing alerts (0 clears it). */
  setBadge(count: number): void;
  openWindow(): void;
  setPaused(paused: boolean): void;
  alerts: TrayAlertActions;
  /** Desktop items (quick note, start at login, install the command, restart to update). */
  extraItems?: () => MenuItemConstructorOptions[];
  quit(): void;
}

/** Until the core reports, the state is unknown: grey, not a reassuring green. */
const starting: TrayState = { color: 'grey', count: 0, unacknowledged: 0, worst: null, label: 'Starting…', top: [], pausedUntil: null, quietHours: false, pagerSound: false };

/**
 * The tray icon: always there, also while the window is closed. Its colour, count, badge and menu
 * are rebuilt from the core's TrayState on every `alerts:changed` (throttled by the core).
 */
export class TrayController {
  private readonly tray: Tray;
  private monitoring: MonitoringState = { paused: false };
  private alerts: TrayState = starting;
  private rotation: WhoReport | null = null;
  private color: TrayColor;

  constructor(private readonly deps: TrayDeps) {
    this.color = starting.color;
    this.tray = deps.createTray(deps.iconFor(this.color));
    this.tray.on('click', () => deps.openWindow());
    this.render();
  }

  /** Rebuilds the menu from the monitoring state. */
  update(state: MonitoringState): void {
    this.monitoring = state;
    this.render();
  }

  updateAlerts(state: TrayState): void {
    this.alerts = state;
    this.render();
  }

  updateRotation(report: WhoReport | null): void {
    this.rotation = report;
    this.render();
  }

  /** Rebuilds the menu (the desktop items changed). */
  refresh(): void {
    this.render();
  }

  destroy(): void {
    this.tray.destroy();
  }

  private render(): void {
    const { deps, alerts } = this;
    const template: MenuItemConstructorOptions[] = [
      ...alertMenuItems(alerts, deps.alerts),
      { type: 'separator' },
      ...(this.rotation ? [...rotationMenuItems(this.rotation), { type: 'separator' as const }] : []),
      { label: 'Open Oncall Console', click: () => deps.openWindow() },
      { label: 'Pause monitoring', type: 'checkbox', checked: this.monitoring.paused, click: (item) => deps.setPaused(item.checked) },
      ...(deps.extraItems ? [{ type: 'separator' as const }, ...deps.extraItems()] : []),
      { type: 'separator' },
      { label: 'Quit', click: () => deps.quit() },
    ];
    this.tray.setContextMenu(deps.buildMenu(template));
    if (alerts.color !== this.color) {
      this.color = alerts.color;
      this.tray.setImage(deps.iconFor(alerts.color));
    }
    // Shown beside the icon on macOS; elsewhere the tooltip and badge carry the count.
    this.tray.setTitle(alerts.count > 0 ? String(alerts.count) : '');
    deps.setBadge(alerts.unacknowledged);
    this.tray.setToolTip(this.monitoring.paused ? `${trayTooltip(alerts)} · monitoring paused` : trayTooltip(alerts));
  }
}
