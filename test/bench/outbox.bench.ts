// Outbox figures: enqueue overhead on the write that enqueues, delivery latency to a local webhook
// receiver, and draining 10,000 queued messages after the receiver comes back (time, peak RSS).
import { createServer, type Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Deliver } from '../../main/core/channels/message';
import { OutboxStore } from '../../main/core/channels/outbox/store';
import { OutboxWorker } from '../../main/core/channels/outbox/worker';
import { closeJournal, openJournal } from '../../main/core/journal';
import { Journal } from '../../main/core/journal/journal';
import { systemClock } from '../../main/core/shared/clock';
import { percentile } from './stats';

/** A minimal webhook deliverer for the bench: POSTs the message as JSON with the idempotency key. */
function httpDeliver(url: string): Deliver {
  return async (_ref, message, { idempotencyKey, signal }) => {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': idempotencyKey }, body: JSON.stringify(message), ...(signal ? { signal } : {}) });
    const answer = await res.text();
    return { ok: res.ok, retryable: !res.ok, status: res.status, answer };
  };
}

function receiver(onMessage: (key: string) => void): Promise<{ server: Server; url: string; up: { value: boolean } }> {
  const up = { value: true };
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      if (!up.value) return void res.writeHead(503).end('down');
      onMessage(String(req.headers['idempotency-key']));
      res.writeHead(200).end('ok');
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as { port: number }).port}/`, up })));
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'outbox-bench-'));
  const db = openJournal(join(dir, 'journal.db'));
  const refs = [{ receiver: 'team', kind: 'webhook', index: 0 }];
  const store = new OutboxStore(db, { now: () => Date.now(), integrationsOf: () => refs });
  const journal = new Journal(db, { now: () => Date.now(), author: 'bench' });
  const { incident } = journal.open({ title: 'bench', severity: 'P3' });
  const message = { kind: 'text' as const, message: { title: 'update', text: 'all good' } };

  // 1. Enqueue overhead: the same timeline write with and without an enqueue inside it.
  const plain: number[] = [];
  const withEnqueue: number[] = [];
  for (let i = 0; i < 2_000; i++) {
    let t = performance.now();
    journal.appendRaw(incident.id, { kind: 'note', text: `note ${i}` });
    plain.push(performance.now() - t);
    t = performance.now();
    journal.write(
      () => [incident.id],
      () => {
        journal.appendRaw(incident.id, { kind: 'note', text: `note ${i}` });
        store.enqueue({ receiver: 'team', message, incidentId: incident.id });
      },
    );
    withEnqueue.push(performance.now() - t);
  }
  console.log(`enqueue inside a journal write (2,000): write p50 ${percentile(plain, 50).toFixed(3)} ms, p99 ${percentile(plain, 99).toFixed(3)} ms; with enqueue p50 ${percentile(withEnqueue, 50).toFixed(3)} ms, p99 ${percentile(withEnqueue, 99).toFixed(3)} ms; added p99 ${(percentile(withEnqueue, 99) - percentile(plain, 99)).toFixed(3)} ms`);
  db.exec('DELETE FROM outbox_messages');

  // 2. Latency from enqueue (the group flush) to the receiver, one message at a time.
  const arrived = new Map<string, number>();
  const rx = await receiver((key) => arrived.set(key, performance.now()));
  const worker = new OutboxWorker({ store, deliver: httpDeliver(rx.url), clock: systemClock, settings: () => ({ deadAfter: 86_400_000, initialBackoff: 50, maxBackoff: 200, concurrency: 4 }) });
  worker.start();
  const latencies: number[] = [];
  for (let i = 0; i < 300; i++) {
    const t = performance.now();
    const id = store.enqueue({ receiver: 'team', message });
    worker.kick();
    const key = `${id}-webhook0`;
    while (!arrived.has(key)) await new Promise((r) => setImmediate(r));
    latencies.push(arrived.get(key)! - t);
  }
  console.log(`delivery latency enqueue -> local webhook receiver (300): p50 ${percentile(latencies, 50).toFixed(2)} ms, p99 ${percentile(latencies, 99).toFixed(2)} ms`);
  await worker.stop();

  // 3. 10,000 messages queued while the receiver was down, drained once it is up.
  arrived.clear();
  for (let i = 0; i < 10_000; i++) store.enqueue({ receiver: 'team', message });
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const drainer = new OutboxWorker({ store, deliver: httpDeliver(rx.url), clock: systemClock, settings: () => ({ deadAfter: 86_400_000, initialBackoff: 50, maxBackoff: 200, concurrency: 4 }) });
  const t = performance.now();
  drainer.start();
  while (arrived.size < 10_000) await new Promise((r) => setTimeout(r, 5));
  const took = performance.now() - t;
  clearInterval(sampler);
  console.log(`drain 10,000 queued messages to one webhook after reconnect: ${(took / 1000).toFixed(1)} s (${Math.round(10_000 / (took / 1000))}/s), peak RSS ${(peak / 2 ** 20).toFixed(0)} MiB`);
  await drainer.stop();
  rx.server.close();
  closeJournal(db);
  rmSync(dir, { recursive: true, force: true });
}
