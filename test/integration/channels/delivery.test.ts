import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Receiver } from '../../../main/core/alerts/am/schema';
import { createDeliver, sendsResolved, type ChannelSource } from '../../../main/core/channels/deliver';
import type { DeliveryResult, NotificationData, OutgoingMessage } from '../../../main/core/channels/message';
import { startChannelReceiver, type ChannelReceiver } from '../../support/channel-receiver';
import { freePort } from '../../support/peer';

/** Each HTTP kind against the local receivers that check its documented shape; failures on command. */

let rx: ChannelReceiver;
let dir: string;
const secretHook = 'T0001/B0002/s3cr3tW3bh00kPart';
const token = 'xoxb-test-token';

const data: NotificationData = {
  receiver: 'team',
  status: 'firing',
  alerts: [
    { status: 'firing', labels: { alertname: 'DiskFull', severity: 'warning', instance: 'db-1' }, annotations: { summary: 'disk 95% full' }, startsAt: '2026-12-03T08:00:00Z', endsAt: '0001-01-01T00:00:00Z', generatorURL: 'http://prom/g', fingerprint: 'f1' },
    { status: 'resolved', labels: { alertname: 'DiskFull', severity: 'warning', instance: 'db-2' }, annotations: { summary: 'disk ok' }, startsAt: '2026-12-03T07:00:00Z', endsAt: '2026-12-03T08:30:00Z', generatorURL: 'http://prom/g', fingerprint: 'f2' },
  ],
  groupLabels: { alertname: 'DiskFull' },
  commonLabels: { alertname: 'DiskFull', severity: 'warning' },
  commonAnnotations: {},
  externalURL: 'http://console.example',
  groupKey: '{}:{alertname="DiskFull"}',
  truncatedAlerts: 0,
};
const resolvedOnly: NotificationData = { ...data, status: 'resolved', alerts: [data.alerts[1] as NotificationData['alerts'][number]] };
const text: OutgoingMessage = { kind: 'text', message: { title: 'Status update', text: 'We rolled back.\n- api is fine', link: 'oncall://incident/42', incidentId: '42' } };

function deliverWith(receivers: Receiver[], opts: { timeoutMs?: number } = {}) {
  const source: ChannelSource = { receivers, baseDir: dir, global: { slack_api_url_file: 'slack-url' } };
  return { deliver: createDeliver({ source: () => source, secrets: { resolve: (ref) => (ref.kind === 'env' && ref.name === 'TEAMS_URL' ? `${rx.url}/teams` : undefined) }, ...opts }), source };
}

beforeAll(async () => {
  rx = await startChannelReceiver();
  dir = mkdtempSync(join(tmpdir(), 'oncall-channels-'));
  writeFileSync(join(dir, 'hook-url'), `${rx.url}/slack?${secretHook}\n`);
  writeFileSync(join(dir, 'slack-url'), `${rx.url}/mattermost\n`);
  writeFileSync(join(dir, 'token'), `${token}\n`);
});
afterAll(async () => {
  await rx.stop();
});

const receivers = (): Receiver[] => [
  {
    name: 'team',
    configs: {
      webhook_configs: [{ url: `${rx.url}/webhook`, max_alerts: 1 }],
      slack_configs: [
        { api_url_file: 'hook-url', channel: '#ops' },
        // Mattermost: the same payload to its hook (here through global.slack_api_url_file).
        { send_resolved: true },
        { api_url: `${rx.url}/api/chat.postMessage`, channel: '#ops', http_config: { authorization: { credentials_file: 'token' } } },
      ],
      msteams_configs: [{ webhook_url: '${env:TEAMS_URL}' }],
    },
  },
];

const ok = (r: DeliveryResult) => expect(r, r.answer).toMatchObject({ ok: true });

