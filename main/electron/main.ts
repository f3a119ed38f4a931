// The Electron face: window, tray, native notifications and IPC around the one core.
import { app, BrowserWindow, dialog, ipcMain, Menu, nativeImage, Notification, session, shell, Tray } from 'electron';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ipcChannels } from '../../preload/contract';
import { assertHttpUrl } from '../core/app-domain';
import { createEngine, type Engine } from '../core/engine';
import { resolveHome } from '../core/home';
import { registerContract } from './ipc';
import { safeStorageSecrets } from './secrets';
import { hardenWebContents, installPermissionHandlers, isTrustedSender, secureWebPreferences } from './security';
import { TrayController } from './tray';
import { loadWindowState, saveWindowState } from './window-state';

// The app path is the project root in development and app.asar when packaged; out/ sits in both.
const outDir = join(app.getAppPath(), 'out');
const rendererIndex = join(outDir, 'renderer', 'index.html');
const preloadPath = join(outDir, 'preload', 'bridge.cjs');
const devSqliteBinding = join(outDir, 'electron-native/node_modules/better-sqlite3/build/Release/better_sqlite3.node');
const resourcesDir = app.isPackaged ? join(process.resourcesPath, 'resources') : join(app.getAppPath(), 'resources');

let engine: Engine | null = null;
let mainWindow: BrowserWindow | null = null;
let tray: TrayController | null = null;
let quitting = false;

const home = resolveHome(undefined);
// The CLI and browser mode default to this same folder, so all faces share config and journal.
app.setPath('userData', home);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => showWindow());
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, (url) => void shell.openExternal(url)));
  // The app lives in the tray: closing the window does not stop monitoring.
  app.on('window-all-closed', () => undefined);
  app.on('before-quit', () => {
    quitting = true;
  });
  app.on('will-quit', (event) => {
    if (!engine) return;
    event.preventDefault();
    const closing = engine;
    engine = null;
    tray?.destroy();
    void closing.close().finally(() => app.quit());
  });
  app.whenReady().then(start, (err: unknown) => fatal(err));
}

async function start(): Promise<void> {
  installPermissionHandlers(session.defaultSession);
  try {
    engine = createEngine({
      home,
      resourcesDir,
      watchConfig: true,
      // Packaged apps get better-sqlite3 rebuilt for Electron by electron-builder; `npm start` builds a
      // separate copy so the Node build in node_modules stays usable for tests and the CLI.
      nativeBinding: !app.isPackaged && existsSync(devSqliteBinding) ? devSqliteBinding : undefined,
      ports: {
        face: 'electron',
        notify: (n) => {
          const notification = new Notification({ title: n.title, body: n.body, urgency: n.severity === 'critical' ? 'critical' : 'normal' });
          notification.on('click', () => showWindow(n.route));
          notification.show();
        },
        openExternal: (url) => shell.openExternal(assertHttpUrl(url)),
        secrets: safeStorageSecrets(join(home, 'secrets.json')),
      },
    });
  } catch (err) {
    fatal(err);
    return;
  }
  const core = engine;
  registerContract(ipcMain, core, (event) => isTrustedSender(event, rendererIndex));
  core.bus.onAny((event, payload) => mainWindow?.webContents.send(ipcChannels.event, { event, payload }));

  tray = new TrayController({
    createTray: (icon) => new Tray(icon),
    buildMenu: (template) => Menu.buildFromTemplate(template),
    icon: nativeImage.createFromPath(join(resourcesDir, 'icons', 'tray.png')),
    openWindow: () => showWindow(),
    setPaused: (paused) => void core.invoke('monitoring:pause', { paused }),
    quit: () => app.quit(),
  });
  core.bus.on('monitoring:changed', (state) => tray?.update(state));

  showWindow();
  await core.start();
}

function showWindow(route?: string): void {
  if (mainWindow) {
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
    if (route) void mainWindow.webContents.executeJavaScript(`location.hash = ${JSON.stringify(route)}`);
    return;
  }
  const stateFile = join(home, 'window-state.json');
  const state = loadWindowState(stateFile);
  const win = new BrowserWindow({
    ...state,
    minWidth: 720,
    minHeight: 480,
    show: false,
    title: 'Oncall Console',
    backgroundColor: '#111418',
    webPreferences: secureWebPreferences(preloadPath),
  });
  if (state.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());
  win.on('close', (event) => {
    saveWindowState(stateFile, { ...win.getNormalBounds(), maximized: win.isMaximized() });
    if (!quitting) {
      // Keep running in the tray; the window is hidden, not destroyed.
      event.preventDefault();
      win.hide();
    }
  });
  win.on('closed', () => {
    mainWindow = null;
  });
  void win.loadFile(rendererIndex, route ? { hash: route.replace(/^#/, '') } : undefined);
  mainWindow = win;
}

function fatal(err: unknown): void {
  dialog.showErrorBox('Oncall Console cannot start', err instanceof Error ? err.message : String(err));
  app.exit(1);
}

