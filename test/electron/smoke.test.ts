import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { smokeReportFile, type SmokeReport } from '../../main/electron/smoke-report';
import { cspProblems, isolationProblems, runSmoke, startSmoke, webPreferenceProblems } from '../../main/electron/smoke';
import { projectRoot } from '../support/cli';
import { tempHome } from '../support/temp-home';
import { journalProblems } from '../smoke/journal-check';
import { app, BrowserWindow, fake, fakeEvent, fakePage, ipcHandlers, type FakeWebContents } from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));

/** The policy renderer/index.html really ships, so the CSP check is tried on the real thing. */
const shippedPolicy = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(readFileSync(join(projectRoot, 'renderer/index.html'), 'utf8'))?.[1] ?? '';

interface PageOptions {
  /** Node globals the page can see (a window without contextIsolation / with nodeIntegration). */
  nodeGlobals?: boolean;
  /** Strings may become code (a page without a CSP that forbids eval). */
  evalAllowed?: boolean;
  policy?: string | null;
  bridge?: Record<string, unknown>;
}

/**
 * A page for the fake webContents: the smoke's scripts really run (node:vm), against a window whose
 * `oncall` bridge goes to the registered ipcMain handlers as the preload would, whose location
 * setter raises will-navigate, and whose window.open asks the window-open handler.
 */
function installPage(options: PageOptions = {}): void {
  fakePage.evaluate = (code: string, contents: FakeWebContents) => {
    const frame = { senderFrame: { url: contents.url, parent: null } };
    const bridge = options.bridge ?? {
      invoke: (method: string, input: unknown) => (ipcHandlers.get(method) ?? (() => ({ ok: false, error: { code: 'unknown_method' } })))(frame, input ?? {}),
      on: () => () => undefined,
    };
    const policy = options.policy === undefined ? shippedPolicy : options.policy;
    const page: Record<string, unknown> = {
      oncall: bridge,
      document: { readyState: 'complete', querySelector: (selector: string) => (selector.includes('Content-Security-Policy') && policy !== null ? { getAttribute: () => policy } : null) },
      location: {
        get href() {
          return contents.url;
        },
        set href(url: string) {
          const event = fakeEvent();
          contents.emit('will-navigate', event, url);
          if (!event.defaultPrevented) contents.url = url;
        },
      },
      open: (url: string) => {
        const answer = contents.windowOpenHandler?.({ url }) ?? { action: 'allow' };
        return answer.action === 'deny' ? null : new BrowserWindow({});
      },
      ...(options.nodeGlobals ? { require: () => ({}), process: {}, module: {} } : {}),
    };
    page.window = page;
    return vm.runInContext(code, vm.createContext(page, { codeGeneration: { strings: options.evalAllowed === true, wasm: false } }));
  };
}

describe('the smoke checks, one by one', () => {
  it('accept the hardened preferences and name each weakened one', () => {
    expect(webPreferenceProblems({ contextIsolation: true, sandbox: true, nodeIntegration: false })).toEqual([]);
    expect(webPreferenceProblems({ contextIsolation: false, sandbox: true, nodeIntegration: true, webviewTag: true })).toEqual(['contextIsolation is not on', 'nodeIntegration is on', 'webviewTag is on']);
    expect(webPreferenceProblems(null)).toEqual(['the window reports no webPreferences']);
  });

  it('find Node in the page and a bridge that exposes more than invoke and on', () => {
    expect(isolationProblems({ require: 'undefined', process: 'undefined', module: 'undefined', bridge: ['invoke', 'on'] })).toEqual([]);
    expect(isolationProblems({ require: 'function', process: 'undefined', module: 'undefined', bridge: ['invoke', 'ipcRenderer', 'on'] })).toEqual([
      'the page can see require (function)',
      'window.oncall exposes ["invoke","ipcRenderer","on"], expected ["invoke","on"]',
    ]);
  });

  it('read the CSP: the shipped policy passes, a missing one or unsafe-eval does not', () => {
    expect(shippedPolicy).toContain("script-src 'self'");
    expect(cspProblems({ policy: shippedPolicy, eval: 'blocked: EvalError' })).toEqual([]);
    expect(cspProblems({ policy: null, eval: 'evaluated' })).toEqual(['the page has no Content-Security-Policy']);
    expect(cspProblems({ policy: "default-src 'self'; script-src 'self' 'unsafe-eval'", eval: 'evaluated' })).toEqual(["script-src allows 'unsafe-eval'", 'eval ran in the page (evaluated)']);
    // Without script-src, default-src governs scripts.
    expect(cspProblems({ policy: "default-src *; style-src 'self'", eval: 'blocked: EvalError' })).toEqual(['script-src allows *']);
  });
});

