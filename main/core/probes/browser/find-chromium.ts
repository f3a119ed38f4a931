import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';

/** Looked for on PATH, in this order, when config.yml names no browser (`browser.executable`). */
export const chromiumNames = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'] as const;

export class NoBrowserError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NoBrowserError';
  }
}

function isExecutableFile(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * The user's Chromium: the configured path when there is one (it must exist: a typo should not
 * silently pick another browser), else the first of `chromiumNames` on PATH. playwright-core never
 * downloads one for us.
 */
export function findChromium(configured: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  if (configured) {
    if (!isAbsolute(configured)) return findOnPath([configured], env) ?? missing(`browser.executable "${configured}" is not on PATH`);
    return isExecutableFile(configured) ? configured : missing(`browser.executable "${configured}" is not an executable file`);
  }
  return findOnPath(chromiumNames, env) ?? missing(`no Chromium found on PATH (looked for ${chromiumNames.join(', ')}); install one or set browser.executable in config.yml`);
}

function findOnPath(names: readonly string[], env: NodeJS.ProcessEnv): string | null {
  const dirs = (env.PATH ?? '').split(delimiter).filter(Boolean);
  for (const name of names) {
    for (const dir of dirs) {
      const candidate = join(dir, name);
      if (isExecutableFile(candidate)) return candidate;
    }
  }
  return null;
}

function missing(message: string): never {
  throw new NoBrowserError(message);
}

/**
 * Flags for a headless probe browser: nothing phones home or updates itself between checks, and the
 * GPU and QUIC stay off (headless machines here have neither a GPU nor QUIC through their network).
 * Chromium cannot start its sandbox as root (it refuses to run at all without --no-sandbox), so the
 * sandbox is dropped only then, in containers and CI; a normal user keeps it.
 */
export function chromiumArgs(isRoot: boolean = process.getuid?.() === 0): string[] {
  const args = ['--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-extensions', '--mute-audio'];
  if (isRoot) args.unshift('--no-sandbox');
  return args;
}
