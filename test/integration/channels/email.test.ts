import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Receiver } from '../../../main/core/alerts/am/schema';
import { createDeliver } from '../../../main/core/channels/deliver';
import type { NotificationData } from '../../../main/core/channels/message';
import { freePort } from '../../support/peer';
import { startSmtp, type SmtpPeer } from '../../support/smtp';

/** E-mail through Debian's aiosmtpd: STARTTLS + AUTH, implicit TLS on 465-style, plain, refusals. */

let starttls: SmtpPeer;
let implicit: SmtpPeer;
let plain: SmtpPeer;
let rejecting: SmtpPeer;
let dir: string;
const password = 'sm7p-pa55w0rd-xyz';

const data: NotificationData = {
  receiver: 'mail',
  status: 'firing',
  alerts: [{ status: 'firing', labels: { alertname: 'ApiDown', severity: 'critical' }, annotations: { summary: 'api <b>down</b>' }, startsAt: '2026-12-03T08:00:00Z', endsAt: '0001-01-01T00:00:00Z', generatorURL: 'http://prom/g?a=1&b=2', fingerprint: 'f1' }],
  groupLabels: { alertname: 'ApiDown' },
  commonLabels: { alertname: 'ApiDown', severity: 'critical' },
  commonAnnotations: { summary: 'api <b>down</b>' },
  externalURL: 'http://console.example',
  groupKey: 'g',
  truncatedAlerts: 0,
};

beforeAll(async () => {
  [starttls, implicit, plain, rejecting] = await Promise.all([
    startSmtp({ tls: 'starttls', user: 'oncall', password }),
    // Alertmanager (and the console) choose implicit TLS by the port alone: 465. Binding it needs
    // root (or CAP_NET_BIND_SERVICE), which the test machines and CI have.
    startSmtp({ tls: 'implicit', port: 465 }),
    startSmtp(),
    startSmtp({ reject: '451' }),
  ]);
  dir = mkdtempSync(join(tmpdir(), 'oncall-mail-'));
  writeFileSync(join(dir, 'smtp-password'), `${password}\n`);
}, 30_000);
afterAll(async () => {
  await Promise.all([starttls, implicit, plain, rejecting].map((p) => p?.stop()));
});

function deliver(configs: Record<string, unknown>[], global: Record<string, unknown> = {}) {
  const receivers: Receiver[] = [{ name: 'mail', configs: { email_configs: configs } }];
  return createDeliver({ source: () => ({ receivers, baseDir: dir, global }), timeoutMs: 5000 });
}

const headerOf = (mail: string, name: string) => new RegExp(`^${name}: (.*)$`, 'mi').exec(mail.split(/\r?\n\r?\n/)[0] ?? '')?.[1];

