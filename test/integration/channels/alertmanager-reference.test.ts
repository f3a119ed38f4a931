import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDeliver, type ChannelSource } from '../../../main/core/channels/deliver';
import type { NotificationData, OutgoingMessage } from '../../../main/core/channels/message';
import { parseAlertmanagerText } from '../../../main/core/alerts/am/load';
import { startChannelReceiver, type ChannelReceiver, type Received } from '../../support/channel-receiver';
import { freePort, stopPeer } from '../../support/peer';
import { startSmtp, type ReceivedMail, type SmtpPeer } from '../../support/smtp';

/**
 * Debian's real Alertmanager 0.25 is the reference: it notifies our local receivers (webhook,
 * Slack, e-mail) for one alert group, firing and then resolved; the console then renders the
 * same notification data (taken from Alertmanager's own webhook payload) through the same
 * receiver config, and the bodies must be the same: the webhook byte for byte, the Slack JSON
 * field for field, the e-mail's Subject/To/From headers.
 */
const amBinary = process.env.ALERTMANAGER_PATH ?? '/usr/bin/prometheus-alertmanager';

let receiver: ChannelReceiver;
let smtp: SmtpPeer;
let dir: string;
let am: ChildProcess;
let configText: string;
const fromAm: { webhook: Received[]; slack: Received[]; custom: Received[]; mail: ReceivedMail[] } = { webhook: [], slack: [], custom: [], mail: [] };

function amConfig(url: string, smtpPort: number): string {
  return `global:
  smtp_smarthost: 127.0.0.1:${smtpPort}
  smtp_from: alertmanager@example.org
  smtp_require_tls: false
templates: ['tmpl/*.tmpl']
route:
  receiver: team.x
  group_by: [alertname]
  group_wait: 1s
  group_interval: 1s
  repeat_interval: 1h
receivers:
  - name: team.x
    webhook_configs:
      - url: ${url}/webhook
      - url: ${url}/webhook?truncated
        max_alerts: 1
        send_resolved: false
    slack_configs:
      - api_url: ${url}/slack
        channel: '#ops'
        send_resolved: true
      - api_url: ${url}/slack?custom
        title: '{{ template "team.title" . }}'
        text: '{{ range .Alerts }}{{ .Labels.instance | toUpper }}: {{ .Annotations.summary }} since {{ .StartsAt.Format "15:04" }}{{ "\\n" }}{{ end }}'
        color: '{{ if eq .Status "firing" }}#ff0000{{ else }}#00ff00{{ end }}'
        footer: '{{ .CommonLabels.Names | join "," }}'
        fields:
          - title: Severity
            value: '{{ .CommonLabels.severity | title }}'
            short: true
          - title: Hosts
            value: '{{ range .Alerts.Firing }}{{ reReplaceAll ":.*" "" .Labels.instance }} {{ end }}'
        actions:
          - type: button
            text: Runbook
            url: '{{ .CommonAnnotations.runbook_url }}'
        link_names: true
        icon_emoji: ':fire:'
    email_configs:
      - to: oncall@example.org
        headers:
          x-team: '{{ .GroupLabels.alertname }}'
`;
}

