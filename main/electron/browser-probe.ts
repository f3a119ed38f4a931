// The desktop app's engine for `kind: browser` targets: a hidden BrowserWindow per visit, as locked
// down as a window showing a stranger's page should be, in a session of its own that nothing outlives.
import { BrowserWindow, session as sessions, type Session, type WebContents, type WebPreferences } from 'electron';
import { randomUUID } from 'node:crypto';
import { collectScript, isNetworkLogLine, pageMeasures, type BrowserEngine, type CollectedInPage, type PageMeasures, type VisitOptions } from '../core/probes/browser/engine';

const probeSessions = new WeakSet<Session>();

/** main.ts hardens probe windows with hardenProbeContents instead of the UI's rules (they must follow redirects). */
export function isProbeContents(contents: WebContents): boolean {
  return probeSessions.has(contents.session);
}

/** The page gets nothing of the app: no preload, no Node, Chromium's sandbox, its own in-memory session. */
export function probeWebPreferences(partition: string): WebPreferences {
  return {
    partition, // without "persist:" the session lives in memory only
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webviewTag: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    spellcheck: false,
    // A hidden window must not be throttled like a background tab: its timings are what we measure.
    backgroundThrottling: false,
  };
}

export function createElectronBrowserEngine(): BrowserEngine {
  return {
    visit: (url, options) => visit(url, options),
    // Every visit already cleaned up after itself; there is no browser process of our own to stop.
    close: () => Promise.resolve(),
  };
}

function probeSession(partition: string, insecure: boolean): Session {
  const ses = sessions.fromPartition(partition, { cache: false });
  probeSessions.add(ses);
  // A probed page may ask for camera, location, notifications…: always no, and it cannot download.
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.on('will-download', (event) => event.preventDefault());
  if (insecure) ses.setCertificateVerifyProc((_request, callback) => callback(0));
  return ses;
}

async function visit(url: string, options: VisitOptions) {
  const partition = `oncall-probe-${randomUUID()}`;
  const ses = probeSession(partition, options.insecure);
  const failedRequests: string[] = [];
  ses.webRequest.onCompleted((details) => {
    if (details.resourceType !== 'mainFrame' && details.statusCode >= 400) failedRequests.push(`${details.statusCode} ${details.url}`);
  });
  ses.webRequest.onErrorOccurred((details) => {
    if (details.resourceType !== 'mainFrame') failedRequests.push(`${details.error} ${details.url}`);
  });
  // paintWhenInitiallyHidden: a hidden window still paints, for LCP and the screenshot of a failed check.
  const win = new BrowserWindow({ show: false, paintWhenInitiallyHidden: true, width: 1280, height: 800, webPreferences: probeWebPreferences(partition) });
  const contents = win.webContents;
  contents.setAudioMuted(true);
  const jsErrors: string[] = [];
  let status: number | null = null;
  // Chromium reports uncaught exceptions to the console too ("Uncaught Error: …"), so one listener sees both kinds.
  contents.on('console-message', (details) => {
    if (details.level === 'error' && !isNetworkLogLine(details.message)) jsErrors.push(details.message);
  });
  contents.on('did-navigate', (_event, _url, httpResponseCode) => {
    status = httpResponseCode > 0 ? httpResponseCode : null;
  });
  const started = performance.now();
  const error = await load(contents, url, options.timeoutMs);
  const elapsed = performance.now() - started;
  const collected = status === null ? null : await collect(contents);
  const measures: PageMeasures = pageMeasures({ status, elapsedMs: elapsed, jsErrors, failedRequests, error }, collected);
  return {
    measures,
    screenshot: async () => {
      try {
        return (await contents.capturePage()).toPNG();
      } catch {
        return null;
      }
    },
    dispose: async () => {
      win.destroy();
      ses.webRequest.onCompleted(null);
      ses.webRequest.onErrorOccurred(null);
      // Electron cannot drop a session; emptying it keeps a day of checks from piling up in memory.
      await ses.clearStorageData().catch(() => undefined);
      await ses.clearCache().catch(() => undefined);
    },
  };
}

/** null once the load event fired; else why not (timeout, or Chromium's error for the main document). */
function load(contents: WebContents, url: string, timeoutMs: number): Promise<string | null> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      contents.stop();
      resolve(`no load event within ${timeoutMs} ms`);
    }, timeoutMs);
    contents.on('did-fail-load', (_event, code, description, _url, isMainFrame) => {
      // -3 is ERR_ABORTED: our own stop() after the timeout, already reported.
      if (!isMainFrame || code === -3) return;
      clearTimeout(timer);
      resolve(`net::${description}`);
    });
    contents.loadURL(url).then(
      () => {
        clearTimeout(timer);
        resolve(null);
      },
      () => undefined, // did-fail-load says why
    );
  });
}

async function collect(contents: WebContents): Promise<CollectedInPage | null> {
  const gaveUp = new Promise<null>((resolve) => setTimeout(() => resolve(null), 5_000).unref());
  const inPage = contents.executeJavaScript(collectScript, true).then(
    (value) => value as CollectedInPage,
    () => null,
  );
  return Promise.race([inPage, gaveUp]);
}
