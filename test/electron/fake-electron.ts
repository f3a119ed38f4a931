/**
 * A small stand-in for the `electron` module: just enough surface for main/electron/* to run under
 * Node, recording what the glue asks Electron to do. The glue itself is type-checked against the real
 * electron.d.ts by `tsc -b`.
 */
import { EventEmitter } from 'node:events';
import { pathToFileURL } from 'node:url';

type Handler = (...args: unknown[]) => unknown;

export interface FakeEvent {
  defaultPrevented: boolean;
  preventDefault(): void;
}

export function fakeEvent(): FakeEvent {
  return {
    defaultPrevented: false,
    preventDefault() {
      this.defaultPrevented = true;
    },
  };
}

export class FakeWebContents extends EventEmitter {
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  sent: { channel: string; payload: unknown }[] = [];
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.windowOpenHandler = handler;
  }
  send(channel: string, payload: unknown) {
    this.sent.push({ channel, payload });
  }
  /** The window's webPreferences, as Electron's runtime getLastWebPreferences() returns them. */
  preferences: Record<string, unknown> | null = null;
  url = '';
  getLastWebPreferences() {
    return this.preferences;
  }
  getURL() {
    return this.url;
  }
  /** The session the contents belong to (set from webPreferences.partition by BrowserWindow). */
  session: unknown = session.defaultSession;
  audioMuted = false;
  stopped = 0;
  /** What executeJavaScript resolves to (browser-probe tests set the page's collected facts). */
  scriptResult: unknown = undefined;
  scripts: string[] = [];
  /** The same scripts, under the name the desktop tests read. */
  get executed(): string[] {
    return this.scripts;
  }
  executeJavaScript(code?: string) {
    if (code !== undefined) this.scripts.push(code);
    // Smoke tests install a page that evaluates the script; browser-probe tests set a fixed result.
    return Promise.resolve(fakePage.evaluate ? fakePage.evaluate(code ?? '', this) : this.scriptResult);
  }
  /** A test drives a page load through `fake.onLoadURL`; by default it never finishes. */
  loadURL(url: string): Promise<void> {
    return fake.onLoadURL(this, url);
  }
  stop() {
    this.stopped++;
  }
  setAudioMuted(muted: boolean) {
    this.audioMuted = muted;
  }
  capturePage() {
    return Promise.resolve({ toPNG: () => Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) });
  }
}

/** A session from session.fromPartition, recording what the glue set on it. */
export class FakeSession extends EventEmitter {
  permissionRequest: Handler | null = null;
  permissionCheck: Handler | null = null;
  certificateVerify: Handler | null = null;
  cleared = { storage: 0, cache: 0 };
  webRequest = {
    completed: null as Handler | null,
    errorOccurred: null as Handler | null,
    onCompleted(h: Handler | null) {
      this.completed = h;
    },
    onErrorOccurred(h: Handler | null) {
      this.errorOccurred = h;
    },
  };
  constructor(
    readonly partition: string,
    readonly options: unknown,
  ) {
    super();
  }
  setPermissionRequestHandler(h: Handler) {
    this.permissionRequest = h;
  }
  setPermissionCheckHandler(h: Handler) {
    this.permissionCheck = h;
  }
  setCertificateVerifyProc(h: Handler) {
    this.certificateVerify = h;
  }
  clearStorageData() {
    this.cleared.storage++;
    return Promise.resolve();
  }
  clearCache() {
    this.cleared.cache++;
    return Promise.resolve();
  }
}
export const partitions = new Map<string, FakeSession>();

/** What the page answers to executeJavaScript: nothing unless a test installs a page (see smoke tests). */
export const fakePage: { evaluate: ((code: string, contents: FakeWebContents) => unknown) | null } = { evaluate: null };

export class BrowserWindow extends EventEmitter {
  static all: BrowserWindow[] = [];
  webContents = new FakeWebContents();
  loaded: string | null = null;
  visible = false;
  destroyed = false;
  constructor(readonly options: Record<string, unknown>) {
    super();
    const partition = (options.webPreferences as { partition?: string } | undefined)?.partition;
    if (partition) this.webContents.session = session.fromPartition(partition);
    BrowserWindow.all.push(this);
    this.webContents.preferences = (options.webPreferences as Record<string, unknown> | undefined) ?? null;
    fake.app.emit('web-contents-created', fakeEvent(), this.webContents);
  }
  static getAllWindows() {
    return BrowserWindow.all.filter((w) => !w.destroyed);
  }
  loadOptions: { hash?: string } | undefined;
  loadFile(file: string, options?: { hash?: string }) {
    this.loaded = file;
    this.loadOptions = options;
    this.webContents.url = pathToFileURL(file).href;
    queueMicrotask(() => this.emit('ready-to-show'));
    return Promise.resolve();
  }
  show() {
    this.visible = true;
  }
  hide() {
    this.visible = false;
  }
  focus() {}
  restore() {}
  maximize() {}
  isMinimized() {
    return false;
  }
  isDestroyed() {
    return this.destroyed;
  }
  destroy() {
    this.destroyed = true;
    this.emit('closed');
  }
  isMaximized() {
    return false;
  }
  isVisible() {
    return this.visible;
  }
  getNormalBounds() {
    return { x: 10, y: 20, width: 1000, height: 700 };
  }
  /** What a user closing the window triggers. */
  userClose() {
    const event = fakeEvent();
    this.emit('close', event);
    if (!event.defaultPrevented) {
      this.destroyed = true;
      this.emit('closed');
    }
    return event;
  }
}

export interface FakeMenuItem {
  label?: string;
  type?: string;
  checked?: boolean;
  enabled?: boolean;
  submenu?: FakeMenuItem[];
  click?: (item: { checked: boolean }) => void;
}

