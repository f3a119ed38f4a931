import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { methodNames } from '../../preload/contract';
import { tempHome } from '../support/temp-home';
import { app, BrowserWindow, fake, fakeEvent, ipcHandlers, Tray, type FakeMenuItem } from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));

/** Boots main/electron/main.ts against the fake electron module with a fresh data directory. */
describe('the Electron main process', () => {
  const t = tempHome();
  const previousHome = process.env.ONCALL_HOME;
  let win: BrowserWindow;

  beforeAll(async () => {
    process.env.ONCALL_HOME = t.home;
    fake.appPath = process.cwd();
    await import('../../main/electron/main');
    app.fireReady();
    await vi.waitFor(() => expect(BrowserWindow.all.length).toBe(1));
    win = BrowserWindow.all[0]!;
  });
  afterAll(async () => {
    app.emit('will-quit', { preventDefault() {} });
    await vi.waitFor(() => expect(app.quitCalled).toBeGreaterThan(0));
    process.env.ONCALL_HOME = previousHome;
    t.cleanup();
  });

  it('shares the data directory with the CLI and creates it', () => {
    expect(app.getPath('userData')).toBe(t.home);
    expect(existsSync(join(t.home, 'config.yml'))).toBe(true);
    expect(existsSync(join(t.home, 'journal.db'))).toBe(true);
  });

  it('opens one window with the secure preferences and the bundled UI', async () => {
    const prefs = win.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webviewTag: false });
    expect(String(prefs.preload)).toMatch(/out[\\/]preload[\\/]bridge\.cjs$/);
    expect(win.loaded).toMatch(/out[\\/]renderer[\\/]index\.html$/);
    await vi.waitFor(() => expect(win.visible).toBe(true));
  });

  it('hardens the window it created (navigation blocked)', () => {
    const event = { defaultPrevented: false, preventDefault() { this.defaultPrevented = true; } };
    win.webContents.emit('will-navigate', event, 'https://evil.example');
    expect(event.defaultPrevented).toBe(true);
  });

  it('registers every contract method on ipcMain, answering only our own page', async () => {
    expect([...ipcHandlers.keys()].sort()).toEqual([...methodNames].sort());
    const ours = { senderFrame: { url: `file://${win.loaded}`, parent: null } };
    const theirs = { senderFrame: { url: 'https://evil.example/', parent: null } };
    const info = ipcHandlers.get('app:info')!;
    expect(await info(ours, {})).toMatchObject({ ok: true, value: { face: 'electron', home: t.home } });
    expect(await info(theirs, {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await ipcHandlers.get('monitoring:pause')!(ours, { paused: 'no' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('has a tray with the alert state, Open, Pause monitoring and Quit wired to the core', async () => {
    const tray = Tray.last!;
    const labels = tray.menu.map((i: FakeMenuItem) => i.label).filter(Boolean);
    expect(labels).toEqual(expect.arrayContaining(['Acknowledge all', 'Pause notifications', 'Open journal', 'Open Oncall Console', 'Pause monitoring', 'Quit']));
    // Once the core reports (nothing firing in a fresh home), the icon turns from unknown to green.
    await vi.waitFor(() => expect((tray.icon as { path: string }).path).toMatch(/icons[\\/]tray-ok\.png$/));
    expect(tray.menu[0]!.label).toBe('🟢 All clear');
    expect(app.badge).toBe(0);
    const pause = tray.menu.find((i) => i.label === 'Pause monitoring')!;
    pause.click?.({ checked: true });
    const ours = { senderFrame: { url: `file://${win.loaded}`, parent: null } };
    await vi.waitFor(async () => expect(await ipcHandlers.get('monitoring:state')!(ours, {})).toEqual({ ok: true, value: { paused: true } }));
    // The menu is rebuilt from the core's event, so the checkbox tells the truth.
    await vi.waitFor(() => expect(Tray.last!.menu.find((i) => i.label === 'Pause monitoring')?.checked).toBe(true));
    expect(win.webContents.sent.some((s) => s.channel === 'oncall:event' && (s.payload as { event: string }).event === 'monitoring:changed')).toBe(true);
  });

  it('keeps running in the tray when the window closes, and remembers its place', () => {
    const event = win.userClose();
    expect(event.defaultPrevented).toBe(true);
    expect(win.visible).toBe(false);
    expect(JSON.parse(readFileSync(join(t.home, 'window-state.json'), 'utf8'))).toEqual({ x: 10, y: 20, width: 1000, height: 700, maximized: false });
    Tray.last!.menu.find((i) => i.label === 'Open Oncall Console')?.click?.({ checked: false });
    expect(win.visible).toBe(true);
    expect(BrowserWindow.all.length).toBe(1);
  });

  it('hardens a browser-probe window as a probe (it may follow an https redirect), the UI window as the UI', async () => {
    const { createElectronBrowserEngine } = await import('../../main/electron/browser-probe');
    fake.onLoadURL = () => new Promise<void>(() => undefined);
    const visiting = createElectronBrowserEngine().visit('http://127.0.0.1:1/', { timeoutMs: 20, insecure: false });
    const probe = BrowserWindow.all[BrowserWindow.all.length - 1]!;
    expect(probe).not.toBe(win);
    const redirect = (w: BrowserWindow, url: string) => {
      const event = Object.assign(fakeEvent(), { url });
      w.webContents.emit('will-redirect', event);
      return event.defaultPrevented;
    };
    expect(redirect(probe, 'https://shop.example/')).toBe(false);
    expect(redirect(probe, 'file:///etc/passwd')).toBe(true);
    expect(redirect(win, 'https://shop.example/')).toBe(true);
    await (await visiting).dispose();
    expect(probe.destroyed).toBe(true);
  });
});
