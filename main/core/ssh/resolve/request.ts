import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { userInfo } from 'node:os';

/** Writes a value for `-o Keyword=value` so ssh's argv_split reads it back unchanged. */
export function optionLine(keyword: string, value: string): string {
  return /^[^\s"'\\#]+$/.test(value) ? `${keyword}=${value}` : `${keyword}="${value.replace(/["\\]/g, '\\$&')}"`;
}

/**
 * Which file ssh should read: none when ~/.ssh/config is switched off, ssh's own default when the
 * folder is the password-database home's ~/.ssh, else `-F` that folder's config.
 */
export function configFileFor(sshDir: string, useSshConfig: boolean): string | null {
  if (!useSshConfig) return 'none';
  let home: string | null = null;
  try {
    home = userInfo().homedir;
  } catch {
    home = null;
  }
  if (home !== null && join(home, '.ssh') === join(sshDir)) return null;
  const file = join(sshDir, 'config');
  return existsSync(file) ? file : 'none';
}
