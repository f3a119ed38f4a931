// Helpers for outbox tests: a scripted Deliver that records every call, and a core context with
// just what the outbox domain reads (in-memory journal, fake clock, bus, alert feed, config).
import { AlertFeed } from '../../main/core/alerts/alert-feed';
import { outboxSchema, type OutboxConfig } from '../../main/core/channels/config-section';
import type { Deliver, DeliveryResult, IntegrationRef, OutgoingMessage } from '../../main/core/channels/message';
import type { CoreContext, TimelinePort } from '../../main/core/context';
import { openJournal, type Db } from '../../main/core/journal';
import { EventBus } from '../../main/core/shared/event-bus';
import { FakeClock } from './fake-clock';

export interface DeliveryCall {
  integration: IntegrationRef;
  message: OutgoingMessage;
  key: string;
  at: number;
}

/** Answers each call with `answer(call)` (default: 200 OK) and keeps the calls in order. */
export function scriptedDeliver(clock: { now(): number }, answer: (call: DeliveryCall) => DeliveryResult | Promise<DeliveryResult> = () => ({ ok: true, retryable: false, status: 200, answer: 'ok' })) {
  const calls: DeliveryCall[] = [];
  const deliver: Deliver = (integration, message, options) => {
    const call = { integration, message, key: options.idempotencyKey, at: clock.now() };
    calls.push(call);
    return Promise.resolve(answer(call));
  };
  return { deliver, calls };
}

export function outboxSettings(overrides: Partial<Record<keyof OutboxConfig, string | number>> = {}): OutboxConfig {
  return outboxSchema.parse(overrides);
}

/** A CoreContext holding only what the outbox domain uses; the rest is left out on purpose. */
export interface OutboxTestContext {
  ctx: CoreContext;
  clock: FakeClock;
  db: Db;
  bus: EventBus;
  alerts: AlertFeed;
  setOutbox(c: OutboxConfig): void;
}

export function outboxContext(options: { clock?: FakeClock; db?: Db; outbox?: OutboxConfig } = {}): OutboxTestContext {
  const clock = options.clock ?? new FakeClock();
  const db = options.db ?? openJournal(':memory:');
  const bus = new EventBus();
  const alerts = new AlertFeed(bus);
  let outbox = options.outbox ?? outboxSettings();
  const config = { current: () => ({ outbox, alerting: { receivers: [] } }) };
  const ctx = { db, bus, clock, alerts, config } as unknown as CoreContext;
  return { ctx, clock, db, bus, alerts, setOutbox: (c: OutboxConfig) => void (outbox = c) };
}

/** A timeline that only records what was appended. */
export function recordingTimeline(): TimelinePort & { entries: { incidentId: string; text: string; data?: Record<string, unknown> }[] } {
  const entries: { incidentId: string; text: string; data?: Record<string, unknown> }[] = [];
  return {
    entries,
    append(incidentId, entry) {
      entries.push({ incidentId, text: entry.text, ...(entry.data ? { data: entry.data } : {}) });
      return String(entries.length);
    },
    openIncident: () => 'inc',
    linkAlert: () => undefined,
    incidentsForAlert: () => [],
    attachedAlerts: () => new Set(),
  };
}
