import { afterEach, describe, expect, it } from 'vitest';
import type { DeliveryResult, IntegrationRef, OutgoingMessage } from '../../../main/core/channels/message';
import { createOutboxDomain } from '../../../main/core/channels/outbox/domain';
import { backoffDelay } from '../../../main/core/channels/outbox/worker';
import { closeJournal } from '../../../main/core/journal';
import { outboxContext, outboxSettings, recordingTimeline, scriptedDeliver, type DeliveryCall } from '../../support/outbox';

const hook: IntegrationRef = { receiver: 'team', kind: 'webhook', index: 0 };
const text = (title: string, incidentId?: string): OutgoingMessage => ({ kind: 'text', message: { title, text: title, ...(incidentId ? { incidentId } : {}) } });
const ok: DeliveryResult = { ok: true, retryable: false, status: 200, answer: 'ok' };
const down: DeliveryResult = { ok: false, retryable: true, status: 503, answer: 'unavailable' };

describe('outbox worker', () => {
  const opened: { close(): void }[] = [];
  afterEach(() => {
    for (const o of opened.splice(0)) o.close();
  });

  function setup(answer: (call: DeliveryCall) => DeliveryResult, options: { random?: () => number; outbox?: Parameters<typeof outboxSettings>[0] } = {}) {
    const t = outboxContext({ outbox: outboxSettings(options.outbox) });
    const timeline = recordingTimeline();
    const d = scriptedDeliver(t.clock, answer);
    const domain = createOutboxDomain(t.ctx, { timeline, deliver: d.deliver, integrationsOf: (r) => (r === 'team' ? [hook] : []), random: options.random ?? (() => 0.5) });
    opened.push({ close: () => closeJournal(t.db) });
    return { ...t, ...d, timeline, domain, store: domain.store, worker: domain.worker };
  }
  const titles = (calls: DeliveryCall[]) => calls.map((c) => (c.message.kind === 'text' ? c.message.message.title : '?'));

  it('bounds full-jitter back-off by the cap and honours Retry-After as a floor', () => {
    const s = { initialBackoff: 1_000, maxBackoff: 60_000 };
    expect(backoffDelay(1, s, 0.999)).toBe(999);
    expect(backoffDelay(3, s, 0.999)).toBe(3_996);
    expect(backoffDelay(20, s, 0.999)).toBe(59_940);
    expect(backoffDelay(20, s, 0)).toBe(0);
    expect(backoffDelay(2, s, 0.5, 30_000)).toBe(30_000);
  });

  it('keeps per-integration order: a later message never overtakes one that is retrying', async () => {
    let failures = 3;
    const t = setup(() => (failures-- > 0 ? down : ok));
    await t.domain.start?.();
    t.store.enqueue({ receiver: 'team', message: text('one') });
    t.store.enqueue({ receiver: 'team', message: text('two') });
    t.store.enqueue({ receiver: 'team', message: text('three') });
    await t.worker.settled();
    for (let i = 0; i < 20; i++) {
      t.clock.advance(10_000);
      await t.worker.settled();
    }
    expect(titles(t.calls)).toEqual(['one', 'one', 'one', 'one', 'two', 'three']);
    expect(t.store.counts().sent).toBe(3);
  });

  it('waits a jittered back-off between tries, within the exponential ceiling', async () => {
    const t = setup(() => down, { random: () => 0.999, outbox: { initialBackoff: '1s', maxBackoff: '8s' } });
    await t.domain.start?.();
    t.store.enqueue({ receiver: 'team', message: text('x') });
    for (let i = 0; i < 60; i++) {
      t.clock.advance(500);
      await t.worker.settled();
    }
    const gaps = t.calls.slice(1).map((c, i) => c.at - t.calls[i]!.at);
    // Ceilings 1, 2, 4, 8, 8 s; with random() = 0.999 each wait is just below its ceiling.
    const ceilings = [1_000, 2_000, 4_000, 8_000, 8_000];
    gaps.slice(0, 5).forEach((g, i) => {
      expect(g).toBeLessThanOrEqual(ceilings[i]!);
      expect(g).toBeGreaterThanOrEqual(ceilings[i]! * 0.99);
    });
  });

  it('honours a server Retry-After', async () => {
    const t = setup((c) => (c.at === t0 ? { ...down, status: 429, retryAfterMs: 120_000 } : ok), { random: () => 0 });
    const t0 = t.clock.now();
    await t.domain.start?.();
    t.store.enqueue({ receiver: 'team', message: text('x') });
    await t.worker.settled();
    t.clock.advance(119_000);
    await t.worker.settled();
    expect(t.calls).toHaveLength(1);
    t.clock.advance(1_000);
    await t.worker.settled();
    expect(t.calls).toHaveLength(2);
    expect(t.calls[1]!.at - t0).toBe(120_000);
  });

  it('sends a refused message straight to dead, lets the next one through, and raises the local alert', async () => {
    const t = setup((c) => (c.message.kind === 'text' && c.message.message.title === 'bad' ? { ok: false, retryable: false, status: 400, answer: 'invalid payload' } : ok));
    await t.domain.start?.();
    t.store.enqueue({ receiver: 'team', message: text('bad') });
    t.store.enqueue({ receiver: 'team', message: text('good') });
    await t.worker.settled();
    await t.worker.settled();
    expect(titles(t.calls)).toEqual(['bad', 'good']);
    expect(t.store.counts()).toMatchObject({ dead: 1, sent: 1 });
    const alert = t.alerts.merged().find((a) => a.labels.alertname === 'OutboxUndeliverable');
    expect(alert).toMatchObject({ state: 'firing', labels: { receiver: 'team' }, annotations: { summary: 'messages to receiver team undeliverable' } });
  });

  it('gives up after deadAfter (a dead letter), and a discard clears the local alert', async () => {
    const t = setup(() => down, { outbox: { deadAfter: '1h', maxBackoff: '5m' } });
    await t.domain.start?.();
    t.store.enqueue({ receiver: 'team', message: text('x') });
    for (let i = 0; i < 70; i++) {
      t.clock.advance(60_000);
      await t.worker.settled();
    }
    const [dead] = t.store.list({ states: ['dead'], limit: 5 });
    expect(dead).toBeDefined();
    expect(dead!.reason).toBe('undeliverable for 60 min');
    expect(t.alerts.merged().find((a) => a.labels.alertname === 'OutboxUndeliverable')?.state).toBe('firing');
    const tries = t.calls.length;
    t.clock.advance(3_600_000);
    await t.worker.settled();
    expect(t.calls).toHaveLength(tries);
    await t.domain.handlers['outbox:discard']({ id: dead!.key, reason: 'receiver retired' });
    expect(t.store.rowByKey(dead!.key).state).toBe('discarded');
    expect(t.alerts.merged().find((a) => a.labels.alertname === 'OutboxUndeliverable')?.state ?? 'resolved').toBe('resolved');
  });

  it('retries a dead letter on request', async () => {
    let answer = { ok: false, retryable: false, status: 401, answer: 'bad token' } as DeliveryResult;
    const t = setup(() => answer);
    await t.domain.start?.();
    t.store.enqueue({ receiver: 'team', message: text('x') });
    await t.worker.settled();
    const [dead] = t.store.list({ states: ['dead'], limit: 5 });
    answer = ok;
    await t.domain.handlers['outbox:retry']({ id: dead!.key });
    await t.worker.settled();
    expect(t.store.rowByKey(dead!.key).state).toBe('sent');
    expect(t.calls.map((c) => c.key)).toEqual([dead!.key, dead!.key]);
  });

  it('after a stop mid-send, the next start sends the message again under the same idempotency key', async () => {
    const t = setup(() => ok);
    let release: (r: DeliveryResult) => void = () => undefined;
    const held = scriptedDeliver(t.clock, () => new Promise<DeliveryResult>((resolve) => (release = resolve)));
    const first = createOutboxDomain(t.ctx, { timeline: t.timeline, deliver: held.deliver, integrationsOf: () => [hook] });
    await first.start?.();
    first.store.enqueue({ receiver: 'team', message: text('x') });
    await Promise.resolve();
    await Promise.resolve();
    expect(held.calls).toHaveLength(1);
    const stopping = first.stop?.();
    release(ok);
    await stopping;
    expect(t.store.counts().sending).toBe(1);
    await t.domain.start?.();
    await t.worker.settled();
    expect(t.calls.map((c) => c.key)).toEqual([held.calls[0]!.key]);
    const row = t.store.rowByKey(held.calls[0]!.key);
    expect(row.state).toBe('sent');
    expect(t.store.attempts(row.seq).map((a) => a.result)).toEqual(['interrupted', 'ok']);
  });

  it('never resends after a wall-clock jump (sleep and wake)', async () => {
    const t = setup(() => ok);
    await t.domain.start?.();
    for (const x of ['a', 'b']) t.store.enqueue({ receiver: 'team', message: text(x) });
    await t.worker.settled();
    await t.worker.settled();
    t.clock.sleep(8 * 3_600_000);
    t.clock.advance(60_000);
    await t.worker.settled();
    t.domain.worker.reconnected();
    await t.worker.settled();
    expect(titles(t.calls)).toEqual(['a', 'b']);
  });

  it('puts every attempt of an incident message on its timeline', async () => {
    let n = 0;
    const t = setup(() => (n++ === 0 ? down : ok), { random: () => 0 });
    await t.domain.start?.();
    t.store.enqueue({ receiver: 'team', message: text('update', 'INC-1') });
    await t.worker.settled();
    t.clock.advance(1);
    await t.worker.settled();
    expect(t.timeline.entries.map((e) => [e.incidentId, e.text])).toEqual([
      ['INC-1', 'Outbox → team webhook[0], attempt 1: failed, will retry 503: unavailable'],
      ['INC-1', 'Outbox → team webhook[0], attempt 2: delivered 200: ok'],
    ]);
  });
});
