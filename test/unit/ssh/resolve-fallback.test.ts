import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveHost, type ConfiguredHost } from '../../../main/core/ssh/host-resolve';
import { matchPattern } from '../../../main/core/ssh/resolve/pattern';
import type { LocalSystem } from '../../../main/core/ssh/resolve/readconf';

/**
 * The TypeScript resolver on a machine without OpenSSH (a fake file system, as on Windows): the
 * jump-chain rules, config.yml priority, the default files and the expansions a connection needs.
 * (Parity of every rule with the real ssh -G is test/integration/ssh/resolve-ssh-g.test.ts.)
 */
const home = userInfo().homedir;

function fakeSystem(files: Record<string, string>, execOk: string[] = []): LocalSystem & { ran: string[] } {
  const ran: string[] = [];
  return {
    localUser: { name: 'alice', home, uid: 1000 },
    localHost: 'laptop.lan',
    env: { HOME: home, TEAM: '/team' },
    exec: (command) => {
      ran.push(command);
      return execOk.includes(command);
    },
    readConfig: (path) => files[path] ?? null,
    glob: (pattern) => Object.keys(files).filter((f) => matchPattern(f, pattern)).sort(),
    ran,
  };
}

const userConfig = join(home, '.ssh', 'config');
const resolve = (name: string, files: Record<string, string>, hosts: ConfiguredHost[] = [], execOk: string[] = []) =>
  resolveHost(name, { hosts, sshDir: join(home, '.ssh'), useSshConfig: true, resolver: 'typescript', system: fakeSystem(files, execOk) });

describe('TypeScript resolver without OpenSSH', () => {
  it('reads ~/.ssh/config, then /etc/ssh/ssh_config, first value winning', async () => {
    const h = await resolve('web', { [userConfig]: 'Host web\n  HostName web.example\n', '/etc/ssh/ssh_config': 'Host *\n  User sysuser\n  HostName ignored\n  Port 2200\n' });
    expect([h.user, h.hostname, h.port]).toEqual(['sysuser', 'web.example', 2200]);
  });

  it('follows ProxyJump as ssh does: the first hop keeps its own jumps, later hops are reached through the earlier ones', async () => {
    const h = await resolve('app', {
      [userConfig]: 'Host app\n  ProxyJump ops@gw1:2201,gw2\nHost gw1\n  HostName 10.0.0.1\n  ProxyJump outer\nHost gw2\n  HostName 10.0.0.2\n  ProxyJump never-used\nHost outer\n  HostName 10.0.0.9\n  User edge\n',
    });
    expect(h.jumps.map((j) => `${j.user}@${j.hostname}:${String(j.port)}`)).toEqual(['edge@10.0.0.9:22', 'ops@10.0.0.1:2201', 'alice@10.0.0.2:22']);
  });

  it('config.yml hosts win like command-line options, also as jump hosts', async () => {
    const hosts: ConfiguredHost[] = [{ name: 'bastion', hostname: '192.0.2.7', port: 2022, user: 'jump' }];
    const h = await resolve('db', { [userConfig]: 'Host db\n  ProxyJump bastion\nHost bastion\n  HostName from-ssh-config\n  User other\n  IdentityFile ~/.ssh/bastion_key\n' }, hosts);
    expect(h.jumps).toMatchObject([{ alias: 'bastion', hostname: '192.0.2.7', port: 2022, user: 'jump', identityFiles: [join(home, '.ssh', 'bastion_key')] }]);
  });

  it('refuses a jump loop', async () => {
    await expect(resolve('a', { [userConfig]: 'Host a\n  ProxyJump b\nHost b\n  ProxyJump a\n' })).rejects.toThrow(/longer than 8 hops/);
  });

  it('expands key paths, known_hosts and ProxyCommand the way ssh does when it connects', async () => {
    const h = await resolve('Web', { [userConfig]: 'Host Web\n  HostName WEB.example\n  User deploy\n  IdentityFile ~/.ssh/id_%h_%r\n  IdentityFile ${TEAM}/key\n  IdentityFile none\n  CertificateFile %d/c-%n\n  ProxyCommand nc %h %p # via nc\n  UserKnownHostsFile ~/.ssh/kh_%k /dev/null\n  HostKeyAlias Alias\n' });
    expect(h.identityFiles).toEqual([join(home, '.ssh', 'id_web.example_deploy'), '/team/key']);
    expect(h.certificateFiles).toEqual([`${home}/c-Web`]);
    expect(h.proxyCommand).toBe('nc web.example 22 # via nc');
    expect(h.userKnownHostsFiles).toEqual([join(home, '.ssh', 'kh_alias'), '/dev/null']);
    expect(h.hostKeyAlias).toBe('alias');
    expect(h.needsOpenSsh).toEqual([`CertificateFile ${home}/c-Web`]);
  });

  it('runs Match exec with tokens, and only while earlier criteria matched', async () => {
    const sys = fakeSystem({ [userConfig]: 'Match host nomatch exec "never %h"\n  User x\nMatch exec "check %h %p"\n  User checked\n' }, ['check web 22']);
    const h = await resolveHost('web', { hosts: [], sshDir: join(home, '.ssh'), useSshConfig: true, resolver: 'typescript', system: sys });
    expect(h.user).toBe('checked');
    expect(sys.ran).toEqual(['check web 22']);
  });

  it('names a config error by file and line', async () => {
    await expect(resolve('web', { [userConfig]: 'Host web\n  Port 22\n  Port x y\n' })).rejects.toThrow(`${userConfig} line 3: keyword port extra arguments at end of line`);
  });

  it('useSshConfig: false reads no file at all', async () => {
    const h = await resolveHost('web', { hosts: [], sshDir: join(home, '.ssh'), useSshConfig: false, resolver: 'typescript', system: fakeSystem({ [userConfig]: 'Host web\n  User x\n', '/etc/ssh/ssh_config': 'User y\n' }) });
    expect(h.user).toBe('alice');
  });
});

describe('reasons to use the system OpenSSH client', () => {
  it('PKCS11, a FIDO key, and GSSAPI only when nothing else is allowed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'oncall-sk-'));
    try {
      writeFileSync(join(dir, 'id_sk'), 'private');
      writeFileSync(join(dir, 'id_sk.pub'), 'sk-ssh-ed25519@openssh.com AAAA test\n');
      writeFileSync(join(dir, 'id_plain'), 'private');
      writeFileSync(join(dir, 'id_plain.pub'), 'ssh-ed25519 AAAA test\n');
      const h = await resolve('card', { [userConfig]: `Host card\n  PKCS11Provider /usr/lib/p11.so\n  IdentityFile ${dir}/id_sk\n  IdentityFile ${dir}/id_plain\n  IdentityFile ${dir}/missing_sk\n` });
      expect(h.needsOpenSsh).toEqual([`FIDO (sk-) key ${dir}/id_sk`, 'PKCS11Provider /usr/lib/p11.so']);
      expect((await resolve('k', { [userConfig]: 'GSSAPIAuthentication yes\n' })).needsOpenSsh).toEqual([]);
      expect((await resolve('k', { [userConfig]: 'GSSAPIAuthentication yes\nPubkeyAuthentication no\nPasswordAuthentication no\nKbdInteractiveAuthentication no\n' })).needsOpenSsh).toEqual(['GSSAPIAuthentication yes is the only method allowed']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('errors a connection would hit later', () => {
  it('a bad token in IdentityFile is a clear error, as when ssh loads the key', async () => {
    await expect(resolve('web', { [userConfig]: 'Host web\n  IdentityFile ~/.ssh/id_%z\n' })).rejects.toThrow('host "web": unknown token %z');
  });
});
