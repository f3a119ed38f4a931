import { describe, expect, it, vi } from 'vitest';
import { FakeWebContents, fakeEvent, permissionHandlers, session } from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));

const { hardenWebContents, installPermissionHandlers, isSafeExternalUrl, isTrustedSender, secureWebPreferences } = await import('../../main/electron/security');

describe('Electron hardening', () => {
  it('gives windows the secure webPreferences', () => {
    expect(secureWebPreferences('/app/out/preload/bridge.cjs')).toMatchObject({
      preload: '/app/out/preload/bridge.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
    });
  });

  it('blocks navigation, redirects, webviews and window.open; hands http(s) links to the browser', () => {
    const contents = new FakeWebContents();
    const opened: string[] = [];
    hardenWebContents(contents as never, (url) => opened.push(url));
    for (const name of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      const event = fakeEvent();
      contents.emit(name, event, 'https://evil.example');
      expect(event.defaultPrevented, name).toBe(true);
    }
    expect(contents.windowOpenHandler?.({ url: 'https://docs.example.com/runbook' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler?.({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler?.({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://docs.example.com/runbook']);
  });

  it('parses URLs instead of matching substrings', () => {
    expect(isSafeExternalUrl('https://example.com')).toBe(true);
    expect(isSafeExternalUrl('http://127.0.0.1:9090/graph')).toBe(true);
    expect(isSafeExternalUrl('smb://https://example.com')).toBe(false);
    expect(isSafeExternalUrl('file:///C:/https:/x')).toBe(false);
    expect(isSafeExternalUrl('not a url')).toBe(false);
  });

  it('denies every permission except notifications', () => {
    installPermissionHandlers(session.defaultSession as never);
    const answers: Record<string, boolean> = {};
    for (const permission of ['notifications', 'media', 'geolocation', 'clipboard-read', 'openExternal']) {
      permissionHandlers.request?.(null, permission, (granted: boolean) => (answers[permission] = granted));
    }
    expect(answers).toEqual({ notifications: true, media: false, geolocation: false, 'clipboard-read': false, openExternal: false });
    expect(permissionHandlers.check?.(null, 'media')).toBe(false);
  });

  it('trusts IPC only from our own top-level page', () => {
    const index = '/app/out/renderer/index.html';
    const frame = (url: string, parent: unknown = null) => ({ senderFrame: { url, parent } }) as never;
    expect(isTrustedSender(frame('file:///app/out/renderer/index.html#/alerts'), index)).toBe(true);
    expect(isTrustedSender(frame('file:///app/out/renderer/index.html', {}), index)).toBe(false);
    expect(isTrustedSender(frame('https://evil.example/index.html'), index)).toBe(false);
    expect(isTrustedSender(frame('file:///tmp/evil.html'), index)).toBe(false);
    expect(isTrustedSender({ senderFrame: null }, index)).toBe(false);
  });
});