describe('delivery to real HTTP receivers', () => {
  it('each kind delivers a payload its receiver accepts, with the idempotency key', async () => {
    const { deliver } = deliverWith(receivers());
    for (const [kind, index, path] of [['webhook', 0, '/webhook'], ['slack', 0, '/slack'], ['slack', 1, '/mattermost'], ['slack', 2, '/api/chat.postMessage'], ['msteams', 0, '/teams']] as const) {
      const r = await deliver({ receiver: 'team', kind, index }, { kind: 'alerts', data }, { idempotencyKey: `k-${kind}-${index}` });
      ok(r);
      const got = await rx.next(path);
      expect(got.problems).toEqual([]);
      expect(got.headers['idempotency-key']).toBe(`k-${kind}-${index}`);
    }
  });

  it('webhook: max_alerts truncates and counts what it dropped; send_resolved defaults per kind', async () => {
    const { deliver, source } = deliverWith(receivers());
    ok(await deliver({ receiver: 'team', kind: 'webhook', index: 0 }, { kind: 'alerts', data }, { idempotencyKey: 'k' }));
    const j = (await rx.next('/webhook')).json as { alerts: unknown[]; truncatedAlerts: number };
    expect([j.alerts.length, j.truncatedAlerts]).toEqual([1, 1]);
    expect([sendsResolved(source, { receiver: 'team', kind: 'webhook', index: 0 }), sendsResolved(source, { receiver: 'team', kind: 'slack', index: 0 }), sendsResolved(source, { receiver: 'team', kind: 'slack', index: 1 }), sendsResolved(source, { receiver: 'team', kind: 'msteams', index: 0 })]).toEqual([true, false, true, true]);
  });

  it('without send_resolved, resolved alerts are left out, and an all-resolved group is not sent', async () => {
    const { deliver } = deliverWith(receivers());
    const before = rx.received.length;
    const r = await deliver({ receiver: 'team', kind: 'slack', index: 0 }, { kind: 'alerts', data: resolvedOnly }, { idempotencyKey: 'k' });
    expect(r).toMatchObject({ ok: true, answer: expect.stringMatching(/send_resolved/) as string });
    expect(rx.received.length).toBe(before);
    ok(await deliver({ receiver: 'team', kind: 'slack', index: 0 }, { kind: 'alerts', data }, { idempotencyKey: 'k' }));
    const title = ((await rx.next('/slack')).json as { attachments: { title: string }[] }).attachments[0]?.title;
    // Values in label-name order (instance, severity), from the firing alert only.
    expect(title).toBe('[FIRING:1] DiskFull (db-1 warning)');
  });

  it('a text message (status update) reads naturally on every kind and carries the link', async () => {
    const { deliver } = deliverWith(receivers());
    for (const [kind, index, path] of [['webhook', 0, '/webhook'], ['slack', 0, '/slack'], ['slack', 1, '/mattermost'], ['msteams', 0, '/teams']] as const) {
      ok(await deliver({ receiver: 'team', kind, index }, text, { idempotencyKey: 'k-text' }));
      const got = await rx.next(path);
      expect(got.problems).toEqual([]);
      expect(got.body).toContain('oncall://incident/42');
      expect(got.body).toContain('Status update');
    }
  });

  it('secrets from *_file, the environment and credentials_file never appear in a result, even a failing one', async () => {
    const { deliver } = deliverWith(receivers());
    rx.failNext({ status: 500, body: `upstream said: bad hook ${rx.url}/slack?${secretHook} and Bearer ${token}` });
    const r = await deliver({ receiver: 'team', kind: 'slack', index: 0 }, { kind: 'alerts', data }, { idempotencyKey: 'k' });
    expect(r).toMatchObject({ ok: false, retryable: true, status: 500 });
    expect(r.answer).not.toContain(secretHook);
    expect(r.answer).toContain('***');
    rx.failNext({ status: 401, body: `invalid token ${token}` });
    const r2 = await deliver({ receiver: 'team', kind: 'slack', index: 2 }, { kind: 'alerts', data }, { idempotencyKey: 'k' });
    expect(r2).toMatchObject({ ok: false, retryable: false, status: 401 });
    expect(JSON.stringify(r2)).not.toContain(token);
  });

  it('a missing secret fails for good and names the secret, not a value', async () => {
    const { deliver } = deliverWith([{ name: 'team', configs: { msteams_configs: [{ webhook_url: '${env:NOT_SET_ANYWHERE}' }], webhook_configs: [{ url_file: 'nope' }] } }]);
    expect(await deliver({ receiver: 'team', kind: 'msteams', index: 0 }, text, { idempotencyKey: 'k' })).toMatchObject({ ok: false, retryable: false, answer: expect.stringMatching(/NOT_SET_ANYWHERE is not set/) as string });
    expect(await deliver({ receiver: 'team', kind: 'webhook', index: 0 }, text, { idempotencyKey: 'k' })).toMatchObject({ ok: false, retryable: false, answer: expect.stringMatching(/url_file: cannot read nope/) as string });
  });

  it('classifies failures: 5xx, 408 and 429 (with Retry-After) retry, other 4xx and template errors do not', async () => {
    const { deliver } = deliverWith(receivers());
    const send = () => deliver({ receiver: 'team', kind: 'webhook', index: 0 }, { kind: 'alerts', data }, { idempotencyKey: 'k' });
    rx.failNext({ status: 503 }, { status: 408 }, { status: 429, retryAfter: '7' }, { status: 404 }, { status: 400 });
    expect(await send()).toMatchObject({ ok: false, retryable: true, status: 503 });
    expect(await send()).toMatchObject({ ok: false, retryable: true, status: 408 });
    expect(await send()).toMatchObject({ ok: false, retryable: true, status: 429, retryAfterMs: 7000 });
    expect(await send()).toMatchObject({ ok: false, retryable: false, status: 404 });
    expect(await send()).toMatchObject({ ok: false, retryable: false, status: 400 });
    const bad = deliverWith([{ name: 'team', configs: { slack_configs: [{ api_url: `${rx.url}/slack`, title: '{{ .Nope.Deeper }' }] } }]);
    expect(await bad.deliver({ receiver: 'team', kind: 'slack', index: 0 }, { kind: 'alerts', data }, { idempotencyKey: 'k' })).toMatchObject({ ok: false, retryable: false, answer: expect.stringMatching(/^title: template/) as string });
  });

  it('a server that never answers times out (retryable), a slow one within the bound is fine, a closed port is retryable', async () => {
    const { deliver } = deliverWith(receivers(), { timeoutMs: 300 });
    const send = () => deliver({ receiver: 'team', kind: 'webhook', index: 0 }, { kind: 'alerts', data }, { idempotencyKey: 'k' });
    rx.failNext({ hang: true }, { delayMs: 100 });
    expect(await send()).toMatchObject({ ok: false, retryable: true, answer: expect.stringMatching(/timeout/) as string });
    ok(await send());
    const closed = await freePort();
    const refused = deliverWith([{ name: 'team', configs: { webhook_configs: [{ url: `http://127.0.0.1:${closed}/` }] } }]);
    expect(await refused.deliver({ receiver: 'team', kind: 'webhook', index: 0 }, text, { idempotencyKey: 'k' })).toMatchObject({ ok: false, retryable: true, answer: expect.stringMatching(/ECONNREFUSED/) as string });
    const ac = new AbortController();
    rx.failNext({ hang: true });
    const pending = deliver({ receiver: 'team', kind: 'webhook', index: 0 }, text, { idempotencyKey: 'k', signal: ac.signal });
    ac.abort();
    expect(await pending).toMatchObject({ ok: false, retryable: true, answer: expect.stringMatching(/abort/) as string });
  });

  it('an unknown receiver, integration or kind is a clear, final failure', async () => {
    const { deliver } = deliverWith(receivers());
    expect(await deliver({ receiver: 'nobody', kind: 'webhook', index: 0 }, text, { idempotencyKey: 'k' })).toMatchObject({ ok: false, retryable: false });
    expect(await deliver({ receiver: 'team', kind: 'pagerduty', index: 0 }, text, { idempotencyKey: 'k' })).toMatchObject({ ok: false, retryable: false, answer: expect.stringMatching(/does not deliver pagerduty_configs/) as string });
  });
});
