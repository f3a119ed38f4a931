// What makes the desktop app laptop-native, wired in one place so main.ts stays small: the
// quick-note shortcut, start at login, updates and the CLI on PATH. Each piece is its own module.
import { app, BrowserWindow, globalShortcut, Notification, type MenuItemConstructorOptions } from 'electron';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Engine } from '../core/engine';
import { cliArg, cliInstallDirs, installCli } from './cli-install';
import { setConfigValue } from './config-edit';
import { applyLoginItem } from './login-item';
import { QuickNote } from './quick-note';
import { currentBlocker, UpdateController, type UpdaterLike } from './updates';

export interface DesktopOptions {
  core: Engine;
  preloadPath: string;
  rendererIndex: string;
  /** The built CLI of a source checkout (out/cli/oncall.mjs); the packaged app runs itself with --oncall-cli. */
  cliScript: string;
  /** Rebuild the tray menu (its items come from menuItems()). */
  refreshMenu(): void;
}

// Kept referenced until closed: a garbage-collected Notification loses its click handler.
const shown = new Set<Notification>();

/** A plain desktop notification; its click runs the action, the only button most platforms give. */
export function tellUser(title: string, body: string, action?: { label: string; run: () => void }): void {
  const n = new Notification({ title, body, ...(action ? { actions: [{ type: 'button' as const, text: action.label }] } : {}) });
  shown.add(n);
  n.on('close', () => shown.delete(n));
  if (action) {
    n.on('click', () => action.run());
    n.on('action', () => action.run());
  }
  n.show();
}

export class Desktop {
  readonly quickNote: QuickNote;
  private updates: UpdateController | null = null;
  private startAtLogin: boolean | null = null;
  private readonly stopWatching: () => void;

  constructor(private readonly options: DesktopOptions) {
    this.quickNote = new QuickNote({
      globalShortcut,
      createWindow: (o) => new BrowserWindow(o),
      preloadPath: options.preloadPath,
      rendererIndex: options.rendererIndex,
      report: (message) => tellUser('Quick-note shortcut not set', message),
    });
    this.apply();
    // config.yml is the one place these settings live; the watcher reloads it after every edit.
    this.stopWatching = options.core.bus.on('config:changed', () => this.apply());
  }

  /** Updates exist only in a packaged app (electron-updater reads app-update.yml from its resources). */
  enableUpdates(updater: UpdaterLike): void {
    if (!this.options.core.ctx.config.current().desktop.checkForUpdates) return;
    this.updates = new UpdateController({
      updater,
      blocker: () => currentBlocker((method, input) => this.options.core.invoke(method, input)),
      notify: tellUser,
      changed: () => this.options.refreshMenu(),
    });
    void this.updates.check();
  }

  /** Items for the tray menu, between the alert items and Quit. */
  menuItems(): MenuItemConstructorOptions[] {
    const { desktop } = this.options.core.ctx.config.current();
    const update = this.updates?.state;
    return [
      { label: 'Quick note…', ...(this.quickNote.registered ? { accelerator: this.quickNote.registered } : {}), click: () => this.quickNote.open() },
      { label: 'Start at login', type: 'checkbox', checked: desktop.startAtLogin, click: (item) => this.setStartAtLogin(item.checked) },
      { label: 'Install the “oncall” command…', click: () => this.installCommand() },
      ...(update?.status === 'ready' ? [{ label: `Restart to update (${update.version})`, click: () => void this.updates?.restart() }] : []),
    ];
  }

  release(): void {
    this.stopWatching();
    this.quickNote.release();
    this.quickNote.close();
  }

  private apply(): void {
    const { desktop } = this.options.core.ctx.config.current();
    this.quickNote.apply(desktop.quickNoteShortcut);
    if (desktop.startAtLogin !== this.startAtLogin) {
      // The first apply also turns a login item off that config.yml no longer asks for.
      this.startAtLogin = desktop.startAtLogin;
      try {
        applyLoginItem({ app, platform: process.platform, execPath: process.execPath, autostartDir: join(process.env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'autostart') }, desktop.startAtLogin);
      } catch (err) {
        tellUser('Start at login', `Could not change the login item: ${(err as Error).message}`);
      }
    }
    this.options.refreshMenu();
  }

  private setStartAtLogin(enabled: boolean): void {
    try {
      setConfigValue(this.options.core.ctx.paths.config, ['desktop', 'startAtLogin'], enabled);
      this.options.core.ctx.config.reload();
    } catch (err) {
      tellUser('Start at login', (err as Error).message);
      this.options.refreshMenu();
    }
  }

  private installCommand(): void {
    const command = app.isPackaged ? [process.execPath, cliArg] : ['node', this.options.cliScript];
    try {
      const result = installCli({ platform: process.platform, dirs: cliInstallDirs(process.platform, process.env, homedir()), command, pathEnv: process.env.PATH });
      tellUser('The oncall command is installed', result.onPath ? `${result.path}: try “oncall note …” in a new terminal.` : `${result.path}. That folder is not on your PATH yet: add it in your shell profile.`);
    } catch (err) {
      tellUser('The oncall command was not installed', (err as Error).message);
    }
  }
}
