import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import type { Deliver } from '../../../main/core/channels/message';
import { createOutboxDomain } from '../../../main/core/channels/outbox/domain';
import { closeJournal } from '../../../main/core/journal';
import { outboxContext, outboxSettings, recordingTimeline } from '../../support/outbox';

/** A minimal webhook deliverer until the real integrations are merged: POST JSON with the idempotency key. */
function httpDeliver(url: string): Deliver {
  return async (_ref, message, { idempotencyKey, signal }) => {
    try {
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': idempotencyKey }, body: JSON.stringify(message), ...(signal ? { signal } : {}) });
      return { ok: res.ok, retryable: res.status >= 500 || res.status === 429, status: res.status, answer: await res.text() };
    } catch (err) {
      return { ok: false, retryable: true, answer: (err as Error).message };
    }
  };
}

describe('outbox against a real local HTTP receiver', () => {
  const servers: Server[] = [];
  afterEach(() => {
    for (const s of servers.splice(0)) s.close();
  });

  it('receiver down for an hour, then up (fake clock): every message arrives once, in order', async () => {
    const received: { key: string; title: string }[] = [];
    let up = false;
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (d: Buffer) => (body += d.toString()));
      req.on('end', () => {
        if (!up) return void res.writeHead(503).end('maintenance');
        received.push({ key: String(req.headers['idempotency-key']), title: (JSON.parse(body) as { message: { title: string } }).message.title });
        res.writeHead(200).end('ok');
      });
    });
    servers.push(server);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/`;
    const t = outboxContext({ outbox: outboxSettings({ maxBackoff: '5m' }) });
    const domain = createOutboxDomain(t.ctx, { timeline: recordingTimeline(), deliver: httpDeliver(url), integrationsOf: (r) => [{ receiver: r, kind: 'webhook', index: 0 }] });
    await domain.start?.();
    const titles = Array.from({ length: 20 }, (_, i) => `update ${i}`);
    for (const title of titles) domain.store.enqueue({ receiver: 'team', message: { kind: 'text', message: { title, text: title } } });
    for (let minute = 0; minute < 60; minute++) {
      t.clock.advance(60_000);
      await domain.worker.settled();
    }
    expect(received).toHaveLength(0);
    up = true;
    for (let minute = 0; minute < 10; minute++) {
      t.clock.advance(60_000);
      await domain.worker.settled();
    }
    expect(received.map((r) => r.title)).toEqual(titles);
    expect(new Set(received.map((r) => r.key)).size).toBe(titles.length);
    expect(domain.store.counts().sent).toBe(titles.length);
    await domain.stop?.();
    closeJournal(t.db);
  });
});
