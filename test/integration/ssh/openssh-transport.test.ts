import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { keygen, pgrep, startSshd, type Sshd } from '../../support/sshd';
import { closeAllPools, fingerprintOf, runOn, sshCase } from './cases';

let certHost: Sshd;
let plain: Sshd;
let work: string;
let hostCa: string;
let userCa: string;

/** `ssh-keygen -s`: a certificate for `pub` signed by `ca`; returns the -cert.pub path. */
function sign(ca: string, pub: string, args: string[]): string {
  execFileSync('ssh-keygen', ['-q', '-s', ca, '-I', 'oncall-test', ...args, pub], { stdio: 'ignore' });
  return pub.replace(/\.pub$/, '-cert.pub');
}

const caLine = (ca: string) => readFileSync(`${ca}.pub`, 'utf8').trim().split(' ').slice(0, 2).join(' ');

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'oncall-ssh-openssh-'));
  hostCa = join(work, 'host_ca');
  userCa = join(work, 'user_ca');
  keygen(hostCa);
  keygen(userCa);
  [certHost, plain] = await Promise.all([
    startSshd({
      extraConfig: (dir) => [`HostCertificate ${sign(hostCa, join(dir, 'host_key.pub'), ['-h', '-n', '127.0.0.1,certhost'])}`, `TrustedUserCAKeys ${userCa}.pub`],
    }),
    startSshd(),
  ]);
});
afterEach(closeAllPools);
afterAll(async () => {
  await Promise.all([certHost.stop(), plain.stop()]);
  rmSync(work, { recursive: true, force: true });
});

describe('host certificates (@cert-authority)', () => {
  it('a CA-signed host key is verified and accepted in yes mode, through OpenSSH, with the CA named on the timeline', async () => {
    const c = sshCase(work, `@cert-authority 127.0.0.1 ${caLine(hostCa)}\n`);
    const r = await runOn(c.pool, c.host(certHost, { strictHostKeyChecking: 'yes' }), 'echo certified');
    expect(r.out).toBe('certified\n');
    expect(r.conn.transport).toBe('openssh');
    expect(r.conn.transportReasons).toEqual(['app: host certificate (@cert-authority in known_hosts)']);
    expect(r.conn.key).toMatchObject({ decision: 'certificate', keyType: 'ssh-ed25519-cert-v01@openssh.com', fingerprint: fingerprintOf(work, certHost.hostKeyPublic) });
    expect(r.conn.key.detail).toContain(`signed by CA ${fingerprintOf(work, caLine(hostCa))} (${c.userFile}:1)`);
    expect(c.asked).toEqual([]);
    await c.pool.close();
  });

  it('without the CA line the host is unknown: refused in yes mode on either transport', async () => {
    for (const transport of ['auto', 'openssh'] as const) {
      const c = sshCase(work, '', { transport });
      await expect(runOn(c.pool, c.host(certHost, { strictHostKeyChecking: 'yes' }), 'true')).rejects.toThrow(/StrictHostKeyChecking is yes/);
      await c.pool.close();
    }
  });

  it('a certificate whose principals do not name the host is refused, and the reason says so', async () => {
    const c = sshCase(work, `@cert-authority * ${caLine(hostCa)}\n`);
    await expect(runOn(c.pool, c.host(certHost, { strictHostKeyChecking: 'yes', hostKeyAlias: 'wronghost' }), 'true')).rejects.toThrow(/names 127\.0\.0\.1, certhost, not wronghost/);
    await c.pool.close();
    // The same CA line and a principal that matches through HostKeyAlias: accepted.
    const d = sshCase(work, `@cert-authority * ${caLine(hostCa)}\n`);
    expect((await runOn(d.pool, d.host(certHost, { strictHostKeyChecking: 'yes', hostKeyAlias: 'certhost' }), 'echo alias')).out).toBe('alias\n');
    await d.pool.close();
  });

  it('says clearly why a host needs OpenSSH when the client is not installed', async () => {
    const c = sshCase(work, `@cert-authority 127.0.0.1 ${caLine(hostCa)}\n`);
    c.options.sshBinary = join(work, 'no-such-ssh');
    await expect(runOn(c.pool, c.host(certHost, { strictHostKeyChecking: 'yes' }), 'true')).rejects.toThrow(/app needs the system OpenSSH client \(app: host certificate \(@cert-authority in known_hosts\)\), but .*no-such-ssh is not installed/);
    await c.pool.close();
  });

  it('a CA other than the signer does not vouch', async () => {
    const c = sshCase(work, `@cert-authority 127.0.0.1 ${caLine(userCa)}\n`);
    await expect(runOn(c.pool, c.host(certHost, { strictHostKeyChecking: 'yes' }), 'true')).rejects.toThrow(/not signed by any @cert-authority/);
    await c.pool.close();
  });
});

