import type { BrowserWindow, BrowserWindowConstructorOptions, GlobalShortcut } from 'electron';
import { secureWebPreferences } from './security';

export interface QuickNoteDeps {
  globalShortcut: Pick<GlobalShortcut, 'register' | 'unregister'>;
  createWindow(options: BrowserWindowConstructorOptions): BrowserWindow;
  preloadPath: string;
  rendererIndex: string;
  /** A shortcut that could not be registered (taken by another app, or not an accelerator). */
  report(message: string): void;
}

/** The route of the bundled renderer that shows the compact composer (renderer/src/incidents/QuickNote.tsx). */
export const quickNoteHash = '/quick-note';

/**
 * The quick-note shortcut and its window. The window is the bundled renderer on its `#/quick-note`
 * route, so it has the same preload, CSP and IPC sender check as the main window (isTrustedSender
 * compares the file, not the hash) and writes through the same `timeline:append` handler. It does
 * not need the main window: the shortcut works while that is hidden in the tray.
 */
export class QuickNote {
  private accelerator: string | null = null;
  private window: BrowserWindow | null = null;

  constructor(private readonly deps: QuickNoteDeps) {}

  /** The accelerator registered now, or null. */
  get registered(): string | null {
    return this.accelerator;
  }

  /**
   * Registers `accelerator` (from config.yml's desktop.quickNoteShortcut), releasing the previous
   * one first; "" turns the shortcut off. A failure is reported, never silent: the engineer would
   * otherwise find out at 3 a.m. that the keystroke does nothing.
   */
  apply(accelerator: string): boolean {
    if (accelerator === this.accelerator) return true;
    this.release();
    if (accelerator === '') return true;
    let ok: boolean;
    try {
      ok = this.deps.globalShortcut.register(accelerator, () => this.open());
    } catch (err) {
      this.deps.report(`The quick-note shortcut "${accelerator}" is not a valid shortcut (${(err as Error).message}). Set desktop.quickNoteShortcut in config.yml.`);
      return false;
    }
    if (!ok) {
      this.deps.report(`The quick-note shortcut "${accelerator}" is already taken by another application. Choose another one in config.yml (desktop.quickNoteShortcut).`);
      return false;
    }
    this.accelerator = accelerator;
    return true;
  }

  /** Unregisters the shortcut (on quit, and before registering a changed one). */
  release(): void {
    if (this.accelerator !== null) this.deps.globalShortcut.unregister(this.accelerator);
    this.accelerator = null;
  }

  /** Shows the composer: a fresh window each time, so it always asks the journal for the open incidents. */
  open(): void {
    const existing = this.window;
    if (existing && !existing.isDestroyed()) {
      existing.show();
      existing.focus();
      return;
    }
    const win = this.deps.createWindow({
      width: 560,
      height: 150,
      show: false,
      alwaysOnTop: true,
      frame: false,
      resizable: false,
      minimizable: false,
      maximizable: false,
      fullscreenable: false,
      skipTaskbar: true,
      center: true,
      title: 'Quick note',
      backgroundColor: '#111418',
      webPreferences: secureWebPreferences(this.deps.preloadPath),
    });
    win.once('ready-to-show', () => {
      win.show();
      win.focus();
    });
    win.on('closed', () => {
      if (this.window === win) this.window = null;
    });
    void win.loadFile(this.deps.rendererIndex, { hash: quickNoteHash });
    this.window = win;
  }

  /** Closes the composer, if open (on quit). */
  close(): void {
    if (this.window && !this.window.isDestroyed()) this.window.destroy();
    this.window = null;
  }
}