describe('e-mail to a real SMTP server', () => {
  it('STARTTLS (required by default) with AUTH and a password file; Message-ID from the idempotency key', async () => {
    const send = deliver([{ to: 'oncall@example.org', from: 'console@example.org', smarthost: `127.0.0.1:${starttls.port}`, auth_username: 'oncall', auth_password_file: 'smtp-password', tls_config: { ca_file: starttls.certFile }, hello: 'laptop.example' }]);
    const r = await send({ receiver: 'mail', kind: 'email', index: 0 }, { kind: 'alerts', data }, { idempotencyKey: 'msg-77' });
    expect(r, r.answer).toMatchObject({ ok: true, status: 250 });
    expect(r.answer).not.toContain(password);
    const m = await starttls.next();
    expect([m.tls, m.auth, m.helo, m.to]).toEqual([true, true, 'laptop.example', ['oncall@example.org']]);
    expect(headerOf(m.data, 'Message-ID')).toBe('<msg-77@oncall-console>');
    expect(headerOf(m.data, 'Subject')).toBe('[FIRING:1] ApiDown (critical)');
    // The default HTML body escapes what the alert says, as html/template does.
    expect(m.data).toContain('api &lt;b&gt;down&lt;/b&gt;');
  });

  it('a wrong password is refused for good, and the password is in no answer', async () => {
    const send = deliver([{ to: 'oncall@example.org', from: 'c@example.org', smarthost: `127.0.0.1:${starttls.port}`, auth_username: 'oncall', auth_password: 'wrong-password-123', tls_config: { ca_file: starttls.certFile } }]);
    const r = await send({ receiver: 'mail', kind: 'email', index: 0 }, { kind: 'alerts', data }, { idempotencyKey: 'k' });
    expect(r).toMatchObject({ ok: false, retryable: false, status: 535 });
    expect(JSON.stringify(r)).not.toContain('wrong-password-123');
  });

  it('port 465 is implicit TLS; an untrusted certificate fails for good unless trusted or insecure_skip_verify', async () => {
    const base = { to: 'oncall@example.org', from: 'c@example.org', smarthost: `127.0.0.1:${implicit.port}` };
    const send = (cfg: Record<string, unknown>) => deliver([cfg])({ receiver: 'mail', kind: 'email', index: 0 }, { kind: 'alerts', data }, { idempotencyKey: 'k' });
    expect(await send(base)).toMatchObject({ ok: false, retryable: false, answer: expect.stringMatching(/certificate/i) as string });
    expect(await send({ ...base, tls_config: { insecure_skip_verify: true } }), 'insecure_skip_verify').toMatchObject({ ok: true });
    expect(await send({ ...base, tls_config: { ca_file: implicit.certFile, server_name: '127.0.0.1' } }), 'ca_file').toMatchObject({ ok: true });
    const got = [await implicit.next(), await implicit.next()];
    expect(got.map((m) => m.tls)).toEqual([true, true]);
  });

  it('global smtp_* fill in smarthost and from; require_tls: false talks plain text', async () => {
    const send = deliver([{ to: 'a@example.org, b@example.org', text: 'plain {{ .Status }}', headers: { subject: 'custom {{ .CommonLabels.severity }}' } }], { smtp_smarthost: `127.0.0.1:${plain.port}`, smtp_from: 'global@example.org', smtp_require_tls: false });
    const r = await send({ receiver: 'mail', kind: 'email', index: 0 }, { kind: 'alerts', data }, { idempotencyKey: 'k' });
    expect(r, r.answer).toMatchObject({ ok: true });
    const m = await plain.next();
    expect([m.tls, m.from, m.to, m.helo]).toEqual([false, 'global@example.org', ['a@example.org', 'b@example.org'], 'localhost']);
    expect(headerOf(m.data, 'Subject')).toBe('custom critical');
    expect(m.data).toContain('plain firing');
  });

  it('require_tls (the default) refuses a server without STARTTLS', async () => {
    const r = await deliver([{ to: 'a@example.org', from: 'c@example.org', smarthost: `127.0.0.1:${plain.port}` }])({ receiver: 'mail', kind: 'email', index: 0 }, { kind: 'alerts', data }, { idempotencyKey: 'k' });
    expect(r).toMatchObject({ ok: false, retryable: false });
  });

  it('a 4xx reply is retryable, a closed port too; a text message has the title as subject and the link', async () => {
    const cfg = (port: number) => [{ to: 'a@example.org', from: 'c@example.org', smarthost: `127.0.0.1:${port}`, require_tls: false }];
    expect(await deliver(cfg(rejecting.port))({ receiver: 'mail', kind: 'email', index: 0 }, { kind: 'alerts', data }, { idempotencyKey: 'k' })).toMatchObject({ ok: false, retryable: true, status: 451 });
    expect(await deliver(cfg(await freePort()))({ receiver: 'mail', kind: 'email', index: 0 }, { kind: 'alerts', data }, { idempotencyKey: 'k' })).toMatchObject({ ok: false, retryable: true });
    const r = await deliver(cfg(plain.port))({ receiver: 'mail', kind: 'email', index: 0 }, { kind: 'text', message: { title: 'Incident 42: update', text: 'All good now.', link: 'oncall://incident/42' } }, { idempotencyKey: 't1' });
    expect(r, r.answer).toMatchObject({ ok: true });
    const m = await plain.next();
    expect(headerOf(m.data, 'Subject')).toBe('Incident 42: update');
    expect(m.data).toContain('oncall://incident/42');
  });
});
