// A throw-away system account for the runbooks bench: login shell /bin/sh (dash), an empty temporary
// home, so sshd's per-command shell starts in about a millisecond. Root's bash on the bench machines
// sources a ~/.bashrc that runs `pyenv init` (hundreds of ms per command), which would hide the
// handshake cost the bench is about. The account is removed afterwards, also when the bench fails or
// is interrupted; one left behind by a killed bench is removed by the next run.
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';

/** GECOS field that marks accounts this module created (and only those may be removed by it). */
const marker = 'oncall bench throw-away user';
const namePrefix = 'oncallbench';
const homePrefix = 'oncall-bench-user-';

export interface ThrowawayUser {
  name: string;
  home: string;
  /** Deletes the account and its home; safe to call more than once. */
  remove(): void;
}

/** Why no such account can be made here, or null when it can. */
export function throwawayUserUnavailable(): string | null {
  if (process.getuid?.() !== 0) return 'not running as root (useradd needs root, and sshd must run as root to log in as another account)';
  if (!existsSync('/usr/sbin/useradd') || !existsSync('/usr/sbin/userdel')) return 'useradd/userdel are not installed';
  if (!existsSync('/bin/sh')) return '/bin/sh does not exist';
  return null;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function deleteAccount(name: string, home: string): void {
  spawnSync('userdel', [name], { stdio: 'ignore' });
  // Only a home this module made (a temp folder with our prefix) is ever deleted.
  if (dirname(home) === tmpdir() && basename(home).startsWith(homePrefix)) rmSync(home, { recursive: true, force: true });
}

/** Accounts of earlier benches that were killed before they could clean up (their pid is gone). */
function removeStale(): void {
  for (const line of readFileSync('/etc/passwd', 'utf8').split('\n')) {
    const [name = '', , , , gecos, home = ''] = line.split(':');
    const pid = Number(name.slice(namePrefix.length));
    if (gecos === marker && name.startsWith(namePrefix) && Number.isInteger(pid) && !alive(pid)) deleteAccount(name, home);
  }
}

export function createThrowawayUser(): ThrowawayUser {
  removeStale();
  const name = `${namePrefix}${process.pid}`;
  const home = mkdtempSync(join(tmpdir(), homePrefix));
  let removed = false;
  const remove = () => {
    if (removed) return;
    removed = true;
    process.off('exit', remove);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    deleteAccount(name, home);
  };
  const onSignal = (signal: NodeJS.Signals) => {
    remove();
    process.kill(process.pid, signal);
  };
  process.on('exit', remove);
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    // Password '*': no password login, but not "locked" ('!'), which sshd without PAM refuses even for keys.
    execFileSync('useradd', ['--system', '--home-dir', home, '--no-create-home', '--shell', '/bin/sh', '--comment', marker, '--password', '*', name], { stdio: ['ignore', 'ignore', 'pipe'] });
    const uid = Number(execFileSync('id', ['-u', name], { encoding: 'utf8' }));
    const gid = Number(execFileSync('id', ['-g', name], { encoding: 'utf8' }));
    chownSync(home, uid, gid);
  } catch (err) {
    remove();
    throw err;
  }
  return { name, home, remove };
}
