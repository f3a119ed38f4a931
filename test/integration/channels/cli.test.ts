import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelTestReport } from '../../../preload/contract';
import { startChannelReceiver, type ChannelReceiver } from '../../support/channel-receiver';
import { oncallBin } from '../../support/cli';

/**
 * `oncall channels test RECEIVER` as its own process (the built binary) against the local
 * receivers: each integration's answer, exit 1 when one fails, secrets nowhere in the output.
 */
let rx: ChannelReceiver;
let home: string;
const teamsPath = 'teams?sig=s3cr3t-teams-signature';

/** Async, so the receivers in this process keep answering while the CLI runs. */
function run(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [oncallBin, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

beforeAll(async () => {
  if (!existsSync(oncallBin)) throw new Error(`${oncallBin} is missing: run \`npm run build\` (or node .ci/build.mjs) first`);
  rx = await startChannelReceiver();
  home = mkdtempSync(join(tmpdir(), 'oncall-cli-channels-'));
  mkdirSync(join(home, 'team'));
  writeFileSync(join(home, 'config.yml'), 'alerting:\n  alertmanagerConfig: team/alertmanager.yml\n');
  writeFileSync(
    join(home, 'team', 'alertmanager.yml'),
    `route: { receiver: ops }
receivers:
  - name: ops
    webhook_configs: [{ url: '${rx.url}/webhook' }]
    slack_configs: [{ api_url_file: slack-url, channel: '#ops' }]
    msteams_configs: [{ webhook_url: '\${env:TEAMS_HOOK}' }]
    pagerduty_configs: [{ routing_key: abc }]
`,
  );
  writeFileSync(join(home, 'team', 'slack-url'), `${rx.url}/mattermost\n`);
});
afterAll(async () => {
  await rx?.stop();
});

const env = () => ({ ONCALL_HOME: home, TEAMS_HOOK: `${rx.url}/${teamsPath}` });

describe('oncall channels test', () => {
  it('sends through every deliverable integration and prints each answer (exit 0)', async () => {
    const r = await run(['channels', 'test', 'ops', '--json'], env());
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as ChannelTestReport;
    expect(report.results.map((x) => [x.kind, x.ok, x.status, x.answer])).toEqual([
      ['webhook', true, 200, 'ok'],
      ['slack', true, 200, 'ok'],
      ['msteams', true, 200, '1'],
    ]);
    expect(report.skipped).toEqual([{ kind: 'pagerduty', index: 0 }]);
    const paths = rx.received.map((x) => x.path).sort();
    expect(paths).toEqual(['/mattermost', '/teams', '/webhook']);
    for (const x of rx.received) expect(x.problems).toEqual([]);
  });

  it('reports a failing server with its status and answer and exits 1; no secret in the output', async () => {
    rx.failAlways({ status: 503, body: 'maintenance, try later ({url})' });
    const r = await run(['channels', 'test', 'ops'], env());
    rx.failAlways(null);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^webhook\[0\] {2}FAILED \(retryable\) {2}503 {2}HTTP 503: maintenance, try later/m);
    expect(r.stdout).toMatch(/^pagerduty\[0\] {2}skipped/m);
    expect(r.stdout + r.stderr).not.toContain('s3cr3t-teams-signature');
    expect(r.stderr).toMatch(/^msteams\[0\] {2}FAILED.*\*\*\*/m);
  });

  it('an unknown receiver is exit 1 with the receivers it knows', async () => {
    const r = await run(['channels', 'test', 'nobody'], env());
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('no receiver named "nobody" (receivers: ops)');
  });

  it('lists receivers without their secrets', async () => {
    const r = await run(['channels', 'list'], env());
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('msteams[0]  delivered  send_resolved=true  (URL from ${env:TEAMS_HOOK})');
    expect(r.stdout).toContain('pagerduty[0]  not delivered by the console');
  });
});
