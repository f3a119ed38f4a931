import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { systemClock } from '../../../main/core/shared/clock';
import { endpoint, type SshEndpoint } from '../../../main/core/ssh/host-resolve';
import { hopArgs, openSshPaths, targetArgs } from '../../../main/core/ssh/openssh-args';
import type { SshOptions } from '../../../main/core/ssh/types';

// The oracle: what the installed OpenSSH makes of our command line (`ssh -G` prints the options it
// would use). A missing /usr/bin/ssh fails these tests.
const options: SshOptions = {
  appKnownHostsFile: '/data/known_hosts',
  sshConfigFile: null,
  prompts: { trustHostKey: () => Promise.resolve(false), passphrase: () => Promise.resolve(null) },
  keepaliveInterval: 15_000,
  readyTimeout: 20_000,
  clock: systemClock,
};
const paths = openSshPaths('/run/oncall-ssh-x');

function resolved(chain: SshEndpoint[]): Map<string, string[]> {
  const args = targetArgs(chain, options, paths, ['-T', '-G']);
  const out = execFileSync('/usr/bin/ssh', args, { encoding: 'utf8' });
  const map = new Map<string, string[]>();
  for (const line of out.split('\n')) {
    const [key, ...rest] = line.split(' ');
    if (key) map.set(key, [...(map.get(key) ?? []), rest.join(' ')]);
  }
  return map;
}

const base = (extra: Partial<SshEndpoint> = {}) => endpoint({ alias: 'api-prod', hostname: '10.0.0.12', port: 2222, user: 'deploy', identityFiles: ['/keys/id_ed25519'], userKnownHostsFiles: ['/home/u/.ssh/known_hosts'], globalKnownHostsFiles: ['/etc/ssh/ssh_known_hosts'], ...extra });

describe('the OpenSSH command line, as ssh -G reads it', () => {
  it('carries the endpoint: host, port, user, identities, certificates, alias', () => {
    const g = resolved([base({ identitiesOnly: true, certificateFiles: ['/keys/id_ed25519-cert.pub'], hostKeyAlias: 'api-alias' })]);
    expect(g.get('hostname')).toEqual(['10.0.0.12']);
    expect(g.get('port')).toEqual(['2222']);
    expect(g.get('user')).toEqual(['deploy']);
    expect(g.get('identityfile')).toEqual(['/keys/id_ed25519']);
    expect(g.get('certificatefile')).toEqual(['/keys/id_ed25519-cert.pub']);
    expect(g.get('identitiesonly')).toEqual(['yes']);
    expect(g.get('hostkeyalias')).toEqual(['api-alias']);
    expect(g.get('batchmode')).toEqual(['yes']);
    expect(g.get('controlpath')).toEqual([paths.controlPath]);
  });

  it.each([
    ['yes', 'true', ['/data/known_hosts', '/home/u/.ssh/known_hosts']],
    ['accept-new', 'accept-new', ['/data/known_hosts', '/home/u/.ssh/known_hosts']],
    // BatchMode cannot ask: the console asks, records, and retries strictly.
    ['ask', 'true', ['/data/known_hosts', '/home/u/.ssh/known_hosts']],
    // Never weaker: `no` becomes accept-new into a throwaway file, so a changed key still fails.
    ['no', 'accept-new', [paths.sessionKnownHosts, '/data/known_hosts', '/home/u/.ssh/known_hosts']],
  ] as const)('StrictHostKeyChecking %s runs OpenSSH with %s, writing only to the first of %j', (mode, strict, files) => {
    const g = resolved([base({ strictHostKeyChecking: mode })]);
    expect(g.get('stricthostkeychecking')).toEqual([strict]);
    expect(g.get('userknownhostsfile')).toEqual([files.join(' ')]);
    expect(g.get('globalknownhostsfile')).toEqual(['/etc/ssh/ssh_known_hosts']);
  });

  it('reads no /dev/null known_hosts and no global file when there is none', () => {
    const g = resolved([base({ userKnownHostsFiles: ['/dev/null'], globalKnownHostsFiles: [] })]);
    expect(g.get('userknownhostsfile')).toEqual(['/data/known_hosts']);
    expect(g.get('globalknownhostsfile')).toEqual(['none']);
  });

  it('a ProxyCommand passes through literally (OpenSSH would expand % in it again)', () => {
    const g = resolved([base({ proxyCommand: 'nc -X 5 -x proxy:1080 10.0.0.12 2222 # 100%' })]);
    // -G prints the command before its own % expansion: our % arrive doubled, to come out single.
    expect(g.get('proxycommand')).toEqual(['nc -X 5 -x proxy:1080 10.0.0.12 2222 # 100%%']);
  });

  it('a jump host becomes `ssh -W` through it, with its own strict options, and no mux', () => {
    const jump = base({ alias: 'bastion', hostname: '192.0.2.1', port: 22, user: 'jump', strictHostKeyChecking: 'yes' });
    const g = resolved([jump, base()]);
    const proxy = g.get('proxycommand')?.[0] ?? '';
    expect(proxy).toMatch(/^\/usr\/bin\/ssh -F none /);
    expect(proxy).toContain('StrictHostKeyChecking=yes');
    expect(proxy).toContain('ControlPath=none');
    expect(proxy).toMatch(/-W 10\.0\.0\.12:2222 bastion$/);
    // The inner ssh parses too: its own -G names the jump host.
    const inner = hopArgs([jump], 0, options, paths);
    expect(execFileSync('/usr/bin/ssh', [...inner, '-T', '-G', 'bastion'], { encoding: 'utf8' })).toMatch(/^hostname 192\.0\.2\.1$/m);
  });
});
