import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tempHome } from '../support/temp-home';

vi.mock('electron', () => import('./fake-electron'));

const { safeStorageSecrets } = await import('../../main/electron/secrets');

describe('keychain secrets in the app', () => {
  let cleanup = () => undefined as void;
  afterEach(() => cleanup());

  it('stores values sealed by safeStorage and resolves keychain:NAME; env refs read the environment', async () => {
    const t = tempHome();
    cleanup = t.cleanup;
    const file = join(t.home, 'secrets.json');
    const secrets = safeStorageSecrets(file);
    expect(await secrets.resolve({ kind: 'keychain', name: 'api_token' })).toBeUndefined();
    secrets.store('api_token', 'hunter2');
    expect(readFileSync(file, 'utf8')).not.toContain('hunter2');
    expect(await secrets.resolve({ kind: 'keychain', name: 'api_token' })).toBe('hunter2');
    process.env.ONCALL_TEST_SECRET = 'from-env';
    expect(await secrets.resolve({ kind: 'env', name: 'ONCALL_TEST_SECRET' })).toBe('from-env');
    delete process.env.ONCALL_TEST_SECRET;
  });
});
