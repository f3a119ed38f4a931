// The Electron face: window, tray, native notifications and IPC around the one core.
import { app, BrowserWindow, dialog, ipcMain, Menu, nativeImage, Notification, powerMonitor, session, shell, Tray } from 'electron';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ipcChannels, type TrayColor } from '../../preload/contract';
import { assertHttpUrl } from '../core/app-domain';
import { createEngine, type Engine } from '../core/engine';
import { resolveHome } from '../core/home';
import { beeper, followAlerts, trayAlertActions } from './alerts-glue';
import { cliArgsFrom } from './cli-install';
import { Desktop, tellUser } from './desktop';
import { LinkRouter, listenForLinks } from './links';
import { startedAtLogin } from './login-item';
import { registerContract } from './ipc';
import { powerMonitorSource } from './power';
import { createNotifier } from './notifications';
import { safeStorageSecrets } from './secrets';
import { createElectronBrowserEngine, isProbeContents } from './browser-probe';
import { hardenProbeContents, hardenWebContents, installPermissionHandlers, isTrustedSender, secureWebPreferences } from './security';
import { smokeRequested, startSmoke } from './smoke';
import { TrayController } from './tray';
import { followRotation } from './tray-rotation';
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
let desktop: Desktop | null = null;
// oncall:// links wait here until the window can show them (macOS sends open-url before ready).
const links = new LinkRouter({ show: (route) => showWindow(route), refuse: (message) => tellUser('Link refused', message) });
const cliArgs = cliArgsFrom(process.argv);

const home = resolveHome(undefined);
// The CLI and browser mode default to this same folder, so all faces share config and journal.
app.setPath('userData', home);

if (cliArgs) {
  void runAsCli(cliArgs);
} else if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => showWindow());
  listenForLinks(app, links, process.argv, process.execPath);
  app.on('web-contents-created', (_event, contents) => (isProbeContents(contents) ? hardenProbeContents(contents) : hardenWebContents(contents, (url) => void shell.openExternal(url))));
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
    desktop?.release();
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
      // kind: browser targets load in a hidden sandboxed window, not a Chromium the user may not have.
      browserEngine: createElectronBrowserEngine,
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
    extraItems: () => desktop?.menuItems() ?? [],
    quit: () => app.quit(),
  });
  desktop = new Desktop({ core, preloadPath, rendererIndex, cliScript: join(outDir, 'cli', 'oncall.mjs'), refreshMenu: () => tray?.refresh() });
  if (app.isPackaged) void import('electron-updater').then(({ autoUpdater }) => desktop?.enableUpdates(autoUpdater));
  core.bus.on('monitoring:changed', (state) => tray?.update(state));
  followAlerts(core, tray);
  followRotation(core, tray);

  // A link that started the app opens the window on its screen; a start at login stays in the tray.
  links.ready();
  if (!startedAtLogin({ app, platform: process.platform }, process.argv)) showWindow();
  // `npm run smoke:electron` (docs/release.md): the app checks itself at runtime, then quits.
  if (smokeRequested(process.env) && mainWindow) {
    const window = mainWindow;
    startSmoke(app, { window, home, rendererIndex, windowCount: () => BrowserWindow.getAllWindows().length, electron: process.versions.electron ?? '?', packaged: app.isPackaged, nonce: String(Date.now()) }, process.env);
  }
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

/**
 * `APP --oncall-cli ARGS…` (the shim the tray installs into PATH): the packaged app answers as the
 * oncall CLI, with the better-sqlite3 it ships, and exits. The CLI reads its arguments from argv.
 */
async function runAsCli(args: string[]): Promise<void> {
  app.dock?.hide();
  process.argv = [process.argv[0] ?? 'oncall', 'oncall', ...args];
  try {
    await import(pathToFileURL(join(outDir, 'cli', 'oncall.mjs')).href);
    app.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
  } catch (err) {
    process.stderr.write(`oncall: ${(err as Error).message}\n`);
    app.exit(1);
  }
}

function fatal(err: unknown): void {
  dialog.showErrorBox('Oncall Console cannot start', err instanceof Error ? err.message : String(err));
  app.exit(1);
}

