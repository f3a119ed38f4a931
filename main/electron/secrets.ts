import { safeStorage } from 'electron';
import { readFileSync, writeFileSync } from 'node:fs';
import type { SecretResolver } from '../core/probes/secrets';

/**
 * `keychain:NAME` secrets in the app: values encrypted with the OS keychain (safeStorage) in
 * secrets.json in the data folder, so neither config.yml nor that file holds a readable secret.
 * `${env:NAME}` still reads the environment.
 */
/**
 * Whether safeStorage really seals with the OS keychain. On Linux without a keyring Electron falls
 * back to `basic_text`, a key built into Electron: anyone with the file could decrypt it.
 */
function keychainSeals(): boolean {
  if (!safeStorage.isEncryptionAvailable()) return false;
  return process.platform !== 'linux' || safeStorage.getSelectedStorageBackend() !== 'basic_text';
}

export function safeStorageSecrets(file: string): Required<SecretResolver> {
  const load = (): Record<string, string> => {
    try {
      return JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
    } catch {
      return {};
    }
  };
  return {
    resolve(ref) {
      if (ref.kind === 'env') return process.env[ref.name];
      const sealed = load()[ref.name];
      if (sealed === undefined || !safeStorage.isEncryptionAvailable()) return undefined;
      return safeStorage.decryptString(Buffer.from(sealed, 'base64'));
    },
    store(name, value) {
      if (!keychainSeals()) throw new Error('no OS keychain is available to seal secrets; reference an environment variable as ${env:NAME} instead');
      const all = load();
      all[name] = safeStorage.encryptString(value).toString('base64');
      writeFileSync(file, `${JSON.stringify(all, null, 2)}\n`, { mode: 0o600 });
    },
  };
}
