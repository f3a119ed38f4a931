import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliProcess } from '../../support/cli';
import { sshBinary } from '../../support/ssh-g';

/** `oncall ssh resolve` (the built binary) against what the real `ssh -G` says for the same files. */
let home: string;
let data: string;

const sshConfig = `Host app
  HostName 127.0.0.1
  User deploy
  Port 2222
  ProxyJump ops@gw1:2201,gw2
  IdentityFile ~/.ssh/app_key
  IdentitiesOnly yes
  UserKnownHostsFile ~/.ssh/kh_%h /dev/null
  StrictHostKeyChecking accept-new
  HostKeyAlias App-Prod
Host gw1
  HostName 127.0.0.2
Host gw2
  HostName 127.0.0.3
  User jumper
  ProxyJump overridden-by-the-chain
Host pc
  HostName 127.0.0.4
  ProxyCommand nc %h %p
Host broken
  Port abc
`;

beforeAll(() => {
  home = mkdtempSync(join(tmpdir(), 'oncall-ssh-cli-'));
  data = join(home, 'data');
  mkdirSync(join(home, '.ssh'));
  mkdirSync(data);
  writeFileSync(join(home, '.ssh', 'config'), sshConfig.replace('Host broken\n  Port abc\n', ''));
  writeFileSync(join(data, 'config.yml'), 'ssh:\n  hosts:\n    - name: db\n      hostname: 127.0.0.9\n      port: 2022\n      user: dbuser\n');
});
afterAll(() => rmSync(home, { recursive: true, force: true }));

/** The real ssh's answer, keyword → first value. */
function sshG(args: string[]): Record<string, string> {
  const run = spawnSync(sshBinary, ['-G', '-F', join(home, '.ssh', 'config'), ...args], { encoding: 'utf8', env: { ...process.env, HOME: home } });
  if (run.status !== 0) throw new Error(`ssh -G failed: ${run.stderr}`);
  const out: Record<string, string> = {};
  for (const line of run.stdout.split('\n')) {
    const [key, ...rest] = line.split(' ');
    if (key && !(key in out)) out[key] = rest.join(' ');
  }
  return out;
}

const oncall = (...args: string[]) => cliProcess(['--home', data, 'ssh', 'resolve', ...args], { HOME: home });
const hop = (g: Record<string, string>) => ({ hostname: g.hostname, user: g.user, port: Number(g.port) });

describe('oncall ssh resolve', () => {
  it('prints what ssh -G resolves, with the jump chain outermost first', () => {
    const r = oncall('app', '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const got = JSON.parse(r.stdout) as Record<string, unknown>;
    const app = sshG(['app']);
    const stricts: Record<string, string> = { true: 'yes', false: 'no' };
    expect(got).toMatchObject({
      hostname: app.hostname,
      user: app.user,
      port: Number(app.port),
      // ssh -G prints key paths before expanding `~`; ssh expands it with the password-database home.
      identityfile: [(app.identityfile ?? '').replace(/^~/, userInfo().homedir)],
      proxycommand: null,
      hostkeyalias: app.hostkeyalias,
      userknownhostsfile: (app.userknownhostsfile ?? '').split(' '),
      stricthostkeychecking: stricts[app.stricthostkeychecking ?? ''] ?? app.stricthostkeychecking,
      identitiesonly: app.identitiesonly === 'yes',
    });
    // ssh reaches gw2 as `ssh -J ops@gw1:2201 gw2` and gw1 as `ssh -l ops -p 2201 gw1`.
    expect(got.chain).toEqual([hop(sshG(['-l', 'ops', '-p', '2201', 'gw1'])), hop(sshG(['-J', 'ops@gw1:2201', 'gw2']))]);
  });

  it('expands ProxyCommand tokens and lets config.yml hosts win like command-line options', () => {
    const pc = JSON.parse(oncall('pc', '--json').stdout) as { proxycommand: string };
    const g = sshG(['pc']);
    expect(pc.proxycommand).toBe((g.proxycommand ?? '').replace('%h', g.hostname ?? '').replace('%p', g.port ?? ''));
    const db = JSON.parse(oncall('db', '--json').stdout) as Record<string, unknown>;
    expect({ hostname: db.hostname, user: db.user, port: db.port }).toEqual(hop(sshG(['-o', 'HostName=127.0.0.9', '-o', 'Port=2022', '-o', 'User=dbuser', 'db'])));
  });

  it('prints a readable summary without --json', () => {
    const r = oncall('app');
    expect(r.code).toBe(0);
    const app = sshG(['app']);
    expect(r.stdout.split('\n')[0]).toBe(`${app.user ?? ''}@${app.hostname ?? ''}:${app.port ?? ''}`);
    expect(r.stdout).toMatch(/^ {2}via ops@127\.0\.0\.2:2201$/m);
  });

  it('an unknown host is an error object and exit 1', () => {
    const r = oncall('nosuch-host.invalid', '--json');
    expect(r.code).toBe(1);
    const body = JSON.parse(r.stdout) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('not_found');
    expect(body.error.message).toContain('could not resolve hostname nosuch-host.invalid');
  });

  it('a broken ~/.ssh/config is an error naming the file and line', () => {
    writeFileSync(join(home, '.ssh', 'config'), sshConfig);
    try {
      const r = oncall('app', '--json');
      expect(r.code).toBe(1);
      const body = JSON.parse(r.stdout) as { error: { message: string } };
      expect(body.error.message).toMatch(/config line 2[0-9]: Bad port 'abc'/);
      const plain = oncall('app');
      expect(plain.code).toBe(1);
      expect(plain.stderr).toContain("Bad port 'abc'");
    } finally {
      writeFileSync(join(home, '.ssh', 'config'), sshConfig.replace('Host broken\n  Port abc\n', ''));
    }
  });
});
