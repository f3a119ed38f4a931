import { join } from 'node:path';
import type { SshEndpoint } from './host-resolve';
import type { SshOptions } from './types';

/** One word for `sh -c`, single-quoted (ProxyCommand is run by a shell). */
const shellQuote = (word: string) => (/^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`);

/** Files of one OpenSSH connection, in its private temp dir. */
export interface OpenSshPaths {
  dir: string;
  controlPath: string;
  /** Where StrictHostKeyChecking `no` lets OpenSSH "record" unknown keys: thrown away at close. */
  sessionKnownHosts: string;
  /** What KnownHostsCommand saw for hop `i` (`REASON TYPE BASE64` per call). */
  seen(i: number): string;
}

export function openSshPaths(dir: string): OpenSshPaths {
  return { dir, controlPath: join(dir, 'cm'), sessionKnownHosts: join(dir, 'session_known_hosts'), seen: (i) => join(dir, `seen-${i}`) };
}

/** A value inside an `-o` option list that OpenSSH splits on whitespace (UserKnownHostsFile). */
const listItem = (path: string) => (/[\s"']/.test(path) ? `"${path.replace(/"/g, '')}"` : path);
/** ProxyCommand and KnownHostsCommand are %-expanded by OpenSSH: our text must pass literally. */
const literalPercent = (text: string) => text.replace(/%/g, '%%');

/** The destination argument: the name the user wrote when it is a plain host name (so `Host` blocks of ~/.ssh/config apply), else the address. */
function destination(endpoint: SshEndpoint): string {
  return /^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(endpoint.alias) ? endpoint.alias : endpoint.hostname;
}

/**
 * The options for one hop. Everything security-relevant is on the command line, where it wins over
 * ~/.ssh/config (OpenSSH takes the first value it reads), so the config can add what only it knows
 * (PKCS11Provider, GSSAPI...) but never weaken host-key checking:
 * - UserKnownHostsFile puts the app's own file first: that is the one OpenSSH's accept-new writes to,
 *   so ~/.ssh/known_hosts is never changed. For `no`, a throwaway file goes first instead.
 * - StrictHostKeyChecking: `ask` becomes `yes` (BatchMode cannot ask; the pool asks the human and
 *   retries), `no` becomes `accept-new`, so a changed key is refused in every mode.
 * - KnownHostsCommand records the key the host presented (it answers nothing itself), so the
 *   timeline gets the fingerprint and the console can check a certificate with its own eyes.
 */
export function hopArgs(chain: readonly SshEndpoint[], index: number, options: SshOptions, paths: OpenSshPaths): string[] {
  const endpoint = chain[index] as SshEndpoint;
  const readable = (f: string) => f !== '/dev/null' && f.toLowerCase() !== 'none';
  const mode = endpoint.strictHostKeyChecking;
  const first = mode === 'no' ? [paths.sessionKnownHosts, options.appKnownHostsFile] : [options.appKnownHostsFile];
  const userFiles = [...first, ...endpoint.userKnownHostsFiles.filter(readable)];
  const globalFiles = endpoint.globalKnownHostsFiles.filter(readable);
  const strict = mode === 'ask' ? 'yes' : mode === 'no' ? 'accept-new' : mode;
  const seen = paths.seen(index);
  const args = [
    '-F', options.sshConfigFile ?? 'none',
    '-o', 'BatchMode=yes',
    '-o', `HostName=${endpoint.hostname}`,
    '-p', String(endpoint.port),
    '-l', endpoint.user,
    '-o', `StrictHostKeyChecking=${strict}`,
    '-o', `UserKnownHostsFile=${userFiles.map(listItem).join(' ')}`,
    '-o', `GlobalKnownHostsFile=${globalFiles.length ? globalFiles.map(listItem).join(' ') : 'none'}`,
    '-o', 'CheckHostIP=no',
    '-o', 'UpdateHostKeys=no',
    '-o', `KnownHostsCommand=/bin/sh -c 'echo "$1 $2 $3" >> "$0"' ${literalPercent(seen)} %I %t %K`,
    '-o', `ConnectTimeout=${Math.max(1, Math.ceil(options.readyTimeout / 1000))}`,
    '-o', `ServerAliveInterval=${Math.max(1, Math.ceil(options.keepaliveInterval / 1000))}`,
    '-o', 'ServerAliveCountMax=3',
  ];
  if (endpoint.hostKeyAlias) args.push('-o', `HostKeyAlias=${endpoint.hostKeyAlias}`);
  if (endpoint.identitiesOnly) args.push('-o', 'IdentitiesOnly=yes');
  for (const file of endpoint.identityFiles) args.push('-o', `IdentityFile=${literalPercent(file)}`);
  for (const file of endpoint.certificateFiles) args.push('-o', `CertificateFile=${literalPercent(file)}`);
  if (index > 0) {
    // The previous hop carries this one: `ssh -W` through it, with that hop's own strict options.
    const inner = [options.sshBinary ?? '/usr/bin/ssh', ...hopArgs(chain, index - 1, options, paths), '-o', 'ControlMaster=no', '-o', 'ControlPath=none', '-W', `${endpoint.hostname}:${endpoint.port}`, destination(chain[index - 1] as SshEndpoint)];
    args.push('-o', `ProxyCommand=${literalPercent(inner.map(shellQuote).join(' '))}`);
  } else {
    args.push('-o', `ProxyCommand=${endpoint.proxyCommand === null ? 'none' : literalPercent(endpoint.proxyCommand)}`);
  }
  return args;
}

/** The argv (after the binary) of a connection to the chain's last hop: `extra` options, then the destination, then `command`. */
export function targetArgs(chain: readonly SshEndpoint[], options: SshOptions, paths: OpenSshPaths, extra: string[], command: string[] = []): string[] {
  const target = chain[chain.length - 1] as SshEndpoint;
  return [...hopArgs(chain, chain.length - 1, options, paths), '-o', `ControlPath=${paths.controlPath}`, ...extra, destination(target), ...command];
}
