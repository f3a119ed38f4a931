import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliProcess } from '../../support/cli';
import { sshBinary } from '../../support/ssh-g';

/** `runbook run --dry-run` names where each SSH step would connect, as ssh -G resolves it. */
let home: string;
let data: string;
let runbook: string;

beforeAll(() => {
  home = mkdtempSync(join(tmpdir(), 'oncall-ssh-dry-'));
  data = join(home, 'data');
  mkdirSync(join(home, '.ssh'));
  mkdirSync(data);
  writeFileSync(join(home, '.ssh', 'config'), 'Host web-*\n  HostName %h.internal.example\n  User www\n  ProxyJump gw\nHost gw\n  HostName 192.0.2.10\n  Port 2200\n  User jump\n');
  writeFileSync(join(data, 'config.yml'), 'ssh:\n  hosts:\n    - name: app\n      hostname: 127.0.0.1\n      port: 2022\n      user: deploy\n');
  runbook = join(home, 'dry.md');
  writeFileSync(runbook, ['---', 'id: dry', '---', '# Dry', '', '## On app', '', '```sh {host=app}', 'uptime', '```', '', '## On web', '', '```sh {host=web-1}', 'uptime', '```', ''].join('\n'));
});
afterAll(() => rmSync(home, { recursive: true, force: true }));

function sshG(args: string[]): string {
  const run = spawnSync(sshBinary, ['-G', '-F', join(home, '.ssh', 'config'), ...args], { encoding: 'utf8', env: { ...process.env, HOME: home } });
  const value = (k: string) => new RegExp(`^${k} (.*)$`, 'm').exec(run.stdout)?.[1] ?? '';
  return `${value('user')}@${value('hostname')}:${value('port')}`;
}

describe('runbook run --dry-run shows resolved SSH targets', () => {
  it('--json carries user@hostname:port and the jump chain per SSH step', () => {
    const r = cliProcess(['--home', data, 'runbook', 'run', runbook, '--dry-run', '--json'], { HOME: home });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as { steps: { host: string; resolved: { target: string; chain: string[] } | null }[] };
    expect(doc.steps.map((s) => [s.host, s.resolved])).toEqual([
      ['app', { target: sshG(['-o', 'HostName=127.0.0.1', '-o', 'Port=2022', '-o', 'User=deploy', 'app']), chain: [] }],
      ['web-1', { target: sshG(['web-1']), chain: [sshG(['gw'])] }],
    ]);
  });

  it('the text form shows the chain', () => {
    const r = cliProcess(['--home', data, 'runbook', 'run', runbook, '--dry-run'], { HOME: home });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`[ssh @ web-1 = ${sshG(['gw'])} -> ${sshG(['web-1'])}]`);
  });
});
