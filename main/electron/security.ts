import type { IpcMainInvokeEvent, Session, WebContents, WebPreferences } from 'electron';
import { pathToFileURL } from 'node:url';

/** Electron's hardening checklist, in one place. */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true, // the page cannot reach the preload's scope or Node
    sandbox: true, // a compromised renderer stays in Chromium's sandbox
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webviewTag: false, // <webview> would be a way to load arbitrary content with other preferences
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    spellcheck: false,
  };
}

/** Only http(s) URLs leave the app, parsed, never matched by substring. */
export function isSafeExternalUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

/**
 * Applied to every WebContents the app creates: no navigation away from the bundled UI (a link or
 * injected script cannot turn the window into someone else's page with our preload), no new windows.
 * Links the user clicks open in the system browser instead.
 */
export function hardenWebContents(contents: WebContents, openExternal: (url: string) => void): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isSafeExternalUrl(url)) openExternal(url);
    return { action: 'deny' };
  });
}

/**
 * A browser-probe window (main/electron/browser-probe.ts) shows someone else's page in a sandboxed
 * renderer with no preload, so unlike the UI it may follow redirects and in-page navigation, but only
 * to http(s): a page cannot send it to file:// or a custom scheme, open windows or attach a webview.
 */
export function hardenProbeContents(contents: WebContents): void {
  const webOnly = (event: { preventDefault(): void }, url: string) => {
    if (!isSafeExternalUrl(url)) event.preventDefault();
  };
  contents.on('will-navigate', (event) => webOnly(event, event.url));
  contents.on('will-redirect', (event) => webOnly(event, event.url));
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/** Every permission a page may ask for (camera, geolocation, …) is refused except notifications. */
export function installPermissionHandlers(session: Session): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => callback(permission === 'notifications'));
  session.setPermissionCheckHandler((_contents, permission) => permission === 'notifications');
}

/**
 * IPC is answered only for our own top-level renderer page: a frame that somehow loaded other content
 * (an iframe, a navigated window) cannot call the API.
 */
export function isTrustedSender(event: Pick<IpcMainInvokeEvent, 'senderFrame'>, rendererIndex: string): boolean {
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null) return false;
  try {
    const url = new URL(frame.url);
    const expected = pathToFileURL(rendererIndex);
    return url.protocol === 'file:' && url.pathname === expected.pathname;
  } catch {
    return false;
  }
}
