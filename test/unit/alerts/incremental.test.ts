import { afterEach, describe, expect, it } from 'vitest';
import { AlertsService } from '../../../main/core/alerts/service';
import { AlertStateStore } from '../../../main/core/alerts/state-store';
import type { Alert, AlertsList } from '../../../preload/contract';
import { FakeTimeline, makeAlert, makeContext, type TestContext } from './harness';

const config = `alerting:
  inhibit_rules:
    - source_matchers: ['alertname="ApiDown"']
      target_matchers: ['alertname=~"Api.*"']
      equal: [service]
`;

/** A small deterministic PRNG (mulberry32), so a failure replays exactly. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Order-free picture of a list: what the UI and the tray show. */
function picture(list: AlertsList) {
  return {
    // Acknowledge times differ between two services; whether an alert is acknowledged must not.
    alerts: list.alerts.map((a) => ({ ...a, acknowledgedAt: a.acknowledged ? 1 : null })).sort((a, b) => a.fingerprint.localeCompare(b.fingerprint)),
    groups: list.groups.map((g) => ({ ...g, fingerprints: [...g.fingerprints].sort() })).sort((a, b) => a.key.localeCompare(b.key)),
    tray: list.tray,
  };
}

describe('per-change updates give the same picture as evaluating everything', () => {
  const contexts: TestContext[] = [];
  const services: AlertsService[] = [];
  afterEach(() => {
    for (const s of services.splice(0)) s.stop();
    for (const c of contexts.splice(0)) c.dispose();
  });

  function service(): { ctx: TestContext; service: AlertsService } {
    const ctx = makeContext(config);
    const s = new AlertsService({ ctx: ctx.ctx, store: new AlertStateStore(ctx.db), timeline: new FakeTimeline() });
    s.start();
    contexts.push(ctx);
    services.push(s);
    return { ctx, service: s };
  }

  it('over 400 random changes: states, values, alerts coming, going and doubled, inhibition sources, monitoring blind', () => {
    const next = random(6);
    const pick = <T,>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
    const live = service();
    // Two sources, so the merge across sources is exercised too.
    const sources: Alert[][] = [[], []];
    // A tie between two sources goes to the one that published first: the fresh service must see that order.
    const order: number[] = [];
    // One of the 40 fingerprints is the console going blind (it inhibits all others while firing).
    const names = ['ApiDown', 'ApiLatencyHigh', 'ApiErrors', 'DiskFull'];
    const labelsOf = (i: number) => ({ alertname: i === 39 ? 'MonitoringDegraded' : names[i % names.length]!, service: `svc-${i % 3}`, instance: `host-${i % 7}`, severity: pick(['critical', 'warning', 'info']) });
    for (let step = 0; step < 400; step++) {
      const s = Math.floor(next() * 2);
      const list = sources[s]!.slice();
      const roll = next();
      if (roll < 0.3 || list.length === 0) {
        const i = Math.floor(next() * 40);
        const labels = labelsOf(i);
        // Now and then a source reports an alert twice (two rules, same labels): the merge handles it.
        list.push(makeAlert(labels, pick(['firing', 'pending']), { firedAt: 1_000 + i, value: step }));
      } else if (roll < 0.45) {
        list.splice(Math.floor(next() * list.length), 1);
      } else {
        const at = Math.floor(next() * list.length);
        const old = list[at]!;
        list[at] = next() < 0.5 ? { ...old, value: (old.value ?? 0) + 1 } : { ...old, state: pick(['firing', 'pending', 'resolved'] as const) };
      }
      sources[s] = list;
      if (!order.includes(s)) order.push(s);
      live.ctx.ctx.alerts.publish('rule', `source-${s}`, list);
      if (step % 50 === 49) live.service.acknowledge(live.service.list().alerts.filter(() => next() < 0.3).map((a) => a.fingerprint), 'me');

      // Every few steps, a fresh service that sees the same feed evaluates everything from scratch.
      if (step % 8 !== 7) continue;
      const fresh = service();
      for (const o of order) fresh.ctx.ctx.alerts.publish('rule', `source-${o}`, sources[o]!);
      for (const a of live.service.list().alerts) if (a.acknowledged) fresh.service.acknowledge([a.fingerprint], 'me');
      const want = picture(fresh.service.list());
      const got = picture(live.service.list());
      expect(got, `after step ${step}`).toEqual(want);
      services.pop()!.stop();
      contexts.pop()!.dispose();
    }
  });
});