export class Tray extends EventEmitter {
  static last: Tray | null = null;
  menu: FakeMenuItem[] = [];
  tooltip = '';
  title = '';
  destroyed = false;
  constructor(public icon: unknown) {
    super();
    Tray.last = this;
  }
  setContextMenu(menu: { items: FakeMenuItem[] }) {
    this.menu = menu.items;
  }
  setToolTip(text: string) {
    this.tooltip = text;
  }
  setImage(icon: unknown) {
    this.icon = icon;
  }
  setTitle(text: string) {
    this.title = text;
  }
  destroy() {
    this.destroyed = true;
  }
}

export const Menu = { buildFromTemplate: (items: FakeMenuItem[]) => ({ items }) };

export class Notification extends EventEmitter {
  static shown: Notification[] = [];
  closed = false;
  constructor(readonly options: Record<string, unknown>) {
    super();
  }
  static isSupported() {
    return true;
  }
  show() {
    Notification.shown.push(this);
  }
  close() {
    this.closed = true;
  }
}

class FakeApp extends EventEmitter {
  isPackaged = false;
  paths = new Map<string, string>();
  quitCalled = 0;
  exitCode: number | null = null;
  private readyResolve: () => void = () => undefined;
  private readonly ready = new Promise<void>((r) => (this.readyResolve = r));
  requestSingleInstanceLock() {
    return fake.singleInstance;
  }
  setPath(name: string, value: string) {
    this.paths.set(name, value);
  }
  getPath(name: string) {
    return this.paths.get(name) ?? `/fake/${name}`;
  }
  getAppPath() {
    return fake.appPath;
  }
  whenReady() {
    return this.ready;
  }
  fireReady() {
    this.readyResolve();
  }
  quit() {
    this.quitCalled++;
  }
  exit(code: number) {
    this.exitCode = code;
  }
  protocolClients: { protocol: string; path?: string; args?: string[] }[] = [];
  setAsDefaultProtocolClient(protocol: string, path?: string, args?: string[]) {
    this.protocolClients.push({ protocol, ...(path ? { path } : {}), ...(args ? { args } : {}) });
    return true;
  }
  loginItem: Record<string, unknown> = { openAtLogin: false };
  setLoginItemSettings(settings: Record<string, unknown>) {
    this.loginItem = { ...settings };
  }
  getLoginItemSettings() {
    return { ...this.loginItem, wasOpenedAtLogin: false };
  }
  badge = 0;
  setBadgeCount(count: number) {
    this.badge = count;
    return true;
  }
}

export const ipcHandlers = new Map<string, Handler>();
export const ipcMain = {
  handle(channel: string, handler: Handler) {
    if (ipcHandlers.has(channel)) throw new Error(`second handler for ${channel}`);
    ipcHandlers.set(channel, handler);
  },
};

export const permissionHandlers: { request: Handler | null; check: Handler | null } = { request: null, check: null };
export const session = {
  fromPartition(partition: string, options?: unknown): FakeSession {
    let s = partitions.get(partition);
    if (!s) partitions.set(partition, (s = new FakeSession(partition, options)));
    return s;
  },
  defaultSession: {
    setPermissionRequestHandler(h: Handler) {
      permissionHandlers.request = h;
    },
    setPermissionCheckHandler(h: Handler) {
      permissionHandlers.check = h;
    },
  },
};

export const shell = {
  opened: [] as string[],
  beeps: 0,
  beep() {
    shell.beeps++;
  },
  openExternal(url: string) {
    shell.opened.push(url);
    return Promise.resolve();
  },
};

export const dialog = {
  errors: [] as string[][],
  showErrorBox(title: string, message: string) {
    dialog.errors.push([title, message]);
  },
};

export const nativeImage = { createFromPath: (path: string) => ({ path }), createFromBuffer: () => ({}) };
export const safeStorage = {
  /** What Linux picked: 'basic_text' means no keyring was found. Tests set it. */
  backend: 'gnome_libsecret' as 'basic_text' | 'gnome_libsecret',
  getSelectedStorageBackend() {
    return this.backend;
  },
  isEncryptionAvailable: () => true,
  encryptString: (s: string) => Buffer.from(`enc:${s}`),
  decryptString: (b: Buffer) => b.toString().replace(/^enc:/, ''),
};

/** Accelerators taken by "another application": register() returns false for them. */
export const globalShortcut = {
  registered: new Map<string, () => void>(),
  takenByOthers: new Set<string>(),
  register(accelerator: string, callback: () => void) {
    if (!/^[A-Za-z0-9]+(\+[A-Za-z0-9]+)*$/.test(accelerator)) throw new Error(`invalid accelerator "${accelerator}"`);
    if (this.takenByOthers.has(accelerator) || this.registered.has(accelerator)) return false;
    this.registered.set(accelerator, callback);
    return true;
  },
  unregister(accelerator: string) {
    this.registered.delete(accelerator);
  },
  unregisterAll() {
    this.registered.clear();
  },
};

/** Electron's powerMonitor: tests set `onBattery` and emit 'on-battery' / 'on-ac'. */
class FakePowerMonitor extends EventEmitter {
  onBattery = false;
  isOnBatteryPower() {
    return this.onBattery;
  }
}
export const powerMonitor = new FakePowerMonitor();

export const app = new FakeApp();

/** Knobs a test sets before importing main.ts. */
export const fake = {
  app,
  singleInstance: true,
  appPath: process.cwd(),
  onLoadURL: (_contents: FakeWebContents, _url: string): Promise<void> => new Promise<void>(() => undefined),
};