describe('user certificates', () => {
  it('logs in with a CA-signed user key that is in no authorized_keys (TrustedUserCAKeys), through OpenSSH', async () => {
    const key = join(work, 'cert_user');
    keygen(key);
    const cert = sign(userCa, `${key}.pub`, ['-n', certHost.user]);
    const known = `@cert-authority 127.0.0.1 ${caLine(hostCa)}\n`;
    const c = sshCase(work, known);
    const r = await runOn(c.pool, c.host(certHost, { strictHostKeyChecking: 'yes', identityFiles: [key], identitiesOnly: true, certificateFiles: [cert] }), 'echo by-cert');
    expect(r.out).toBe('by-cert\n');
    expect(r.conn.transportReasons).toContain('app: CertificateFile (user certificate)');
    await c.pool.close();
    // The same key without its certificate is not accepted.
    const bare = join(work, 'bare_user');
    copyFileSync(key, bare);
    const d = sshCase(work, known);
    await expect(runOn(d.pool, d.host(certHost, { strictHostKeyChecking: 'yes', identityFiles: [bare], identitiesOnly: true }), 'true')).rejects.toThrow(/Permission denied/);
    await d.pool.close();
  });
});

describe('the OpenSSH transport runs steps like ssh2 does', () => {
  const known = () => `${plain.knownHostsLine()}\n`;

  it('shares one handshake across steps, streams stdout and stderr, feeds stdin, reports exit codes', async () => {
    const c = sshCase(work, known(), { transport: 'openssh' });
    const host = c.host(plain, { strictHostKeyChecking: 'yes' });
    const before = plain.logins();
    for (let i = 0; i < 4; i++) expect((await runOn(c.pool, host, `echo step ${i}`)).out).toBe(`step ${i}\n`);
    const r = await runOn(c.pool, host, 'cat; echo oops >&2; exit 7', { stdin: 'from stdin\n' });
    expect(r).toMatchObject({ end: 'exited', exitCode: 7, out: 'from stdin\n', err: 'oops\n' });
    expect(c.pool.handshakes).toBe(1);
    expect(plain.logins() - before).toBe(1);
    await c.pool.close();
  });

  it('a host the resolver marks as needing OpenSSH (needsOpenSsh) goes through it, and the reason is kept', async () => {
    const c = sshCase(work, known());
    const r = await runOn(c.pool, c.host(plain, { strictHostKeyChecking: 'yes', needsOpenSsh: ['PKCS11Provider'] }), 'echo pkcs');
    expect(r.out).toBe('pkcs\n');
    expect(r.conn.transport).toBe('openssh');
    expect(r.conn.transportReasons).toEqual(['app: PKCS11Provider']);
    await c.pool.close();
  });

  it('ask: a certificate host without its CA on record is asked about by its plain key, then known', async () => {
    const c = sshCase(work, '', { transport: 'openssh' });
    const r = await runOn(c.pool, c.host(certHost, { strictHostKeyChecking: 'ask' }), 'echo asked-cert');
    expect(r.out).toBe('asked-cert\n');
    expect(c.asked.map((q) => q.fingerprint)).toEqual([fingerprintOf(work, certHost.hostKeyPublic)]);
    expect(readFileSync(c.appFile, 'utf8')).toContain(certHost.knownHostsLine());
    await c.pool.close();
  });

  it('cancelling kills the remote process group', async () => {
    const c = sshCase(work, known(), { transport: 'openssh' });
    const controller = new AbortController();
    const marker = `sleep 4545.${process.pid}`;
    setTimeout(() => controller.abort(), 1_000);
    const r = await runOn(c.pool, c.host(plain, { strictHostKeyChecking: 'yes' }), `(${marker}) & ${marker}1; echo never`, { signal: controller.signal });
    expect(r.end).toBe('cancelled');
    expect(r.out).not.toContain('never');
    expect(r.remotePid).toBeGreaterThan(1);
    expect(pgrep(marker)).toEqual([]);
    await c.pool.close();
  });

  it('a timeout stops the step and leaves nothing running; the master dies with the pool', async () => {
    const c = sshCase(work, known(), { transport: 'openssh' });
    const marker = `sleep 4646.${process.pid}`;
    const r = await runOn(c.pool, c.host(plain, { strictHostKeyChecking: 'yes' }), `echo started; ${marker}`, { timeoutMs: 800 });
    expect(r).toMatchObject({ end: 'timeout', out: 'started\n', exitCode: null });
    expect(pgrep(marker)).toEqual([]);
    // The master's command line names this case's known_hosts files.
    expect(pgrep(c.dir).length).toBeGreaterThan(0);
    await c.pool.close();
    expect(pgrep(c.dir)).toEqual([]);
  });

  it('goes through a jump host with every hop checked (the target vouched for by a CA)', async () => {
    const c = sshCase(work, `${known()}@cert-authority 127.0.0.1 ${caLine(hostCa)}\n`);
    const hop = c.hop(plain, { alias: 'bastion', strictHostKeyChecking: 'yes' });
    const r = await runOn(c.pool, c.host(certHost, { strictHostKeyChecking: 'yes' }, [hop]), 'echo hopped');
    expect(r.out).toBe('hopped\n');
    expect(r.conn.transport).toBe('openssh');
    expect(r.conn.jumpKeys).toMatchObject([{ host: 'bastion', decision: 'known', fingerprint: fingerprintOf(work, plain.hostKeyPublic) }]);
    expect(r.conn.key.decision).toBe('certificate');
    await c.pool.close();
  });

  it('asks about an unknown jump host before its target, naming the target', async () => {
    const c = sshCase(work, `@cert-authority 127.0.0.1 ${caLine(hostCa)}\n`, { transport: 'openssh' });
    const hop = c.hop(plain, { alias: 'bastion', strictHostKeyChecking: 'ask' });
    const r = await runOn(c.pool, c.host(certHost, { strictHostKeyChecking: 'yes' }, [hop]), 'echo asked-hop');
    expect(r.out).toBe('asked-hop\n');
    expect(c.asked.map((q) => [q.host, q.jumpFor])).toEqual([['bastion', 'app']]);
    expect(readFileSync(c.appFile, 'utf8')).toContain(plain.knownHostsLine());
    await c.pool.close();
  });
});

