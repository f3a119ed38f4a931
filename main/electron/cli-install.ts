import { accessSync, constants, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { quote } from 'shell-quote';

/** The argument that makes the packaged app answer as the `oncall` CLI instead of opening a window. */
export const cliArg = '--oncall-cli';

/** Marks a shim as ours, so installing again replaces it and never overwrites someone else's `oncall`. */
const marker = 'Installed by Oncall Console';

/**
 * The `oncall` CLI's arguments when this process was started as `APP --oncall-cli ARGS…` (what the
 * installed shim runs), else null. The packaged app cannot use ELECTRON_RUN_AS_NODE (the runAsNode
 * fuse is off), so the app binary itself answers, with the better-sqlite3 it ships.
 */
export function cliArgsFrom(argv: readonly string[]): string[] | null {
  const at = argv.indexOf(cliArg);
  return at < 0 ? null : argv.slice(at + 1);
}

/** The shim's file name and text: a POSIX sh script, or a Windows .cmd. `command` is the argv prefix. */
export function cliShim(platform: NodeJS.Platform, command: readonly string[]): { fileName: string; text: string } {
  if (platform === 'win32') {
    // cmd.exe has no escaping for `"` or `%` inside quotes: refuse instead of writing a broken or
    // injectable line.
    for (const part of command) if (/["%\r\n]/.test(part)) throw new Error(`cannot write a .cmd shim for a path containing " or %: ${part}`);
    return { fileName: 'oncall.cmd', text: `@echo off\r\nrem ${marker}\r\n${command.map((p) => `"${p}"`).join(' ')} %*\r\n` };
  }
  return { fileName: 'oncall', text: `#!/bin/sh\n# ${marker}: runs the oncall CLI of this installation.\nexec ${quote([...command])} "$@"\n` };
}

/**
 * Where to put the command, best first: as editors do, /usr/local/bin when writable, else
 * ~/.local/bin (on PATH in most Linux distributions' default profiles); on Windows the per-user
 * WindowsApps folder, which Windows 10+ puts on every user's PATH.
 */
export function cliInstallDirs(platform: NodeJS.Platform, env: NodeJS.ProcessEnv, homeDir: string): string[] {
  if (platform === 'win32') {
    const local = env.LOCALAPPDATA ?? join(homeDir, 'AppData', 'Local');
    return [join(local, 'Microsoft', 'WindowsApps')];
  }
  return ['/usr/local/bin', join(homeDir, '.local', 'bin')];
}

export interface CliInstallResult {
  path: string;
  /** Whether the folder is on this process's PATH (else the user must add it). */
  onPath: boolean;
}

/** Writes the shim into the first usable folder of `dirs`. Refuses to replace an `oncall` that is not ours. */
export function installCli(options: { platform: NodeJS.Platform; dirs: readonly string[]; command: readonly string[]; pathEnv: string | undefined }): CliInstallResult {
  const shim = cliShim(options.platform, options.command);
  const problems: string[] = [];
  for (const dir of options.dirs) {
    const file = join(dir, shim.fileName);
    try {
      if (existsSync(file) && !readFileSync(file, 'utf8').includes(marker)) {
        problems.push(`${file} exists and was not installed by Oncall Console; remove it first`);
        continue;
      }
      if (!existsSync(dir)) mkdirSync(dir, { recursive: true });
      accessSync(dir, constants.W_OK);
      writeFileSync(file, shim.text, { mode: 0o755 });
      const onPath = (options.pathEnv ?? '').split(options.platform === 'win32' ? ';' : delimiter).some((p) => samePath(p, dir, options.platform));
      return { path: file, onPath };
    } catch (err) {
      problems.push(`${dir}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
  }
  throw new Error(`could not install the oncall command: ${problems.join('; ')}`);
}

function samePath(a: string, b: string, platform: NodeJS.Platform): boolean {
  const norm = (p: string) => p.replace(/[\\/]+$/, '');
  return platform === 'win32' ? norm(a).toLowerCase() === norm(b).toLowerCase() : norm(a) === norm(b);
}
