import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tempHome } from '../support/temp-home';

vi.mock('electron', () => import('./fake-electron'));

const { safeStorage } = await import('./fake-electron');
const { safeStorageSecrets } = await import('../../main/electron/secrets');

describe('keychain secrets without a keyring', () => {
  let cleanup = () => undefined as void;
  const platform = Object.getOwnPropertyDescriptor(process, 'platform') as PropertyDescriptor;
  afterEach(() => {
    cleanup();
    safeStorage.backend = 'gnome_libsecret';
    Object.defineProperty(process, 'platform', platform);
  });

  it("refuses to store a secret when Linux falls back to Electron's built-in key (basic_text)", () => {
    const t = tempHome();
    cleanup = t.cleanup;
    const file = join(t.home, 'secrets.json');
    // The fallback exists only on Linux; pretend to be there on any machine running the tests.
    Object.defineProperty(process, 'platform', { ...platform, value: 'linux' });
    safeStorage.backend = 'basic_text';
    expect(() => safeStorageSecrets(file).store('api_token', 'hunter2')).toThrow(/no OS keychain.*\$\{env:NAME\}/);
    expect(existsSync(file)).toBe(false);
  });
});
