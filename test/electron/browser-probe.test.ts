import { describe, expect, it, vi } from 'vitest';
import { BrowserWindow, fake, fakeEvent, FakeWebContents, partitions, type FakeSession } from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));

const { createElectronBrowserEngine, isProbeContents } = await import('../../main/electron/browser-probe');
const { hardenProbeContents } = await import('../../main/electron/security');

const collected = { loadMs: 812, lcpMs: 640, bodyText: 'Welcome' };
const last = () => BrowserWindow.all[BrowserWindow.all.length - 1]!;
const sessionOf = (w: BrowserWindow) => w.webContents.session as FakeSession;

/** A load as Chromium reports it: the main document's status, console lines, finished sub-requests. */
function serve(status: number, extra: (c: FakeWebContents, s: FakeSession) => void = () => undefined) {
  fake.onLoadURL = (contents, url) => {
    contents.scriptResult = collected;
    contents.emit('did-navigate', fakeEvent(), url, status);
    extra(contents, contents.session as FakeSession);
    return Promise.resolve();
  };
}

describe('the Electron browser-probe engine (fake electron)', () => {
  it('loads each visit in a new hidden, sandboxed window with no preload and its own in-memory partition', async () => {
    serve(200);
    const engine = createElectronBrowserEngine();
    const first = await engine.visit('http://127.0.0.1:1/', { timeoutMs: 1000, insecure: false });
    const a = last();
    await first.dispose();
    await (await engine.visit('http://127.0.0.1:1/', { timeoutMs: 1000, insecure: false })).dispose();
    const b = last();
    expect(a).not.toBe(b);
    expect(a.options).toMatchObject({ show: false });
    const prefs = a.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, nodeIntegrationInSubFrames: false, webviewTag: false });
    expect(prefs.preload).toBeUndefined();
    const pa = prefs.partition as string;
    const pb = (b.options.webPreferences as Record<string, unknown>).partition as string;
    expect(pa).not.toBe(pb);
    expect(pa.startsWith('persist:')).toBe(false);
    // Cleaned up: window gone, storage and cache emptied, the page denied every permission.
    expect(a.destroyed).toBe(true);
    expect(sessionOf(a).cleared).toEqual({ storage: 1, cache: 1 });
    let granted: boolean | null = null;
    sessionOf(a).permissionRequest?.(null, 'geolocation', (ok: boolean) => (granted = ok));
    expect(granted).toBe(false);
    expect(isProbeContents(a.webContents as never)).toBe(true);
    expect(isProbeContents(new FakeWebContents() as never)).toBe(false);
    expect(partitions.get(pa)).toBe(sessionOf(a));
  });

  it('measures what the page did: status, JS errors (not the network log), failed sub-requests, timings and text, and a PNG', async () => {
    serve(200, (contents, ses) => {
      contents.emit('console-message', { level: 'error', message: 'Uncaught Error: checkout is undefined' });
      contents.emit('console-message', { level: 'error', message: 'Failed to load resource: the server responded with a status of 404 (Not Found)' });
      contents.emit('console-message', { level: 'warning', message: 'deprecated API' });
      ses.webRequest.completed?.({ resourceType: 'image', statusCode: 404, url: 'http://127.0.0.1:1/x.png' });
      ses.webRequest.completed?.({ resourceType: 'mainFrame', statusCode: 200, url: 'http://127.0.0.1:1/' });
      ses.webRequest.errorOccurred?.({ resourceType: 'script', error: 'net::ERR_EMPTY_RESPONSE', url: 'http://127.0.0.1:1/a.js' });
    });
    const visit = await createElectronBrowserEngine().visit('http://127.0.0.1:1/', { timeoutMs: 1000, insecure: false });
    expect(visit.measures).toEqual({
      status: 200,
      pageLoadMs: 812,
      lcpMs: 640,
      jsErrors: ['Uncaught Error: checkout is undefined'],
      failedRequests: ['404 http://127.0.0.1:1/x.png', 'net::ERR_EMPTY_RESPONSE http://127.0.0.1:1/a.js'],
      bodyText: 'Welcome',
      error: null,
      errorKind: null,
    });
    expect(last().webContents.scripts[0]).toContain('largest-contentful-paint');
    expect([...(await visit.screenshot())!.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    await visit.dispose();
  });

  it('a refused main document and a load that never finishes fail with their error kinds', async () => {
    fake.onLoadURL = (contents, url) => {
      contents.emit('did-fail-load', fakeEvent(), -102, 'ERR_CONNECTION_REFUSED', url, true);
      return Promise.reject(new Error('ERR_CONNECTION_REFUSED'));
    };
    const refused = await createElectronBrowserEngine().visit('http://127.0.0.1:1/', { timeoutMs: 1000, insecure: false });
    expect(refused.measures).toMatchObject({ status: null, error: 'net::ERR_CONNECTION_REFUSED', errorKind: 'refused', bodyText: '' });
    await refused.dispose();

    fake.onLoadURL = () => new Promise(() => undefined);
    const hung = await createElectronBrowserEngine().visit('http://127.0.0.1:1/', { timeoutMs: 30, insecure: false });
    expect(hung.measures).toMatchObject({ error: 'no load event within 30 ms', errorKind: 'timeout' });
    expect(last().webContents.stopped).toBe(1);
    await hung.dispose();
  });

  it('probe windows may follow http(s) redirects but not go to other schemes, open windows or attach webviews', () => {
    const contents = new FakeWebContents();
    hardenProbeContents(contents as never);
    const nav = (name: string, url: string) => {
      const event = Object.assign(fakeEvent(), { url });
      contents.emit(name, event);
      return event.defaultPrevented;
    };
    expect(nav('will-redirect', 'https://shop.example/')).toBe(false);
    expect(nav('will-navigate', 'http://127.0.0.1:1/next')).toBe(false);
    expect(nav('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(nav('will-redirect', 'oncall://incident/1')).toBe(true);
    const webview = fakeEvent();
    contents.emit('will-attach-webview', webview);
    expect(webview.defaultPrevented).toBe(true);
    expect(contents.windowOpenHandler?.({ url: 'https://x.example' })).toEqual({ action: 'deny' });
  });
});