describe('smoke mode in the Electron main process (fake electron)', () => {
  const t = tempHome();
  const previous = { home: process.env.ONCALL_HOME, smoke: process.env.ONCALL_SMOKE };
  let report: SmokeReport;

  beforeAll(async () => {
    process.env.ONCALL_HOME = t.home;
    process.env.ONCALL_SMOKE = '1';
    fake.appPath = process.cwd();
    installPage();
    await import('../../main/electron/main');
    app.fireReady();
    const file = join(t.home, smokeReportFile);
    await vi.waitFor(() => expect(existsSync(file)).toBe(true), { timeout: 20_000 });
    report = JSON.parse(readFileSync(file, 'utf8')) as SmokeReport;
  }, 30_000);
  afterAll(() => {
    process.env.ONCALL_HOME = previous.home;
    process.env.ONCALL_SMOKE = previous.smoke;
    fakePage.evaluate = null;
    t.cleanup();
  });

  it('runs every check against the real main.ts wiring and passes', () => {
    expect(report.checks.map((c) => `${c.ok ? 'ok' : 'FAIL'} ${c.name}`)).toEqual([
      'ok window-shown',
      'ok web-preferences',
      'ok renderer-isolation',
      'ok csp',
      'ok contract-round-trip',
      'ok journal-write',
      'ok navigation-blocked',
      'ok window-open-denied',
      'ok bundled-ui',
    ]);
    expect(report.ok).toBe(true);
    expect(app.quitCalled).toBeGreaterThan(0);
  });

  it('quits through the normal path with exit 0, and the note it wrote through IPC is in journal.db', async () => {
    app.emit('will-quit', { preventDefault() {} });
    app.emit('quit');
    expect(app.exitCode).toBeNull();
    // The engine closes asynchronously after will-quit; the launcher reads the file only after exit.
    await vi.waitFor(() => expect(journalProblems(t.home, report.journal)).toEqual([]));
    expect(report.journal?.text).toMatch(/^smoke test note \d+$/);
    expect(journalProblems(t.home, { ...report.journal!, text: 'something else' })).toEqual([expect.stringContaining('expected "something else"')]);
  });

  it('names every check a weakened window fails, and quits with exit 1', async () => {
    const win = new BrowserWindow({ webPreferences: { contextIsolation: false, sandbox: true, nodeIntegration: true } });
    void win.loadFile(join(projectRoot, 'out/renderer/index.html'));
    // main.ts hardened it on creation; undo that, as a window that missed hardenWebContents would be.
    win.webContents.removeAllListeners('will-navigate');
    win.webContents.windowOpenHandler = null;
    installPage({ nodeGlobals: true, evalAllowed: true, policy: "default-src *", bridge: { invoke: () => Promise.resolve({ ok: false, error: { code: 'forbidden' } }), on: () => undefined, ipcRenderer: {} } });
    const deps = { window: win, home: t.home, rendererIndex: join(projectRoot, 'out/renderer/index.html'), windowCount: () => BrowserWindow.getAllWindows().length, electron: 'fake', packaged: false, nonce: 'x', settleMs: 0 };
    const weak = await runSmoke(deps);
    expect(weak.checks.filter((c) => !c.ok).map((c) => c.name)).toEqual(['web-preferences', 'renderer-isolation', 'csp', 'contract-round-trip', 'journal-write', 'navigation-blocked', 'window-open-denied', 'bundled-ui']);
    expect(weak.checks.find((c) => c.name === 'navigation-blocked')?.detail).toBe('will-navigate to https://smoke.invalid/ was not prevented');
    // The navigation went through, so the window no longer shows the bundled UI either.
    expect(weak.checks.find((c) => c.name === 'bundled-ui')?.detail).toMatch(/^the window shows https:\/\/smoke\.invalid\/, expected file:/);
    expect(weak.ok).toBe(false);

    // startSmoke writes the report and turns the exit code to 1 when the app quits.
    const quitting = { on: vi.fn(), quit: vi.fn(), exit: vi.fn() };
    win.show(); // ready-to-show fires once; a second run finds the window already shown
    startSmoke(quitting, deps, { ONCALL_HOME: t.home });
    await vi.waitFor(() => expect(quitting.quit).toHaveBeenCalled());
    expect((JSON.parse(readFileSync(join(t.home, smokeReportFile), 'utf8')) as SmokeReport).ok).toBe(false);
    const [event, onQuit] = quitting.on.mock.calls[0] as [string, () => void];
    expect(event).toBe('quit');
    onQuit();
    expect(quitting.exit).toHaveBeenCalledWith(1);
  });

  it('refuses to run without an explicit ONCALL_HOME, so a stray ONCALL_SMOKE=1 never writes into a real journal', () => {
    const quitting = { on: vi.fn(), quit: vi.fn(), exit: vi.fn() };
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    startSmoke(quitting, { window: BrowserWindow.all[0]!, home: t.home, rendererIndex: '', windowCount: () => 1, electron: 'fake', packaged: false, nonce: 'y' }, {});
    expect(quitting.exit).toHaveBeenCalledWith(2);
    expect(errors).toHaveBeenCalledWith(expect.stringContaining('needs ONCALL_HOME'));
    errors.mockRestore();
  });
});
