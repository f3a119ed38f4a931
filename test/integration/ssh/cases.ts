import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { systemClock } from '../../../main/core/shared/clock';
import type { ExecOptions } from '../../../main/core/ssh/exec';
import { endpoint, type ResolvedHost, type SshEndpoint } from '../../../main/core/ssh/host-resolve';
import { SshPool } from '../../../main/core/ssh/pool';
import type { HostKeyQuestion, SshOptions } from '../../../main/core/ssh/types';
import type { Sshd } from '../../support/sshd';

/** One isolated case: its own user known_hosts, the app's file, and a record of every question asked. */
export interface SshCase {
  dir: string;
  userFile: string;
  appFile: string;
  asked: HostKeyQuestion[];
  options: SshOptions;
  pool: SshPool;
  /** An endpoint for `server` that reads only this case's files (never the real ~/.ssh). */
  host(server: Sshd, overrides?: Partial<SshEndpoint>, jumps?: SshEndpoint[]): ResolvedHost;
  hop(server: Sshd, overrides?: Partial<SshEndpoint>): SshEndpoint;
}

let seq = 0;
const pools: SshPool[] = [];

/**
 * Closes every pool the cases opened: a failed assertion skips a test's own close, and an OpenSSH
 * master left open would outlive the test run. For afterEach.
 */
export async function closeAllPools(): Promise<void> {
  await Promise.all(pools.splice(0).map((p) => p.close()));
}

export function sshCase(work: string, userKnownHosts = '', answers: { trust?: boolean; transport?: 'auto' | 'openssh' } = {}): SshCase {
  const dir = join(work, `case-${++seq}`);
  mkdirSync(dir, { recursive: true });
  const userFile = join(dir, 'user_known_hosts');
  writeFileSync(userFile, userKnownHosts);
  const appFile = join(dir, 'app_known_hosts');
  const asked: HostKeyQuestion[] = [];
  const options: SshOptions = {
    appKnownHostsFile: appFile,
    sshConfigFile: null,
    transport: answers.transport ?? 'auto',
    prompts: {
      trustHostKey: (q) => {
        asked.push(q);
        return Promise.resolve(answers.trust ?? true);
      },
      passphrase: () => Promise.resolve(null),
    },
    keepaliveInterval: 10_000,
    readyTimeout: 10_000,
    clock: systemClock,
  };
  const hop = (server: Sshd, overrides: Partial<SshEndpoint> = {}): SshEndpoint =>
    endpoint({ alias: 'app', hostname: '127.0.0.1', port: server.port, user: server.user, identityFiles: [server.clientKey], userKnownHostsFiles: [userFile], globalKnownHostsFiles: [], ...overrides });
  const pool = new SshPool(options);
  pools.push(pool);
  return {
    dir,
    userFile,
    appFile,
    asked,
    options,
    pool,
    hop,
    host: (server, overrides = {}, jumps = []) => ({ ...hop(server, overrides), jumps }),
  };
}

export async function runOn(pool: SshPool, host: ResolvedHost, command: string, extra: Partial<ExecOptions> = {}) {
  const conn = await pool.connect(host);
  let out = '';
  let err = '';
  const result = await conn.exec(command, {
    clock: systemClock,
    timeoutMs: 20_000,
    onStdout: (c) => (out += c.toString()),
    onStderr: (c) => (err += c.toString()),
    graceMs: 500,
    ...extra,
  });
  return { ...result, out, err, conn };
}

export const read = (file: string): string => {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
};

/** `SHA256:...` of a public key line, as ssh-keygen -lf prints it (the oracle for our fingerprints). */
export function fingerprintOf(work: string, pub: string): string {
  const file = join(work, `fp-${++seq}.pub`);
  writeFileSync(file, `${pub}\n`);
  return execFileSync('ssh-keygen', ['-lf', file], { encoding: 'utf8' }).split(' ')[1] ?? '';
}
