// The Electron face: window, tray, native notifications and IPC around the one core.
import { app, BrowserWindow, dialog, ipcMain, Menu, nativeImage, Notification, powerMonitor, session, shell, Tray } from 'electron';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ipcChannels, type TrayColor } from '../../preload/contract';
import { assertHttpUrl } from '../core/app-domain';
import { createEngine, type Engine } from '../core/engine';
import { resolveHome } from '../core/home';
import { beeper, followAlerts, trayAlertActions } from './alerts-glue';
import { registerContract } from './ipc';
import { powerMonitorSource } from './power';
import { createNotifier } from './notifications';
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

const trayIcons: Record<TrayColor, string> = { green: 'tray-ok.png', yellow: 'tray-warning.png', red: 'tray-critical.png', grey: 'tray-unknown.png' };

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
        notify: createNotifier({
          createNotification: (options) => new Notification(options),
          isSupported: () => Notification.isSupported(),
          // Notifications only go out once the engine runs, so it is set by the time one is clicked.
          invoke: (method, input) => (engine ? engine.invoke(method, input) : Promise.resolve({ ok: false, error: { code: 'unavailable', message: 'the console is shutting down' } })),
          showWindow,
          platform: process.platform,
        }),
        playSound: beeper(
          () => shell.beep(),
          (fn, ms) => setTimeout(fn, ms),
        ),
        openExternal: (url) => shell.openExternal(assertHttpUrl(url)),
        secrets: safeStorageSecrets(join(home, 'secrets.json')),
        power: powerMonitorSource(powerMonitor),
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
    iconFor: (color) => nativeImage.createFromPath(join(resourcesDir, 'icons', trayIcons[color])),
    setBadge: (count) => app.setBadgeCount(count),
    openWindow: () => showWindow(),
    setPaused: (paused) => void core.invoke('monitoring:pause', { paused }),
    alerts: trayAlertActions(core, (route) => showWindow(route), () => core.ctx.clock.now()),
    quit: () => app.quit(),
  });
  core.bus.on('monitoring:changed', (state) => tray?.update(state));
  followAlerts(core, tray);

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

