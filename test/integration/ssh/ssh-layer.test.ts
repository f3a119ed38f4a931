import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endpoint, resolveHost, type ResolvedHost, type SshEndpoint } from '../../../main/core/ssh/host-resolve';
import { SshPool } from '../../../main/core/ssh/pool';
import type { HostKeyQuestion, SshOptions } from '../../../main/core/ssh/types';
import { systemClock } from '../../../main/core/shared/clock';
import { keygen, pgrep, startSshd, type Sshd } from '../../support/sshd';
import { runOn } from './cases';

let sshd: Sshd;
let jump: Sshd;
let work: string;

beforeAll(async () => {
  [sshd, jump] = await Promise.all([startSshd(), startSshd()]);
  work = mkdtempSync(join(tmpdir(), 'oncall-ssh-layer-'));
});
afterAll(async () => {
  await Promise.all([sshd.stop(), jump.stop()]);
  rmSync(work, { recursive: true, force: true });
});

let seq = 0;
/** The user known_hosts of the current case: every endpoint of the case reads it instead of ~/.ssh. */
let currentUserFile = '';
const isolate = (e: SshEndpoint): SshEndpoint => ({ ...e, userKnownHostsFiles: [currentUserFile], globalKnownHostsFiles: [] });
function setup(userKnownHosts = '', answers: { trust?: boolean; passphrases?: (string | null)[] } = {}) {
  const dir = join(work, `case-${++seq}`);
  execFileSync('mkdir', ['-p', dir]);
  const userFile = join(dir, 'user_known_hosts');
  writeFileSync(userFile, userKnownHosts);
  currentUserFile = userFile;
  const asked: HostKeyQuestion[] = [];
  const passphraseAsks: string[] = [];
  const options: SshOptions = {
    appKnownHostsFile: join(dir, 'app_known_hosts'),
    prompts: {
      trustHostKey: (q) => {
        asked.push(q);
        return Promise.resolve(answers.trust ?? true);
      },
      passphrase: (q) => {
        passphraseAsks.push(q.keyFile);
        return Promise.resolve(answers.passphrases?.shift() ?? null);
      },
    },
    keepaliveInterval: 10_000,
    readyTimeout: 10_000,
    clock: systemClock,
  };
  return { dir, userFile, options, asked, passphraseAsks, pool: new SshPool(options) };
}

const target = (server: Sshd, key = server.clientKey, jumps: ResolvedHost['jumps'] = []): ResolvedHost => ({
  ...endpoint({ alias: 'app', hostname: '127.0.0.1', port: server.port, user: server.user, identityFiles: [key] }),
  jumps,
});

/** Runs on a pool with the test's known_hosts only (isolate), so the user's own files never count. */
const run = (pool: SshPool, host: ResolvedHost, command: string, extra: Parameters<typeof runOn>[3] = {}) =>
  runOn(pool, { ...isolate(host), jumps: host.jumps.map(isolate) }, command, extra);

/** ssh-add reads a passphrase only from a terminal or an askpass program: this one prints it. */
function writeAskpass(passphrase: string): string {
  const file = join(work, `askpass-${++seq}.sh`);
  writeFileSync(file, `#!/bin/sh\necho '${passphrase}'\n`);
  chmodSync(file, 0o700);
  return file;
}

function fingerprintOf(pub: string): string {
  const file = join(work, `fp-${++seq}.pub`);
  writeFileSync(file, `${pub}\n`);
  return execFileSync('ssh-keygen', ['-lf', file], { encoding: 'utf8' }).split(' ')[1] ?? '';
}

