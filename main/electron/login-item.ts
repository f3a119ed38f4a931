import type { App } from 'electron';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The argument a login start carries (Windows run key, Linux autostart entry): start in the tray. */
export const hiddenArg = '--hidden';

export interface LoginItemDeps {
  app: Pick<App, 'setLoginItemSettings' | 'getLoginItemSettings'>;
  platform: NodeJS.Platform;
  execPath: string;
  /** Where XDG autostart entries live on Linux: $XDG_CONFIG_HOME/autostart (usually ~/.config/autostart). */
  autostartDir: string;
}

const desktopEntryName = 'oncall-console.desktop';

/**
 * Turns "start at login" on or off (config.yml `desktop.startAtLogin`, off by default). macOS and
 * Windows have Electron's login items; on Windows the run key carries `--hidden`, on macOS the app
 * asks `wasOpenedAtLogin` instead (login items take no arguments there). Electron has no login items
 * on Linux, so there it is an XDG autostart entry, which GNOME, KDE, Xfce and others read.
 */
export function applyLoginItem(deps: LoginItemDeps, enabled: boolean): void {
  if (deps.platform === 'linux') {
    const file = join(deps.autostartDir, desktopEntryName);
    if (!enabled) return rmSync(file, { force: true });
    mkdirSync(deps.autostartDir, { recursive: true });
    writeFileSync(file, autostartEntry(deps.execPath));
    return;
  }
  deps.app.setLoginItemSettings({ openAtLogin: enabled, ...(deps.platform === 'win32' ? { path: deps.execPath, args: [hiddenArg] } : {}) });
}

/** The XDG desktop entry; Exec quotes the path as the Desktop Entry spec asks for one with spaces. */
export function autostartEntry(execPath: string): string {
  const quoted = `"${execPath.replace(/(["`$\\])/g, '\\$1')}"`;
  return ['[Desktop Entry]', 'Type=Application', 'Name=Oncall Console', 'Comment=Desktop on-call console (starts in the tray)', `Exec=${quoted} ${hiddenArg}`, 'X-GNOME-Autostart-enabled=true', 'NoDisplay=true', ''].join('\n');
}

/** Whether this start came from a login item, so the window stays hidden and the app sits in the tray. */
export function startedAtLogin(deps: Pick<LoginItemDeps, 'app' | 'platform'>, argv: readonly string[]): boolean {
  if (argv.includes(hiddenArg)) return true;
  return deps.platform === 'darwin' && deps.app.getLoginItemSettings().wasOpenedAtLogin === true;
}
