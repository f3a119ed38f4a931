import { afterEach, describe, expect, it } from 'vitest';
import { HistoryStore, hour, minute } from '../../../main/core/history/store';
import { closeJournal, openJournal, type Db } from '../../../main/core/journal';
import { sloSchema } from '../../../main/core/probes/config';
import { burnAlerts, burnRate, computeSlo, type ServiceSlo } from '../../../main/core/slo/slo';
import { FakeClock } from '../../support/fake-clock';

let db: Db;
afterEach(() => {
  if (db?.open) closeJournal(db);
});

function setup() {
  db = openJournal(':memory:');
  const clock = new FakeClock(Date.UTC(2026, 0, 1));
  const store = new HistoryStore(db, clock);
  const service: ServiceSlo = { service: 'api', targets: ['api'], slo: sloSchema.parse({}), alerting: true };
  /** A probe every `every` ms (10 s by default) for `ms`. */
  const feed = (ms: number, bad: boolean, latencyMs = 100, every = 10_000) => {
    for (let t = 0; t < ms; t += every) {
      store.add({ target: 'api', at: clock.now(), ok: !bad, error: bad, latencyMs: bad ? null : latencyMs, status: bad ? 503 : 200, reason: null });
      clock.advance(every);
    }
    store.flush();
  };
  return { clock, store, service, feed };
}

describe('SLOs from probe history', () => {
  it('uses the seed 000 objectives by default: 99.0 %, p50 200 ms, p99 2000 ms, errors 0.1 %, 30 days', () => {
    expect(sloSchema.parse({})).toEqual({ availability: 99, latencyP50: 200, latencyP99: 2000, errorRate: 0.1, window: 30 * 86_400_000 });
  });

  it('computes availability, latency percentiles, error rate and error budget over the window', () => {
    const { clock, store, service, feed } = setup();
    // One probe a minute keeps the 100 hours small (6,000 points) and the test quick on a busy machine.
    feed(99 * hour, false, 120, minute);
    feed(1 * hour, true, 100, minute);
    const report = computeSlo(store, service, clock.now());
    const byKind = Object.fromEntries(report.objectives.map((o) => [o.kind, o]));
    expect(report.checks).toBe(6_000);
    expect(byKind.availability?.actual).toBeCloseTo(99, 5);
    expect(byKind.availability?.met).toBe(true);
    expect(byKind['error-rate']?.actual).toBeCloseTo(1, 5);
    expect(byKind['error-rate']?.met).toBe(false);
    expect(byKind['latency-p50']?.actual).toBeGreaterThan(100);
    expect(byKind['latency-p50']?.met).toBe(true);
    // 1 % bad against a 1 % budget: burn rate 1, nothing left.
    expect(report.budgetRemaining).toBeCloseTo(0, 5);
    expect(report.burnRates[0]).toEqual({ window: '30d', rate: expect.closeTo(1, 5) as number });
  });

  it('burn rate is the bad share divided by the budget', () => {
    expect(burnRate({ count: 1000, ok: 990, errors: 10, hist: [] }, 99.9)).toBeCloseTo(10, 5);
    expect(burnRate({ count: 0, ok: 0, errors: 0, hist: [] }, 99.9)).toBeNull();
  });

  it('fires the 1h/5m 14.4x page only while both windows burn, and stops when the short window recovers', () => {
    const { clock, store, service, feed } = setup();
    feed(2 * hour, false);
    feed(15 * minute, true);
    let report = computeSlo(store, service, clock.now());
    // 15 of the last 60 minutes failed: 25 % bad / 1 % budget = 25x over 1h, 100x over 5m.
    expect(report.alerts).toContainEqual({ severity: 'critical', long: '1h', short: '5m', factor: 14.4 });
    const alerts = burnAlerts(report, service, clock.now());
    expect(alerts[0]?.labels).toMatchObject({ alertname: 'SLOBurnRate', service: 'api', severity: 'critical', long_window: '1h', short_window: '5m' });
    feed(10 * minute, false);
    report = computeSlo(store, service, clock.now());
    expect(report.alerts.find((a) => a.long === '1h')).toBeUndefined();
  });

  it('fires the 6h/30m 6x alert for a slower burn that the 1h page misses', () => {
    const { clock, store, service, feed } = setup();
    // 5 of every 60 checks fail for 6 hours: about 8x burn, below 14.4x.
    for (let i = 0; i < 36; i++) {
      feed(550_000, false);
      feed(50_000, true);
    }
    const report = computeSlo(store, service, clock.now());
    expect(report.alerts.map((a) => `${a.long}/${a.short}`)).toContain('6h/30m');
    expect(report.alerts.map((a) => `${a.long}/${a.short}`)).not.toContain('1h/5m');
  });

  it('reports no data instead of a perfect score', () => {
    const { clock, store, service } = setup();
    const report = computeSlo(store, service, clock.now());
    expect(report.budgetRemaining).toBeNull();
    expect(report.objectives.every((o) => o.actual === null && o.met === null)).toBe(true);
    expect(burnAlerts(report, service, clock.now())).toEqual([]);
  });
});
