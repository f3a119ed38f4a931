import type { ChannelTestReport, ReceiverInfo } from '../../../preload/contract';
import { AppError } from '../shared/errors';
import { redactUrl } from '../shared/redact';
import { sendsResolved, type ChannelSource } from './deliver';
import { deliverable } from './integrations/index';
import type { Deliver, OutgoingMessage } from './message';

/**
 * `oncall channels test RECEIVER` and the Settings screen's "Send test" button: one test message
 * through every integration of a receiver the console delivers, right away (not through the
 * outbox), with each server's answer.
 */

export function testMessage(receiver: string, now: Date): OutgoingMessage {
  return {
    kind: 'text',
    message: {
      title: `Test message from the oncall console to "${receiver}"`,
      text: `If you can read this, the console can reach this channel.\nSent ${now.toISOString()}. Nothing needs to be done.`,
    },
  };
}

/** Where an integration sends, for a list: no secrets (URLs are secrets in Alertmanager: host only). */
function targetOf(kind: string, raw: unknown): string {
  const c = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const s = (k: string) => (typeof c[k] === 'string' ? (c[k]) : undefined);
  const host = (url: string | undefined, file: string | undefined) => {
    if (file) return `(URL from ${file})`;
    if (!url) return '(global default)';
    if (/^(keychain:|\$\{)/.test(url)) return `(URL from ${url})`;
    try {
      return `${new URL(url).origin}/…`;
    } catch {
      return redactUrl(url);
    }
  };
  switch (kind) {
    case 'email':
      return `${s('smarthost') ?? '(global smarthost)'} → ${s('to') ?? ''}`;
    case 'slack':
      return `${host(s('api_url'), s('api_url_file'))}${s('channel') ? ` ${s('channel')}` : ''}`;
    case 'webhook':
      return host(s('url'), s('url_file'));
    case 'msteams':
      return host(s('webhook_url'), s('webhook_url_file'));
    default:
      return '';
  }
}

export function listReceivers(source: ChannelSource): ReceiverInfo[] {
  return source.receivers.map((r) => ({
    name: r.name,
    integrations: Object.entries(r.configs).flatMap(([key, list]) => {
      const kind = key.replace(/_configs$/, '');
      return list.map((raw, index) => ({ kind, index, deliverable: deliverable(kind), sendResolved: sendsResolved(source, { receiver: r.name, kind, index }), target: targetOf(kind, raw) }));
    }),
  }));
}

export async function testReceiver(source: ChannelSource, name: string, deliver: Deliver, now: () => number): Promise<ChannelTestReport> {
  const info = listReceivers(source).find((r) => r.name === name);
  if (!info) throw new AppError('not_found', `no receiver named "${name}" (receivers: ${source.receivers.map((r) => r.name).join(', ') || 'none'})`);
  const message = testMessage(name, new Date(now()));
  const results = await Promise.all(
    info.integrations
      .filter((i) => i.deliverable)
      .map(async (i) => {
        const started = now();
        const r = await deliver({ receiver: name, kind: i.kind, index: i.index }, message, { idempotencyKey: `test-${name}-${i.kind}-${i.index}-${started}` });
        return { kind: i.kind, index: i.index, ok: r.ok, retryable: r.retryable, status: r.status ?? null, answer: r.answer, ms: Math.max(0, now() - started) };
      }),
  );
  return { receiver: name, results, skipped: info.integrations.filter((i) => !i.deliverable).map(({ kind, index }) => ({ kind, index })) };
}
