import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { hostname, userInfo } from 'node:os';
import { matchPattern } from './pattern';
import type { LocalSystem } from './readconf';

/**
 * The real machine for the TypeScript resolver. The home directory comes from the password
 * database like ssh's getpwuid(), so `~` means the same thing to both resolvers.
 */
export function localSystem(env: NodeJS.ProcessEnv = process.env): LocalSystem {
  const info = userInfo();
  const uid = typeof process.getuid === 'function' ? process.getuid() : 0;
  return {
    localUser: { name: info.username, home: info.homedir, uid },
    localHost: hostname(),
    env,
    exec: (command) => spawnSync(env.SHELL ?? '/bin/sh', ['-c', command], { stdio: 'ignore', env, timeout: 30_000 }).status === 0,
    readConfig: (path) => readChecked(path, uid),
    glob: globPaths,
  };
}

function readChecked(path: string, uid: number): string | null {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    return null;
  }
  // ssh refuses a config others could have written: it would let them pick your ProxyCommand.
  if (process.platform !== 'win32' && ((stat.uid !== 0 && stat.uid !== uid) || (stat.mode & 0o022) !== 0)) throw new Error(`Bad owner or permissions on ${path}`);
  if (stat.isDirectory()) return null;
  return readFileSync(path, 'utf8');
}

/** glob(3) for `*` and `?` per path segment, sorted; like glob, a wildcard skips dot files. */
export function globPaths(pattern: string): string[] {
  // Windows paths (C:\Users\me\.ssh) are walked with forward slashes, which Node accepts there too.
  const slashed = pattern.replace(/\\/g, '/');
  const drive = /^[A-Za-z]:/.exec(slashed)?.[0] ?? '';
  const rest = slashed.slice(drive.length);
  const absolute = rest.startsWith('/');
  const segments = rest.split('/').filter((s) => s !== '');
  let paths = [absolute ? drive : '.'];
  for (const [index, segment] of segments.entries()) {
    const last = index === segments.length - 1;
    const next: string[] = [];
    for (const base of paths) {
      const dir = base === drive ? `${drive}/` : base;
      if (!/[*?]/.test(segment)) {
        const path = `${base}/${segment}`;
        if (last ? exists(path) : isDir(path)) next.push(path);
        continue;
      }
      let names: string[];
      try {
        names = readdirSync(dir);
      } catch {
        continue;
      }
      for (const name of names.sort()) {
        if (name.startsWith('.') && !segment.startsWith('.')) continue;
        if (matchPattern(name, segment) && (last || isDir(`${base}/${name}`))) next.push(`${base}/${name}`);
      }
    }
    paths = next;
  }
  return paths.map((p) => (absolute ? p : p.replace(/^\.\//, ''))).sort();
}

function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}

function isDir(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
