import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseComposer } from '../../renderer/src/incidents/logic/composer-parse';
import { tempHome } from '../support/temp-home';
import { app, BrowserWindow, fake, fakeEvent, globalShortcut, ipcHandlers, Notification, Tray } from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));

const linkIncident = 'INC-20261203-031500-1a2b';

/** The laptop-native parts of main.ts (quick note, links, login item) against the fake electron module. */
describe('the desktop app: quick note, oncall:// links, start at login', () => {
  const t = tempHome();
  const xdg = tempHome('oncall-xdg-');
  const saved = { home: process.env.ONCALL_HOME, xdg: process.env.XDG_CONFIG_HOME, argv: process.argv };
  let main: BrowserWindow;
  const ipc = (method: string, input: unknown, url = `file://${main.loaded}`) => ipcHandlers.get(method)!({ senderFrame: { url, parent: null } }, input) as Promise<{ ok: boolean; value?: unknown; error?: { code: string } }>;
  const reload = async () => expect(await ipc('config:reload', {})).toMatchObject({ ok: true });

  beforeAll(async () => {
    process.env.ONCALL_HOME = t.home;
    process.env.XDG_CONFIG_HOME = xdg.home;
    // Started by a link (Windows/Linux pass it as an argument): it waits for the window.
    process.argv = [process.argv[0]!, 'main.cjs', `oncall://incident/${linkIncident}`];
    fake.appPath = process.cwd();
    await import('../../main/electron/main');
    app.fireReady();
    await vi.waitFor(() => expect(BrowserWindow.all.length).toBe(1));
    main = BrowserWindow.all[0]!;
  });
  afterAll(() => {
    process.env.ONCALL_HOME = saved.home;
    process.env.XDG_CONFIG_HOME = saved.xdg;
    process.argv = saved.argv;
    t.cleanup();
    xdg.cleanup();
  });

  it('registers oncall:// and opens the link it was started with on the incident screen', () => {
    expect(app.protocolClients.map((c) => c.protocol)).toEqual(['oncall']);
    // The app was not started at login, so the window shows, on the link's route.
    expect(main.loadOptions).toEqual({ hash: `/incidents/${linkIncident}` });
  });

  it('registers the default quick-note shortcut on ready; it opens a secure always-on-top composer while the main window is hidden', async () => {
    expect([...globalShortcut.registered.keys()]).toEqual(['CommandOrControl+Alt+N']);
    main.userClose();
    expect(main.visible).toBe(false);
    globalShortcut.registered.get('CommandOrControl+Alt+N')!();
    const note = BrowserWindow.all[1]!;
    expect(note.options).toMatchObject({ alwaysOnTop: true, skipTaskbar: true, show: false });
    expect(note.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, nodeIntegrationInWorker: false, webviewTag: false });
    expect(note.loaded).toBe(main.loaded);
    expect(note.loadOptions).toEqual({ hash: '/quick-note' });
    await vi.waitFor(() => expect(note.visible).toBe(true));
    expect(main.visible).toBe(false);
    // The same hardening as every window: no navigation away from the bundled page.
    const nav = fakeEvent();
    note.webContents.emit('will-navigate', nav, 'https://evil.example/');
    expect(nav.defaultPrevented).toBe(true);
    // A second press focuses the open composer instead of stacking windows.
    globalShortcut.registered.get('CommandOrControl+Alt+N')!();
    expect(BrowserWindow.all.length).toBe(2);
  });

  it('the composer writes a note and a /decision to the journal through the IPC handler it uses', async () => {
    const opened = await ipc('incidents:open', { title: 'api 5xx storm', severity: 'P2' });
    expect(opened).toMatchObject({ ok: true });
    const incidentId = (opened.value as { incident: { id: string } }).incident.id;
    const noteUrl = `file://${main.loaded}#/quick-note`;
    for (const text of ['restarted api-2', '/decision roll back to v41 | 5xx below 1% in 5 min']) {
      const intent = parseComposer(text, { incidentId });
      if (intent.kind !== 'append') throw new Error(`composer refused ${text}`);
      expect(await ipc('timeline:append', intent.input, noteUrl)).toMatchObject({ ok: true });
    }
    const detail = await ipc('incidents:get', { id: incidentId }, noteUrl);
    expect(detail).toMatchObject({ ok: true });
    const entries = (detail.value as { timeline: { kind: string; text: string; data: Record<string, unknown> | null }[] }).timeline;
    expect(entries.find((e) => e.kind === 'note' && e.text === 'restarted api-2')).toBeTruthy();
    expect(entries.find((e) => e.kind === 'decision')?.data).toMatchObject({ action: 'roll back to v41', expectation: '5xx below 1% in 5 min' });
    // A frame that is not our page still gets nothing.
    expect(await ipc('timeline:append', { kind: 'note', incidentId, text: 'x' }, 'https://evil.example/#/quick-note')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('re-registers the shortcut when config.yml changes it, and reports one that is taken', async () => {
    const config = join(t.home, 'config.yml');
    writeFileSync(config, `${readFileSync(config, 'utf8')}\ndesktop:\n  quickNoteShortcut: CommandOrControl+Alt+J\n`);
    await reload();
    expect([...globalShortcut.registered.keys()]).toEqual(['CommandOrControl+Alt+J']);
    globalShortcut.takenByOthers.add('CommandOrControl+Alt+K');
    writeFileSync(config, readFileSync(config, 'utf8').replace('Alt+J', 'Alt+K'));
    const before = Notification.shown.length;
    await reload();
    expect([...globalShortcut.registered.keys()]).toEqual([]);
    const told = Notification.shown.slice(before).map((n) => String(n.options.body));
    expect(told.some((body) => body.includes('"CommandOrControl+Alt+K" is already taken'))).toBe(true);
  });

  it('routes second-instance and open-url links to screens and refuses malformed ones with a message', () => {
    const before = Notification.shown.length;
    app.emit('second-instance', fakeEvent(), ['/opt/oncall', '--flag', 'oncall://runbook/disk-full?path=%2Fvar&incident=INC-20261203-031500-1a2b'], '/');
    expect(main.visible).toBe(true);
    expect(main.webContents.executed.at(-1)).toBe(`location.hash = ${JSON.stringify('#/runbooks/disk-full?path=%2Fvar&incident=INC-20261203-031500-1a2b')}`);
    const openUrl = fakeEvent();
    app.emit('open-url', openUrl, 'oncall://alert/0123456789abcdef');
    expect(openUrl.defaultPrevented).toBe(true);
    expect(main.webContents.executed.at(-1)).toBe(`location.hash = "#/alerts/0123456789abcdef"`);
    const executed = main.webContents.executed.length;
    app.emit('open-url', fakeEvent(), 'oncall://alert/ack?all=1');
    app.emit('second-instance', fakeEvent(), ['/opt/oncall', 'oncall://runbook/disk-full/run'], '/');
    expect(main.webContents.executed.length).toBe(executed);
    const refused = Notification.shown.slice(before).filter((n) => n.options.title === 'Link refused');
    expect(refused.map((n) => n.options.body)).toEqual(['Link refused: an alert link takes no "?" parameters.', 'Link refused: the runbook link has extra parts after the runbook: "/run".']);
  });

  it('start at login: off by default; the tray checkbox writes config.yml and the login item follows', async () => {
    const entry = join(xdg.home, 'autostart', 'oncall-console.desktop');
    const item = () => Tray.last!.menu.find((i) => i.label === 'Start at login')!;
    expect(item().checked).toBe(false);
    expect(existsSync(entry)).toBe(false);
    item().click?.({ checked: true });
    expect(readFileSync(join(t.home, 'config.yml'), 'utf8')).toMatch(/startAtLogin: true/);
    await vi.waitFor(() => expect(item().checked).toBe(true));
    if (process.platform === 'linux') {
      expect(readFileSync(entry, 'utf8')).toContain(`Exec="${process.execPath}" --hidden`);
    } else {
      expect(app.loginItem).toMatchObject({ openAtLogin: true });
    }
    item().click?.({ checked: false });
    await vi.waitFor(() => expect(item().checked).toBe(false));
    if (process.platform === 'linux') expect(existsSync(entry)).toBe(false);
    else expect(app.loginItem).toMatchObject({ openAtLogin: false });
  });

  it('releases the shortcut on quit', async () => {
    const config = join(t.home, 'config.yml');
    writeFileSync(config, readFileSync(config, 'utf8').replace('Alt+K', 'Alt+L'));
    await reload();
    expect([...globalShortcut.registered.keys()]).toEqual(['CommandOrControl+Alt+L']);
    app.emit('will-quit', { preventDefault() {} });
    expect([...globalShortcut.registered.keys()]).toEqual([]);
    await vi.waitFor(() => expect(app.quitCalled).toBeGreaterThan(0));
  });
});
