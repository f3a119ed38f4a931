import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { defaultConfigText } from './config/default-config';

export const appDirName = 'oncall-console';

/**
 * The data directory the Electron app would use (its userData path), so the app, the CLI and
 * browser mode share one config and one journal.
 */
export function defaultHome(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env, home = homedir()): string {
  switch (platform) {
    case 'darwin':
      return join(home, 'Library', 'Application Support', appDirName);
    case 'win32':
      return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), appDirName);
    default:
      return join(env.XDG_CONFIG_HOME || join(home, '.config'), appDirName);
  }
}

/** `--home DIR` beats `ONCALL_HOME`, which beats the platform default. */
export function resolveHome(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return flag || env.ONCALL_HOME || defaultHome(process.platform, env);
}

export interface HomePaths {
  home: string;
  config: string;
  runbooks: string;
  rules: string;
  journal: string;
  backups: string;
}

export function homePaths(home: string): HomePaths {
  return {
    home,
    config: join(home, 'config.yml'),
    runbooks: join(home, 'runbooks'),
    rules: join(home, 'rules'),
    journal: join(home, 'journal.db'),
    backups: join(home, 'backups'),
  };
}

/** First start: create the folders and a commented config.yml. Never overwrites what exists. */
export function ensureHome(home: string): { paths: HomePaths; created: boolean } {
  const paths = homePaths(home);
  const created = !existsSync(paths.config);
  for (const dir of [paths.home, paths.runbooks, paths.rules]) mkdirSync(dir, { recursive: true });
  // 'wx' fails if the file appeared meanwhile (another face starting at the same moment).
  if (created) {
    try {
      writeFileSync(paths.config, defaultConfigText, { flag: 'wx' });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  return { paths, created };
}