async function postAlerts(url: string, alerts: unknown[]): Promise<void> {
  const res = await fetch(`${url}/api/v2/alerts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(alerts) });
  if (!res.ok) throw new Error(`alertmanager refused the alerts: ${res.status} ${await res.text()}`);
}

const startsAt = '2026-12-03T20:00:00.123456789Z';
const alert = (instance: string, endsAt?: string) => ({
  labels: { alertname: 'ApiDown', severity: 'critical', service: 'api', instance },
  annotations: { summary: `api on ${instance} <down> & out`, runbook_url: 'https://runbooks.example.org/api-down?x=1&y=2' },
  startsAt,
  ...(endsAt ? { endsAt } : {}),
  generatorURL: 'http://prometheus:9090/graph?g0.expr=up%3D%3D0',
});

async function collect(path: string, n: number, into: Received[]): Promise<void> {
  while (into.length < n) into.push(await receiver.next(path, 30_000));
}

beforeAll(async () => {
  if (!existsSync(amBinary)) throw new Error(`${amBinary} not found: apt-get install prometheus-alertmanager (or set ALERTMANAGER_PATH)`);
  receiver = await startChannelReceiver();
  smtp = await startSmtp();
  dir = mkdtempSync(join(tmpdir(), 'oncall-am-ref-'));
  mkdirSync(join(dir, 'tmpl'));
  writeFileSync(join(dir, 'tmpl', 'team.tmpl'), '{{ define "team.title" }}{{ .Status | toUpper }}: {{ .CommonLabels.alertname }} on {{ len .Alerts }} host{{ if gt (len .Alerts) 1 }}s{{ end }}{{ end }}\n');
  configText = amConfig(receiver.url, smtp.port);
  writeFileSync(join(dir, 'alertmanager.yml'), configText);
  const port = await freePort();
  am = spawn(amBinary, [`--config.file=${join(dir, 'alertmanager.yml')}`, `--storage.path=${join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`, '--cluster.listen-address=', `--web.external-url=http://am.example.org:9093`], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  am.stderr?.on('data', (d: Buffer) => (log = (log + d.toString()).slice(-4000)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    try {
      if ((await fetch(`${url}/-/ready`)).ok) break;
    } catch {
      // not yet listening
    }
    if (am.exitCode !== null || Date.now() > deadline) throw new Error(`alertmanager did not start:\n${log}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  await postAlerts(url, [alert('api-1:8080'), alert('api-2:8080')]);
  await collect('/webhook', 2, fromAm.webhook);
  await Promise.all([collect('/slack', 2, fromAm.slack)]);
  fromAm.mail.push(await smtp.next(30_000));
  // Resolve both: the webhook and the first Slack config (send_resolved) are told, the rest are not.
  const past = new Date(Date.now() - 1000).toISOString();
  await postAlerts(url, [alert('api-1:8080', past), alert('api-2:8080', past)]);
  await collect('/webhook', 3, fromAm.webhook);
  await collect('/slack', 3, fromAm.slack);
  // The truncating webhook has send_resolved: false; give a stray resolved message time to show.
  await new Promise((r) => setTimeout(r, 1500));
  for (const r of receiver.received) if (!fromAm.webhook.includes(r) && r.path === '/webhook') fromAm.webhook.push(r);
}, 60_000);

afterAll(async () => {
  await receiver?.stop();
  await smtp?.stop();
  if (am) await stopPeer(am, dir);
});

const full = () => fromAm.webhook.filter((w) => w.url === '/webhook');
const truncated = () => fromAm.webhook.filter((w) => w.url === '/webhook?truncated');

/** The notification data Alertmanager used, as its own webhook payload carries it. */
function dataFrom(r: Received): NotificationData {
  const j = r.json as NotificationData & { version: string };
  return { receiver: 'team.x', status: j.status, alerts: j.alerts, groupLabels: j.groupLabels, commonLabels: j.commonLabels, commonAnnotations: j.commonAnnotations, externalURL: j.externalURL, groupKey: j.groupKey, truncatedAlerts: j.truncatedAlerts };
}

async function deliverOurs(kind: string, index: number, message: OutgoingMessage): Promise<void> {
  const parsed = parseAlertmanagerText(configText, join(dir, 'alertmanager.yml'));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  const source: ChannelSource = { receivers: parsed.settings.receivers, global: parsed.settings.delivery?.global, templates: parsed.settings.delivery?.templates, baseDir: dir };
  const result = await createDeliver({ source: () => source })({ receiver: 'team.x', kind, index }, message, { idempotencyKey: 'ref-1' });
  expect(result.ok, result.answer).toBe(true);
}

async function ours(kind: string, index: number, message: OutgoingMessage): Promise<Received> {
  const before = receiver.received.length;
  await deliverOurs(kind, index, message);
  const got = receiver.received[before];
  if (!got) throw new Error('nothing received');
  return got;
}

const slackOf = (list: Received[], custom: boolean) => list.filter((r) => r.headers['user-agent']?.startsWith('Alertmanager') && ((r.json as { attachments: { title?: string }[] }).attachments[0]?.title?.startsWith('[') ?? false) !== custom);

describe('against Alertmanager 0.25', () => {
  it('every payload Alertmanager sent fits the documented shapes', () => {
    for (const r of [...fromAm.webhook, ...fromAm.slack]) expect(r.problems, r.path).toEqual([]);
    expect(full().map((w) => (w.json as { status: string }).status)).toEqual(['firing', 'resolved']);
    expect(truncated().map((w) => (w.json as { status: string }).status)).toEqual(['firing']);
  });

  it('the webhook payload (version 4) is byte for byte the same, firing and resolved', async () => {
    for (const w of full()) {
      const mine = await ours('webhook', 0, { kind: 'alerts', data: dataFrom(w) });
      expect(mine.body).toBe(w.body);
      expect(mine.headers['idempotency-key']).toBe('ref-1');
    }
  });

  it('max_alerts truncates the same way (and counts the dropped alerts)', async () => {
    const theirs = truncated()[0] as Received;
    expect((theirs.json as { truncatedAlerts: number }).truncatedAlerts).toBe(1);
    const mine = await ours('webhook', 1, { kind: 'alerts', data: dataFrom(full()[0] as Received) });
    expect(mine.body).toBe(theirs.body);
  });

  it('the Slack payloads with default templates are the same, firing and resolved', async () => {
    const defaults = slackOf(fromAm.slack, false);
    expect(defaults.length).toBe(2);
    for (const [i, s] of defaults.entries()) {
      const w = full()[i] as Received;
      const mine = await ours('slack', 0, { kind: 'alerts', data: dataFrom(w) });
      expect(mine.json).toEqual(s.json);
    }
  });

  it('the Slack payload with custom templates, fields, actions and a templates: file is the same', async () => {
    const custom = slackOf(fromAm.slack, true);
    expect(custom.length).toBe(1);
    const mine = await ours('slack', 1, { kind: 'alerts', data: dataFrom(full()[0] as Received) });
    expect(mine.json).toEqual(custom[0]?.json);
  });

  it('the e-mail has the same Subject, To, From and custom header', async () => {
    const theirs = fromAm.mail[0] as ReceivedMail;
    await deliverOurs('email', 0, { kind: 'alerts', data: dataFrom(full()[0] as Received) });
    const mine = await smtp.next();
    const header = (mail: string, name: string) => new RegExp(`^${name}: (.*)$`, 'mi').exec(mail.split(/\r?\n\r?\n/)[0] ?? '')?.[1];
    for (const name of ['Subject', 'To', 'From', 'X-Team']) expect(header(mine.data, name), name).toBe(header(theirs.data, name));
    expect(header(theirs.data, 'Subject')).toBe('[FIRING:2] ApiDown (api critical)');
    expect(mine.to).toEqual(theirs.to);
    expect(mine.from).toBe(theirs.from);
  });
});
