import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { freePort } from './peer';

/** A real OpenSSH sshd on 127.0.0.1, run as the current user, for integration tests and the bench. */
export interface Sshd {
  port: number;
  dir: string;
  user: string;
  /** `ssh-ed25519 AAAA...` of the server's host key. */
  hostKeyPublic: string;
  /** A private key the server accepts (unencrypted). */
  clientKey: string;
  /** Number of successful logins so far (each is one handshake). */
  logins(): number;
  log(): string;
  /** A known_hosts line for this server as `127.0.0.1` on its port. */
  knownHostsLine(): string;
  stop(): Promise<void>;
}


export function keygen(file: string, passphrase = '', type = 'ed25519'): string {
  execFileSync('ssh-keygen', ['-q', '-t', type, '-N', passphrase, '-C', 'oncall-test', '-f', file], { stdio: 'ignore' });
  return readFileSync(`${file}.pub`, 'utf8').trim();
}

/**
 * Starts sshd with a fresh host key; `authorizedKeys` are extra public keys to accept. `user` is the
 * account clients log in as (default: the current user); another account needs sshd run by root.
 */
export async function startSshd(options: { authorizedKeys?: string[]; hostKeyType?: string; user?: string; extraConfig?: (dir: string) => string[] } = {}): Promise<Sshd> {
  const dir = mkdtempSync(join(tmpdir(), 'oncall-sshd-'));
  const hostKeyPublic = keygen(join(dir, 'host_key'), '', options.hostKeyType ?? 'ed25519').split(' ').slice(0, 2).join(' ');
  const clientKey = join(dir, 'client_key');
  const authorized = [keygen(clientKey), ...(options.authorizedKeys ?? [])];
  writeFileSync(join(dir, 'authorized_keys'), `${authorized.join('\n')}\n`, { mode: 0o600 });
  const user = options.user ?? userInfo().username;
  if (user !== userInfo().username) {
    // sshd reads AuthorizedKeysFile with the login user's rights: let that account reach the file.
    chmodSync(dir, 0o711);
    chmodSync(join(dir, 'authorized_keys'), 0o644);
  }
  writeFileSync(
    join(dir, 'sshd_config'),
    [
      `HostKey ${join(dir, 'host_key')}`,
      `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
      'ListenAddress 127.0.0.1',
      'UsePAM no',
      'StrictModes no',
      'PidFile none',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'PermitRootLogin prohibit-password',
      'AllowTcpForwarding yes',
      'LogLevel VERBOSE',
      'MaxStartups 100:30:200',
      'MaxSessions 50',
      // Extra lines (HostCertificate, TrustedUserCAKeys), made once the host key exists in `dir`.
      ...(options.extraConfig?.(dir) ?? []),
      '',
    ].join('\n'),
  );
  // sshd started by root insists on its privilege-separation folder (Debian creates it only at boot).
  if (process.getuid?.() === 0) mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
  const logFile = join(dir, 'sshd.log');
  let child: ChildProcess | null = null;
  let port = 0;
  for (let attempt = 0; attempt < 5 && !child; attempt++) {
    port = await freePort();
    const started = spawn('/usr/sbin/sshd', ['-D', '-f', join(dir, 'sshd_config'), '-p', String(port), '-E', logFile], { stdio: 'ignore' });
    const ok = await waitFor(() => readLog(logFile).includes('Server listening'), 5_000, () => started.exitCode !== null);
    if (ok) child = started;
    else started.kill('SIGKILL');
  }
  if (!child) throw new Error(`sshd did not start:\n${readLog(logFile)}`);
  const running = child;
  return {
    port,
    dir,
    user,
    hostKeyPublic,
    clientKey,
    logins: () => (readLog(logFile).match(/Accepted publickey/g) ?? []).length,
    log: () => readLog(logFile),
    knownHostsLine: () => `[127.0.0.1]:${port} ${hostKeyPublic}`,
    stop: () =>
      new Promise<void>((resolve) => {
        const done = () => {
          rmSync(dir, { recursive: true, force: true });
          resolve();
        };
        if (running.exitCode !== null) return done();
        running.once('exit', done);
        running.kill('SIGTERM');
      }),
  };
}

function readLog(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

async function waitFor(check: () => boolean, ms: number, abort: () => boolean): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (check()) return true;
    if (abort()) return false;
    await new Promise((r) => setTimeout(r, 25));
  }
  return check();
}

/** Processes whose command line contains `marker` (the remote side is this machine). */
export function pgrep(marker: string): number[] {
  try {
    return execFileSync('pgrep', ['-f', marker], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .map(Number)
      .filter((pid) => pid !== process.pid);
  } catch {
    return [];
  }
}