describe('ssh against a real OpenSSH sshd', () => {
  it('asks to trust an unknown host key with its SHA256 fingerprint, records it in the app store, and does not ask again', async () => {
    const a = setup();
    const r = await run(a.pool, target(sshd), 'echo hello');
    expect(r.out).toBe('hello\n');
    expect(r.exitCode).toBe(0);
    expect(a.asked).toHaveLength(1);
    expect(a.asked[0]?.fingerprint).toBe(fingerprintOf(sshd.hostKeyPublic));
    expect(readFileSync(a.options.appKnownHostsFile, 'utf8')).toContain(`[127.0.0.1]:${sshd.port} ${sshd.hostKeyPublic}`);
    await a.pool.close();
    const again = new SshPool(a.options);
    await run(again, target(sshd), 'true');
    expect(a.asked).toHaveLength(1);
    await again.close();
  });

  it('refuses when the user declines the unknown key, and runs nothing', async () => {
    const a = setup('', { trust: false });
    await expect(run(a.pool, target(sshd), 'touch /tmp/should-not-exist')).rejects.toThrow(/not trusted/);
    await a.pool.close();
  });

  it('refuses a changed host key with a clear warning and never prompts', async () => {
    const other = keygen(join(work, `other-${++seq}`)).split(' ').slice(0, 2).join(' ');
    const a = setup(`[127.0.0.1]:${sshd.port} ${other}\n`);
    await expect(run(a.pool, target(sshd), 'true')).rejects.toThrow(/HAS CHANGED.*user_known_hosts line 1/s);
    expect(a.asked).toHaveLength(0);
    await a.pool.close();
  });

  it('accepts a hashed ~/.ssh/known_hosts entry (ssh-keygen -H)', async () => {
    const a = setup(`${sshd.knownHostsLine()}\n`);
    execFileSync('ssh-keygen', ['-H', '-f', a.userFile], { stdio: 'ignore' });
    expect(readFileSync(a.userFile, 'utf8')).toMatch(/^\|1\|/);
    const r = await run(a.pool, target(sshd), 'echo ok');
    expect(r.out).toBe('ok\n');
    expect(a.asked).toHaveLength(0);
    await a.pool.close();
  });

  it('reuses one handshake for many commands', async () => {
    const a = setup(`${sshd.knownHostsLine()}\n`);
    const before = sshd.logins();
    for (let i = 0; i < 8; i++) expect((await run(a.pool, target(sshd), `echo ${i}`)).out).toBe(`${i}\n`);
    expect(a.pool.handshakes).toBe(1);
    expect(sshd.logins() - before).toBe(1);
    await a.pool.close();
  });

  it('goes through a jump host and checks the key of every hop', async () => {
    const a = setup();
    const hop = endpoint({ alias: 'bastion', hostname: '127.0.0.1', port: jump.port, user: jump.user, identityFiles: [jump.clientKey] });
    const jumpLogins = jump.logins();
    const r = await run(a.pool, target(sshd, sshd.clientKey, [hop]), 'echo via-jump');
    expect(r.out).toBe('via-jump\n');
    expect(a.asked.map((q) => [q.host, q.port, q.jumpFor])).toEqual([
      ['bastion', jump.port, 'app'],
      ['app', sshd.port, undefined],
    ]);
    expect(r.conn.jumpKeys[0]?.fingerprint).toBe(fingerprintOf(jump.hostKeyPublic));
    expect(jump.logins() - jumpLogins).toBe(1);
    await a.pool.close();
  });

  it('refuses a jump chain whose first hop key changed, before reaching the target', async () => {
    const other = keygen(join(work, `other-${++seq}`)).split(' ').slice(0, 2).join(' ');
    const a = setup(`[127.0.0.1]:${jump.port} ${other}\n`);
    const hop = endpoint({ alias: 'bastion', hostname: '127.0.0.1', port: jump.port, user: jump.user, identityFiles: [jump.clientKey] });
    await expect(run(a.pool, target(sshd, sshd.clientKey, [hop]), 'true')).rejects.toThrow(/bastion.*HAS CHANGED/);
    expect(a.asked).toHaveLength(0);
    await a.pool.close();
  });

  it('cancelling stops the remote process and its children (pgrep finds none)', async () => {
    const a = setup(`${sshd.knownHostsLine()}\n`);
    const controller = new AbortController();
    const marker = `sleep 4242.${process.pid}`;
    setTimeout(() => controller.abort(), 700);
    const r = await run(a.pool, target(sshd), `(${marker}) & ${marker}1; echo never`, { signal: controller.signal });
    expect(r.end).toBe('cancelled');
    expect(r.out).not.toContain('never');
    expect(r.remotePid).toBeGreaterThan(1);
    expect(pgrep(marker)).toEqual([]);
    await a.pool.close();
  });

  it('stops a step at its timeout and leaves nothing running', async () => {
    const a = setup(`${sshd.knownHostsLine()}\n`);
    const marker = `sleep 4343.${process.pid}`;
    const started = Date.now();
    const r = await run(a.pool, target(sshd), `echo started; ${marker}`, { timeoutMs: 600 });
    expect(r.end).toBe('timeout');
    expect(r.out).toBe('started\n');
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(pgrep(marker)).toEqual([]);
    await a.pool.close();
  });

  it('streams output while the command runs and reports the exit code', async () => {
    const a = setup(`${sshd.knownHostsLine()}\n`);
    // The command only goes on once the test has seen its first line: without streaming it would
    // wait until its timeout. No wall-clock threshold, so a loaded machine cannot make it flaky.
    const go = join(work, `go-${++seq}`);
    let out = '';
    const r = await run(a.pool, target(sshd), `echo one; while [ ! -e ${go} ]; do sleep 0.05; done; echo two >&2; exit 3`, {
      timeoutMs: 20_000,
      onStdout: (c) => {
        out += c.toString();
        if (out === 'one\n') writeFileSync(go, '');
      },
    });
    expect(r.end).toBe('exited');
    expect(r.exitCode).toBe(3);
    expect(out).toBe('one\n');
    await a.pool.close();
  });

  it('asks for the passphrase of an encrypted key only when needed and never stores it', async () => {
    const encrypted = join(work, `enc-${++seq}`);
    const pub = keygen(encrypted, 'correct horse');
    writeFileSync(join(sshd.dir, 'authorized_keys'), `${readFileSync(join(sshd.dir, 'authorized_keys'), 'utf8')}${pub}\n`);
    const a = setup(`${sshd.knownHostsLine()}\n`, { passphrases: ['wrong', 'correct horse'] });
    const r = await run(a.pool, target(sshd, encrypted), 'echo unlocked');
    expect(r.out).toBe('unlocked\n');
    expect(a.passphraseAsks).toEqual([encrypted, encrypted]);
    expect(readFileSync(a.options.appKnownHostsFile, { encoding: 'utf8', flag: 'a+' })).not.toContain('correct horse');
    await a.pool.close();
  });

  it('authenticates through a running ssh-agent without reading any key file', async () => {
    // A real OpenSSH agent holding an encrypted key: the agent signs, so no passphrase is asked and
    // no key file is offered.
    const encrypted = join(work, `agent-key-${++seq}`);
    const pub = keygen(encrypted, 'agent only');
    writeFileSync(join(sshd.dir, 'authorized_keys'), `${readFileSync(join(sshd.dir, 'authorized_keys'), 'utf8')}${pub}\n`);
    const socket = join(work, `agent-${seq}.sock`);
    const agent = spawn('ssh-agent', ['-D', '-a', socket], { stdio: 'ignore' });
    try {
      await expect.poll(() => existsSync(socket), { timeout: 5_000 }).toBe(true);
      execFileSync('ssh-add', [encrypted], { env: { ...process.env, SSH_AUTH_SOCK: socket, SSH_ASKPASS: writeAskpass('agent only'), SSH_ASKPASS_REQUIRE: 'force', DISPLAY: ':0' }, stdio: 'ignore' });
      const a = setup(`${sshd.knownHostsLine()}\n`);
      a.options.agentSocket = socket;
      const r = await run(a.pool, { ...target(sshd), identityFiles: [] }, 'echo via-agent');
      expect(r.out).toBe('via-agent\n');
      expect(a.passphraseAsks).toEqual([]);
      await a.pool.close();
    } finally {
      agent.kill();
    }
  });

  it('resolves HostName, User, Port, IdentityFile and ProxyJump from ~/.ssh/config', async () => {
    const sshDir = join(work, `dotssh-${++seq}`);
    execFileSync('mkdir', ['-p', sshDir]);
    writeFileSync(
      join(sshDir, 'config'),
      `Host bastion\n  HostName 127.0.0.1\n  Port ${jump.port}\n  User ${jump.user}\n  IdentityFile ${jump.clientKey}\n\n` +
        `Host app-via\n  HostName 127.0.0.1\n  Port ${sshd.port}\n  User ${sshd.user}\n  IdentityFile ${sshd.clientKey}\n  ProxyJump bastion\n`,
    );
    const host = await resolveHost('app-via', { hosts: [], sshDir, useSshConfig: true });
    expect(host).toMatchObject({ hostname: '127.0.0.1', port: sshd.port, identityFiles: [sshd.clientKey], jumps: [{ alias: 'bastion', port: jump.port }] });
    const a = setup(`${sshd.knownHostsLine()}\n${jump.knownHostsLine()}\n`);
    const r = await run(a.pool, host, 'echo configured');
    expect(r.out).toBe('configured\n');
    await a.pool.close();
  });
});
