import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { keygen, startSshd, type Sshd } from '../../support/sshd';
import { closeAllPools, fingerprintOf, read, runOn, sshCase } from './cases';

let sshd: Sshd;
let work: string;
let otherKey: string;

beforeAll(async () => {
  sshd = await startSshd();
  work = mkdtempSync(join(tmpdir(), 'oncall-ssh-modes-'));
  otherKey = keygen(join(work, 'other')).split(' ').slice(0, 2).join(' ');
});
afterEach(closeAllPools);
afterAll(async () => {
  await sshd.stop();
  rmSync(work, { recursive: true, force: true });
});

// Every mode through both clients: ssh2 by default, the system OpenSSH when forced.
describe.each([['ssh2' as const], ['openssh' as const]])('StrictHostKeyChecking through %s', (transport) => {
  const setup = (userKnownHosts = '', trust = true) => sshCase(work, userKnownHosts, { trust, transport: transport === 'openssh' ? 'openssh' : 'auto' });

  it('yes: refuses an unknown key without asking and runs nothing', async () => {
    const c = setup();
    const marker = join(work, `never-${transport}`);
    await expect(runOn(c.pool, c.host(sshd, { strictHostKeyChecking: 'yes' }), `touch ${marker}`)).rejects.toThrow(/StrictHostKeyChecking is yes/);
    expect(c.asked).toEqual([]);
    expect(read(marker)).toBe('');
    expect(read(c.appFile)).toBe('');
    await c.pool.close();
  });

  it('yes: accepts the key from the second UserKnownHostsFile after /dev/null, and says which line vouched', async () => {
    const c = setup();
    writeFileSync(join(c.dir, 'second'), `# team hosts\n${sshd.knownHostsLine()}\n`);
    const r = await runOn(c.pool, c.host(sshd, { strictHostKeyChecking: 'yes', userKnownHostsFiles: ['/dev/null', join(c.dir, 'second')] }), 'echo ok');
    expect(r.out).toBe('ok\n');
    expect(r.conn.transport).toBe(transport);
    expect(r.conn.key).toMatchObject({ decision: 'known', detail: `${join(c.dir, 'second')}:2`, fingerprint: fingerprintOf(work, sshd.hostKeyPublic) });
    await c.pool.close();
  });

  it('yes: a GlobalKnownHostsFile entry vouches too', async () => {
    const c = setup();
    const global = join(c.dir, 'ssh_known_hosts');
    writeFileSync(global, `${sshd.knownHostsLine()}\n`);
    const r = await runOn(c.pool, c.host(sshd, { strictHostKeyChecking: 'yes', globalKnownHostsFiles: [global] }), 'echo global');
    expect(r.out).toBe('global\n');
    expect(r.conn.key.detail).toBe(`${global}:1`);
    await c.pool.close();
  });

  it('accept-new: trusts an unknown key unattended, records it in the app file only, and knows it next time', async () => {
    const c = setup();
    const host = c.host(sshd, { strictHostKeyChecking: 'accept-new' });
    const r = await runOn(c.pool, host, 'echo new');
    expect(r.out).toBe('new\n');
    expect(c.asked).toEqual([]);
    expect(r.conn.key.decision).toBe('accepted-new');
    expect(read(c.appFile)).toContain(`[127.0.0.1]:${sshd.port} ${sshd.hostKeyPublic}`);
    expect(read(c.userFile)).toBe('');
    await c.pool.close();
    const again = sshCase(work, '', { transport: transport === 'openssh' ? 'openssh' : 'auto' });
    again.options.appKnownHostsFile = c.appFile;
    const { SshPool } = await import('../../../main/core/ssh/pool');
    const pool = new SshPool(again.options);
    const r2 = await runOn(pool, { ...host, strictHostKeyChecking: 'yes' }, 'true');
    expect(r2.conn.key.decision).toBe('known');
    await pool.close();
  });

  it('ask: puts the fingerprint to the human, records a yes in the app file', async () => {
    const c = setup();
    const r = await runOn(c.pool, c.host(sshd, { strictHostKeyChecking: 'ask' }), 'echo asked');
    expect(r.out).toBe('asked\n');
    expect(c.asked.map((q) => q.fingerprint)).toEqual([fingerprintOf(work, sshd.hostKeyPublic)]);
    expect(r.conn.key.decision).toBe('trusted-by-user');
    expect(read(c.appFile)).toContain(sshd.hostKeyPublic);
    await c.pool.close();
  });

  it('ask: a no runs nothing and records nothing', async () => {
    const c = setup('', false);
    await expect(runOn(c.pool, c.host(sshd, { strictHostKeyChecking: 'ask' }), 'true')).rejects.toThrow(/not trusted/);
    expect(c.asked).toHaveLength(1);
    expect(read(c.appFile)).toBe('');
    await c.pool.close();
  });

  it('no: connects to an unknown host with a warning, asks nothing and records nothing', async () => {
    const c = setup();
    const r = await runOn(c.pool, c.host(sshd, { strictHostKeyChecking: 'no' }), 'echo unchecked');
    expect(r.out).toBe('unchecked\n');
    expect(c.asked).toEqual([]);
    expect(r.conn.key).toMatchObject({ decision: 'unchecked', detail: expect.stringMatching(/^WARNING: host key not verified/) as unknown });
    expect(read(c.appFile)).toBe('');
    await c.pool.close();
  });

  it.each([['yes' as const], ['accept-new' as const], ['ask' as const], ['no' as const]])('%s: a changed key is refused, never asked about, never recorded', async (mode) => {
    const c = setup(`[127.0.0.1]:${sshd.port} ${otherKey}\n`);
    await expect(runOn(c.pool, c.host(sshd, { strictHostKeyChecking: mode }), 'true')).rejects.toThrow(/HAS CHANGED.*user_known_hosts line 1/s);
    expect(c.asked).toEqual([]);
    expect(read(c.appFile)).toBe('');
    await c.pool.close();
  });

  it('HostKeyAlias: the key is looked up, and recorded, under the alias instead of [host]:port', async () => {
    const c = setup(`db-primary ${sshd.hostKeyPublic}\n[127.0.0.1]:${sshd.port} ${otherKey}\n`);
    // The [host]:port line holds another key: only the alias line may decide.
    const r = await runOn(c.pool, c.host(sshd, { strictHostKeyChecking: 'yes', hostKeyAlias: 'db-primary' }), 'echo alias');
    expect(r.out).toBe('alias\n');
    expect(r.conn.key.detail).toBe(`${c.userFile}:1`);
    await c.pool.close();
    const d = setup(`${sshd.knownHostsLine()}\n`);
    await expect(runOn(d.pool, d.host(sshd, { strictHostKeyChecking: 'yes', hostKeyAlias: 'db-replica' }), 'true')).rejects.toThrow(/HostKeyAlias db-replica/);
    await d.pool.close();
    const e = setup();
    await runOn(e.pool, e.host(sshd, { strictHostKeyChecking: 'accept-new', hostKeyAlias: 'db-new' }), 'true');
    expect(read(e.appFile)).toMatch(/^db-new ssh-ed25519 /);
    await e.pool.close();
  });

  it('a negated pattern vetoes a wildcard line, and @revoked refuses the key', async () => {
    const c = setup(`[127.0.0.1]:*,!127.0.0.1 ${sshd.hostKeyPublic}\n`);
    expect((await runOn(c.pool, c.host(sshd, { strictHostKeyChecking: 'yes' }), 'echo wild')).out).toBe('wild\n');
    await c.pool.close();
    const d = setup(`*,![127.0.0.1]:${sshd.port} ${sshd.hostKeyPublic}\n`);
    await expect(runOn(d.pool, d.host(sshd, { strictHostKeyChecking: 'yes' }), 'true')).rejects.toThrow(/StrictHostKeyChecking is yes/);
    await d.pool.close();
    const e = setup(`${sshd.knownHostsLine()}\n@revoked * ${sshd.hostKeyPublic}\n`);
    await expect(runOn(e.pool, e.host(sshd, { strictHostKeyChecking: 'no' }), 'true')).rejects.toThrow(/revoked/);
    await e.pool.close();
  });
});
