import type { Alert, Handlers } from '../../../../preload/contract';
import type { OutboxState } from '../../../../preload/contract/outbox';
import { deliverableKinds } from '../../alerts/am/receivers';
import type { CoreContext, Domain, TimelinePort } from '../../context';
import { fingerprint } from '../../shared/fingerprint';
import type { Deliver, IntegrationRef } from '../message';
import { AlertRouter } from './alert-router';
import { integrationConfig, receiverIntegrations, sendsResolvedFallback } from './integrations';
import { OutboxStore } from './store';
import { OutboxWorker, type AttemptReport } from './worker';

type OutboxMethodName = `outbox:${string}` & keyof Handlers;

export interface OutboxDomainDeps {
  timeline: TimelinePort;
  deliver: Deliver;
  /** Deliverable integrations of a receiver; by default those of config.yml's receivers the console delivers. */
  integrationsOf?: (receiver: string) => readonly IntegrationRef[];
  random?: () => number;
}

export interface OutboxDomain extends Domain<OutboxMethodName> {
  store: OutboxStore;
  worker: OutboxWorker;
  /** Give it every group flush of the notification policy (wired in engine.ts). */
  router: AlertRouter;
}

const changedThrottleMs = 200;

/** The outbox domain: the durable queue, its worker (started with the engine), the dead-letter alert, the contract. */
export function createOutboxDomain(ctx: CoreContext, deps: OutboxDomainDeps): OutboxDomain {
  const integrationsOf = deps.integrationsOf ?? ((receiver: string) => receiverIntegrations(ctx.config.current().alerting.receivers, deliverableKinds, receiver));
  let worker: OutboxWorker | null = null;
  const store = new OutboxStore(ctx.db, { now: () => ctx.clock.now(), integrationsOf, onEnqueue: () => changed() });
  worker = new OutboxWorker({
    store,
    deliver: deps.deliver,
    clock: ctx.clock,
    settings: () => ctx.config.current().outbox,
    ...(deps.random ? { random: deps.random } : {}),
    onAttempt: (r) => onAttempt(r),
    onChange: () => changed(),
  });
  const w = worker;
  const router = new AlertRouter({
    store,
    db: ctx.db,
    integrationsOf,
    // Until the integrations land with their own sendsResolved, Alertmanager's defaults per kind.
    sendsResolved: (ref) => sendsResolvedFallback(integrationConfig(ctx.config.current().alerting.receivers, ref), ref.kind),
    externalURL: () => ctx.config.current().outbox.externalURL,
    incidentOf: (fps) => {
      for (const fp of fps) {
        const id = deps.timeline.incidentsForAlert(fp)[0];
        if (id) return id;
      }
      return undefined;
    },
  });

  let cancelChanged: (() => void) | null = null;
  function changed(): void {
    w.kick();
    if (cancelChanged) return;
    // A drain of thousands of messages would otherwise be thousands of events; the UI refetches on each.
    cancelChanged = ctx.clock.setTimeout(() => {
      cancelChanged = null;
      ctx.bus.emit('outbox:changed', { counts: store.counts() });
    }, changedThrottleMs);
  }

  function onAttempt(r: AttemptReport): void {
    if (r.state === 'dead') raiseDeadLetters();
    if (!r.incidentId) return;
    const integration = `${r.row.integration_kind}[${r.row.integration_index}]`;
    const outcome = r.result.ok ? 'delivered' : r.state === 'dead' ? 'failed, given up' : 'failed, will retry';
    const status = r.result.status === undefined ? '' : ` ${r.result.status}`;
    const answer = r.row.last_answer ? `: ${r.row.last_answer.slice(0, 200)}` : '';
    appendTimeline(r.incidentId, `Outbox → ${r.row.receiver} ${integration}, attempt ${r.attempt}: ${outcome}${status}${answer}`, {
      outbox: r.row.key,
      receiver: r.row.receiver,
      integration,
      attempt: r.attempt,
      ok: r.result.ok,
      status: r.result.status ?? null,
      state: r.state,
    });
  }

  function appendTimeline(incidentId: string, text: string, data: Record<string, unknown>): void {
    try {
      deps.timeline.append(incidentId, { kind: 'communication', text, data, at: ctx.clock.now() });
    } catch (err) {
      // The incident may have been closed or deleted; the outbox row keeps the record either way.
      console.error(`outbox: could not write to incident ${incidentId}'s timeline: ${(err as Error).message}`);
    }
  }

  /**
   * One local alert per receiver with dead letters ("messages to receiver X undeliverable"), in
   * the alert feed like any other, so the engineer sees it on the Alerts screen and the tray.
   */
  let raised = new Map<string, Alert>();
  function raiseDeadLetters(): void {
    const now = ctx.clock.now();
    const next = new Map<string, Alert>();
    for (const [receiver, count] of store.deadByReceiver()) {
      const labels = { alertname: 'OutboxUndeliverable', receiver, severity: 'warning' };
      const before = raised.get(receiver);
      next.set(receiver, {
        fingerprint: fingerprint(labels),
        labels,
        annotations: {
          summary: `messages to receiver ${receiver} undeliverable`,
          description: `${count} message(s) to ${receiver} could not be delivered and were given up. See the Outbox (oncall outbox --state dead) to retry or discard them.`,
        },
        state: 'firing',
        activeAt: before?.activeAt ?? now,
        firedAt: before?.firedAt ?? now,
        resolvedAt: null,
        value: count,
        source: 'system',
        sourceName: 'outbox',
      });
    }
    const gone = [...raised.values()].filter((a) => !next.has(a.labels.receiver!)).map((a) => ({ ...a, state: 'resolved' as const, resolvedAt: now }));
    raised = next;
    ctx.alerts.publish('system', 'outbox', [...next.values(), ...gone]);
  }

  const list = (input: { states?: OutboxState[]; receiver?: string; limit: number } | undefined) => ({
    deliveries: store.list({ limit: input?.limit ?? 200, ...(input?.states ? { states: input.states } : {}), ...(input?.receiver ? { receiver: input.receiver } : {}) }).map((r) => store.toDelivery(r)),
    counts: store.counts(),
  });

  let wasDegraded = false;
  let unsubscribe: (() => void) | null = null;

  return {
    store,
    worker: w,
    router,
    handlers: {
      'outbox:list': (input) => list(input),
      'outbox:get': ({ id }) => {
        const row = store.rowByKey(id);
        return { ...store.toDelivery(row), attemptLog: store.attempts(row.seq) };
      },
      'outbox:retry': ({ id }) => {
        const row = store.retryNow(id);
        raiseDeadLetters();
        changed();
        return store.toDelivery(row);
      },
      'outbox:discard': ({ id, reason }) => {
        const row = store.discard(id, reason);
        const delivery = store.toDelivery(row);
        if (delivery.incidentId) appendTimeline(delivery.incidentId, `Outbox → ${row.receiver} ${delivery.integration}: discarded (${reason})`, { outbox: row.key, discarded: true, reason });
        raiseDeadLetters();
        changed();
        return delivery;
      },
    },
    start() {
      // The probes scheduler knows when the laptop is offline; its "degraded" clearing is our reconnect.
      unsubscribe = ctx.bus.on('monitoring:targets-changed', (s) => {
        const degraded = s.degraded !== null;
        if (wasDegraded && !degraded) w.reconnected();
        wasDegraded = degraded;
      });
      if (store.deadByReceiver().size) raiseDeadLetters();
      w.start();
    },
    async stop() {
      unsubscribe?.();
      cancelChanged?.();
      await w.stop();
    },
  };
}

/** Until the integrations are built in, every delivery is refused with a reason the user can read. */
export const noIntegrations: Deliver = (integration) =>
  Promise.resolve({ ok: false, retryable: false, answer: `the console cannot deliver ${integration.kind} integrations yet` });