describe('ProxyCommand', () => {
  it('is spawned as the socket on both transports and killed when the run closes', async () => {
    const relay = join(work, 'relay.cjs');
    // A tiny TCP relay, so the test needs neither nc nor a jump host.
    writeFileSync(relay, "const s = require('net').connect(Number(process.argv[2]), '127.0.0.1'); process.stdin.pipe(s); s.pipe(process.stdout);\n");
    for (const transport of ['auto', 'openssh'] as const) {
      const c = sshCase(work, `[unresolvable.invalid]:${plain.port} ${plain.hostKeyPublic}\n`, { transport });
      const proxyCommand = `${process.execPath} ${relay} ${plain.port} oncall-relay-${transport}`;
      const r = await runOn(c.pool, c.host(plain, { hostname: 'unresolvable.invalid', strictHostKeyChecking: 'yes', proxyCommand }), 'echo proxied');
      expect(r.out).toBe('proxied\n');
      expect(pgrep(`oncall-relay-${transport}`).length).toBeGreaterThan(0);
      await c.pool.close();
      await expect.poll(() => pgrep(`oncall-relay-${transport}`), { timeout: 5_000 }).toEqual([]);
    }
  });

  it('a ProxyCommand that fails is reported, by ssh2 with what it printed', async () => {
    // OpenSSH itself does not pass a ProxyCommand's stderr on here; it reports the closed connection.
    for (const [transport, expected] of [['auto', /relay: no route to db-9/], ['openssh', /via OpenSSH: .*Connection closed/]] as const) {
      const c = sshCase(work, plain.knownHostsLine(), { transport });
      const host = c.host(plain, { strictHostKeyChecking: 'yes', proxyCommand: 'echo "relay: no route to db-9" >&2; exit 1' });
      await expect(runOn(c.pool, host, 'true')).rejects.toThrow(expected);
      await c.pool.close();
    }
  });
});
