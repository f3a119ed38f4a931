/**
 * A small stand-in for the `electron` module: just enough surface for main/electron/* to run under
 * Node, recording what the glue asks Electron to do. The glue itself is type-checked against the real
 * electron.d.ts by `tsc -b`.
 */
import { EventEmitter } from 'node:events';

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
  executeJavaScript() {
    return Promise.resolve();
  }
}

export class BrowserWindow extends EventEmitter {
  static all: BrowserWindow[] = [];
  webContents = new FakeWebContents();
  loaded: string | null = null;
  visible = false;
  destroyed = false;
  constructor(readonly options: Record<string, unknown>) {
    super();
    BrowserWindow.all.push(this);
    fake.app.emit('web-contents-created', fakeEvent(), this.webContents);
  }
  loadFile(file: string) {
    this.loaded = file;
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
  isMaximized() {
    return false;
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
export const fake = { app, singleInstance: true, appPath: process.cwd() };
