import { afterEach, describe, expect, it } from 'vitest';
import { quantile, emptyHistogram, observe } from '../../../main/core/history/histogram';
import { day, hour, HistoryStore, minute } from '../../../main/core/history/store';
import { historySchema } from '../../../main/core/probes/config';
import { closeJournal, openJournal, type Db } from '../../../main/core/journal';
import { FakeClock } from '../../support/fake-clock';

let db: Db;
afterEach(() => {
  if (db?.open) closeJournal(db);
});

function setup() {
  db = openJournal(':memory:');
  const clock = new FakeClock(Date.UTC(2026, 0, 1));
  const store = new HistoryStore(db, clock);
  /** One probe every 10 s for `ms`, latency 100 ms, failing where `fail(at)` says so. */
  const feed = (ms: number, fail: (at: number) => boolean = () => false, target = 'api') => {
    for (let t = 0; t < ms; t += 10_000) {
      const at = clock.now();
      const bad = fail(at);
      store.add({ target, at, ok: !bad, error: bad, latencyMs: bad ? null : 100, status: bad ? 503 : 200, reason: bad ? 'status 503' : null });
      clock.advance(10_000);
    }
    store.flush();
  };
  return { clock, store, feed };
}

describe('probe history', () => {
  it('keeps raw results 24 h, minutes 7 days, hours 90 days, days a year', () => {
    const { clock, store, feed } = setup();
    feed(2 * hour);
    expect(store.counts()).toEqual({ raw: 720, minute: 120, hour: 2, day: 1 });
    clock.advance(day);
    store.prune();
    expect(store.counts()).toEqual({ raw: 0, minute: 120, hour: 2, day: 1 });
    clock.advance(7 * day);
    store.prune();
    expect(store.counts()).toEqual({ raw: 0, minute: 0, hour: 2, day: 1 });
    clock.advance(90 * day);
    store.prune();
    expect(store.counts()).toEqual({ raw: 0, minute: 0, hour: 0, day: 1 });
    clock.advance(365 * day);
    store.prune();
    expect(store.counts()).toEqual({ raw: 0, minute: 0, hour: 0, day: 0 });
  });

  it('takes the day retention from config (default 1 year) and charts old ranges from hour and day buckets', () => {
    expect(historySchema.parse({}).day).toBe(365 * day);
    const retention = historySchema.parse({ hour: '20d', day: '30d' });
    const { clock, store, feed } = setup();
    store.setRetention(retention);
    const start = clock.now();
    feed(3 * hour, (at) => at - start >= 2 * hour);
    clock.advance(10 * day);
    const hourly = store.series('api', start, clock.now());
    expect(hourly).toMatchObject({ resolution: 'hour', t: [0, 1, 2].map((i) => (start + i * hour) / 1000), up: [1, 1, 0] });
    clock.advance(20 * day);
    store.prune();
    // 30 days on: minutes (7 d) and hours (20 d) are gone, the day bucket is just inside its 30 d.
    expect(store.counts()).toEqual({ raw: 0, minute: 0, hour: 0, day: 1 });
    expect(() => historySchema.parse({ day: '30d', hour: '60d' })).toThrow(/raw <= minute <= hour <= day/);
    clock.advance(day);
    store.prune();
    expect(store.counts()).toEqual({ raw: 0, minute: 0, hour: 0, day: 0 });
  });

  it('serves ranges longer than the hour retention from day buckets', () => {
    const { clock, store, feed } = setup();
    const start = clock.now();
    feed(2 * hour, (at) => at - start < 30 * minute);
    clock.advance(100 * day);
    const daily = store.series('api', start, clock.now());
    expect(daily.resolution).toBe('day');
    expect(daily.t).toEqual([start / 1000]);
    expect(daily.up[0]).toBeCloseTo(0.75, 5);
  });

  it('rolls up counts and latency so a minute bucket equals its raw results', () => {
    const { store, feed, clock } = setup();
    const start = clock.now();
    feed(10 * minute, (at) => (at - start) % minute === 0);
    const agg = store.aggregate(['api'], start, clock.now());
    expect(agg).toMatchObject({ count: 60, ok: 50, errors: 10 });
    expect(quantile(agg.hist, 0.5)).toBeGreaterThan(75);
    expect(quantile(agg.hist, 0.5)).toBeLessThanOrEqual(100);
  });

  it('adds every flush to the same buckets, also across a prune and after a late point', () => {
    const { store, feed, clock } = setup();
    const start = clock.now();
    // One flush per probe: each flush adds to the minute, hour and day rows the last one wrote.
    for (let i = 0; i < 12; i++) feed(10_000, () => i % 4 === 0);
    store.prune();
    feed(30_000);
    // A late result for the first minute, after newer buckets were written.
    store.add({ target: 'api', at: start, ok: false, error: true, latencyMs: 300, status: 503, reason: 'late' });
    store.flush();
    feed(20_000);
    const rows = db.prepare('SELECT resolution, count, ok, errors, latency_count FROM probe_rollups ORDER BY resolution, bucket').all();
    expect(rows).toEqual([
      { resolution: minute, count: 7, ok: 4, errors: 3, latency_count: 5 },
      { resolution: minute, count: 6, ok: 5, errors: 1, latency_count: 5 },
      { resolution: minute, count: 5, ok: 5, errors: 0, latency_count: 5 },
      { resolution: hour, count: 18, ok: 14, errors: 4, latency_count: 15 },
      { resolution: day, count: 18, ok: 14, errors: 4, latency_count: 15 },
    ]);
    expect(quantile(store.aggregate(['api'], start, start + minute).hist, 0.99)).toBeGreaterThan(200);
  });

  it('starts a bucket afresh once pruning has dropped it', () => {
    const { store, feed, clock } = setup();
    const start = clock.now();
    feed(10_000);
    clock.advance(8 * day);
    store.prune();
    store.add({ target: 'api', at: start, ok: true, error: false, latencyMs: 100, status: 200, reason: null });
    store.flush();
    expect(db.prepare('SELECT count FROM probe_rollups WHERE resolution = ?').all(minute)).toEqual([{ count: 1 }]);
  });

  it('serves the chart from raw points within 24 h and from rollups beyond', () => {
    const { store, feed, clock } = setup();
    const start = clock.now();
    feed(3 * hour);
    const raw = store.series('api', start, clock.now());
    expect(raw.resolution).toBe('raw');
    expect(raw.t).toHaveLength(1080);
    expect(raw.latencyMs[0]).toBe(100);
    clock.advance(2 * day);
    const rolled = store.series('api', start, clock.now());
    expect(rolled.resolution).toBe('minute');
    expect(rolled.t).toHaveLength(180);
    expect(rolled.up.every((u) => u === 1)).toBe(true);
  });

  it('writes batches: nothing is written until the flush timer fires', () => {
    const { store, clock } = setup();
    store.add({ target: 'api', at: clock.now(), ok: true, error: false, latencyMs: 5, status: 200, reason: null });
    expect((db.prepare('SELECT count(*) AS n FROM probe_results').get() as { n: number }).n).toBe(0);
    clock.advance(1000);
    expect((db.prepare('SELECT count(*) AS n FROM probe_results').get() as { n: number }).n).toBe(1);
  });

  it('uses the index for chart queries', () => {
    setup();
    const plan = db.prepare('EXPLAIN QUERY PLAN SELECT at, ok, latency_ms FROM probe_results WHERE target = ? AND at >= ? AND at <= ? ORDER BY at').all('api', 0, 1) as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toContain('probe_results_target_at');
  });

  it('estimates percentiles from the histogram', () => {
    const h = emptyHistogram();
    for (let i = 0; i < 99; i++) observe(h, 120);
    observe(h, 4000);
    expect(quantile(h, 0.5)).toBeGreaterThan(100);
    expect(quantile(h, 0.5)).toBeLessThanOrEqual(150);
    expect(quantile(h, 0.999)).toBeGreaterThan(3000);
    expect(quantile(emptyHistogram(), 0.5)).toBeNull();
  });
});
