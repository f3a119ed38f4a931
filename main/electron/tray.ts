import type { Menu, MenuItemConstructorOptions, NativeImage, Tray } from 'electron';
import type { MonitoringState } from '../../preload/contract';

export interface TrayDeps {
  createTray(icon: NativeImage): Tray;
  buildMenu(template: MenuItemConstructorOptions[]): Menu;
  icon: NativeImage;
  openWindow(): void;
  setPaused(paused: boolean): void;
  quit(): void;
}

/** The tray icon: always there, also while the window is closed. */
export class TrayController {
  private readonly tray: Tray;

  constructor(private readonly deps: TrayDeps) {
    this.tray = deps.createTray(deps.icon);
    this.tray.setToolTip('Oncall Console');
    this.tray.on('click', () => deps.openWindow());
    this.update({ paused: false });
  }

  /** Rebuilds the menu from the monitoring state. */
  update(state: MonitoringState): void {
    const template: MenuItemConstructorOptions[] = [
      { label: 'Open Oncall Console', click: () => this.deps.openWindow() },
      { type: 'separator' },
      { label: 'Pause monitoring', type: 'checkbox', checked: state.paused, click: (item) => this.deps.setPaused(item.checked) },
      { type: 'separator' },
      { label: 'Quit', click: () => this.deps.quit() },
    ];
    this.tray.setContextMenu(this.deps.buildMenu(template));
    this.tray.setToolTip(state.paused ? 'Oncall Console: monitoring paused' : 'Oncall Console');
  }

  destroy(): void {
    this.tray.destroy();
  }
}
