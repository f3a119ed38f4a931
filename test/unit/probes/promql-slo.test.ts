import { afterEach, describe, expect, it } from 'vitest';
import { parseConfigText } from '../../../main/core/composed-config';
import { QueryError, SourceUnavailableError } from '../../../main/core/prometheus/errors';
import type { Sample } from '../../../main/core/prometheus/types';
import { promSloSchema } from '../../../main/core/slo/config';
import { PromSloService } from '../../../main/core/slo/prom-service';
import { computePromSlo, errorRatioQuery, latencyQuery, type QueryFn } from '../../../main/core/slo/promql';
import { FakeClock } from '../../support/fake-clock';
import { makeContext, type TestContext } from '../alerts/harness';

/**
 * A fake Prometheus for SLI queries: error and total event rates per range window, and a latency
 * quantile function. It answers the queries the SLO code builds by reading the `[window]` ranges
 * and the quantile back out of them, and divides the way PromQL would.
 */
class FakeProm {
  errors: Record<string, number> = {};
  total: Record<string, number> = {};
  latencySeconds = (q: number) => q;
  down: string | null = null;
  queries: { expr: string; time: number }[] = [];

  readonly query: QueryFn = (expr, time) => {
    this.queries.push({ expr, time });
    if (this.down) return Promise.reject(new SourceUnavailableError('prod', this.down));
    const quantile = /^histogram_quantile\(([\d.]+),/.exec(expr);
    if (quantile) return Promise.resolve([sample(this.latencySeconds(Number(quantile[1])), time)]);
    const windows = [...expr.matchAll(/\[(\w+)\]/g)].map((m) => m[1] ?? '');
    const w = windows[0] ?? '';
    if (windows.some((x) => x !== w)) throw new Error(`mixed windows in ${expr}`);
    if (!(w in this.total)) return Promise.resolve([]);
    return Promise.resolve([sample((this.errors[w] ?? 0) / (this.total[w] ?? 0), time)]);
  };

  /** The same error ratio over every window. */
  steady(ratio: number): void {
    for (const w of ['5m', '30m', '1h', '2h', '6h', '1d', '3d', '30d']) {
      this.total[w] = 100;
      this.errors[w] = 100 * ratio;
    }
  }
}

const sample = (value: number, time: number): Sample => ({ labels: {}, value, time });

const spec = (extra: Record<string, unknown> = {}) =>
  promSloSchema.parse({
    service: 'checkout',
    objective: 99,
    events: { errors: 'sum(rate(http_requests_total{code=~"5.."}[{{window}}]))', total: 'sum(rate(http_requests_total[{{window}}]))' },
    latency: { query: 'histogram_quantile({{quantile}}, sum by (le) (rate(http_request_duration_seconds_bucket[{{window}}])))', p50: '200ms', p99: '2s' },
    errorRate: 0.5,
    ...extra,
  });

const now = Date.UTC(2026, 10, 23, 9, 0, 0);

describe('PromQL SLOs: config', () => {
  const config = (slos: string) => `prometheus:\n  - name: prod\n    url: http://127.0.0.1:9090\nslos:\n${slos}`;

  it('reads an SLO with bad/total event queries, a latency query and defaults', () => {
    const result = parseConfigText(
      config(`  - service: checkout
    objective: 99.9
    events:
      errors: sum(rate(http_requests_total{code=~"5.."}[{{window}}]))
      total: sum(rate(http_requests_total[{{window}}]))
    latency:
      query: histogram_quantile({{quantile}}, sum by (le) (rate(h_bucket[{{window}}])))
      p99: 500ms
`),
      'config.yml',
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config.slos[0]).toMatchObject({ service: 'checkout', name: 'availability', objective: 99.9, window: 30 * 86_400_000, alerting: true, latency: { unit: 'seconds', p99: 500 } });
  });

  it('names file, line and field for a query without {{window}}, two SLIs at once and an unknown server', () => {
    const result = parseConfigText(
      config(`  - service: checkout
    objective: 99
    errorRatio: sum(rate(errors[5m])) / sum(rate(total[5m]))
  - service: search
    prometheus: staging
    objective: 99.5
    errorRatio: x[{{window}}]
    events: { errors: "a[{{window}}]", total: "b[{{window}}]" }
`),
      'config.yml',
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const issues = result.issues.map((i) => `${i.file}:${i.line}:${i.field}: ${i.message}`);
    expect(issues).toContainEqual(expect.stringMatching(/^config\.yml:7:slos\[0\]\.errorRatio: must contain \{\{window\}\}/));
    expect(issues).toContainEqual(expect.stringMatching(/^config\.yml:12:slos\[1\]\.events: set exactly one of events/));
    // The cross-section check runs once the sections themselves are valid.
    const second = parseConfigText(config(`  - service: search\n    prometheus: staging\n    objective: 99.5\n    errorRatio: x[{{window}}]\n`), 'config.yml');
    expect(second.ok).toBe(false);
    if (second.ok) return;
    expect(second.issues.map((i) => `${i.line}:${i.field}: ${i.message}`)).toEqual(['6:slos[0].prometheus: no Prometheus named "staging" under prometheus:']);
  });

  it('rejects a query that is not valid PromQL when config.yml is read, with the parser\'s reason', () => {
    const result = parseConfigText(config(`  - service: checkout
    objective: 99
    errorRatio: sum(rate(errors[{{window}}]) / sum(rate(total[{{window}}]))
`), 'config.yml');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((i) => `${i.line}:${i.field}: ${i.message}`)).toEqual([expect.stringMatching(/^7:slos\[0\]\.errorRatio: not valid PromQL: 1:\d+: parse error: /)]);
  });
});

describe('PromQL SLOs: evaluation', () => {
  it('builds the error ratio per burn window the way Sloth divides bad by total events', () => {
    expect(errorRatioQuery(spec(), 5 * 60_000)).toBe('(sum(rate(http_requests_total{code=~"5.."}[5m]))) / (sum(rate(http_requests_total[5m])))');
    expect(errorRatioQuery(spec({ events: undefined, errorRatio: 'job:error_ratio:rate{{window}}' }), 86_400_000)).toBe('job:error_ratio:rate1d');
    expect(latencyQuery(spec(), 0.99)).toBe('histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket[30d])))');
  });

  it('computes availability, latency, error rate, budget left and burn rates at the evaluation time', async () => {
    const prom = new FakeProm();
    prom.steady(0.002);
    prom.latencySeconds = (q) => (q === 0.5 ? 0.12 : 2.5);
    const report = await computePromSlo(spec(), 'prod', prom.query, now);
    expect(prom.queries.every((q) => q.time === now)).toBe(true);
    expect(report).toMatchObject({ source: 'promql', prometheus: 'prod', status: 'ok', statusReason: null, checks: null, windowMs: 30 * 86_400_000 });
    const byKind = Object.fromEntries(report.objectives.map((o) => [o.kind, o]));
    expect(byKind.availability?.actual).toBeCloseTo(99.8, 9);
    expect(byKind.availability?.met).toBe(true);
    expect(byKind['latency-p50']).toMatchObject({ objective: 200, actual: expect.closeTo(120, 9) as number, met: true });
    expect(byKind['latency-p99']).toMatchObject({ objective: 2000, actual: expect.closeTo(2500, 9) as number, met: false });
    expect(byKind['error-rate']).toMatchObject({ actual: expect.closeTo(0.2, 9) as number, met: true });
    // 0.2 % bad against a 1 % budget: burns at 0.2x, 80 % left.
    expect(report.budgetRemaining).toBeCloseTo(0.8, 9);
    expect(report.burnRates.map((b) => b.window)).toEqual(['30d', '5m', '30m', '1h', '2h', '6h', '1d', '3d']);
    expect(report.burnRates.every((b) => Math.abs((b.rate ?? -1) - 0.2) < 1e-9)).toBe(true);
    expect(report.alerts).toEqual([]);
  });

  it('fires the same multi-window alerts as probe SLOs: 1h/5m page only while the short window burns too', async () => {
    const prom = new FakeProm();
    prom.steady(0.001);
    prom.errors['1h'] = 20; // 20 % over 1h = 20x
    prom.errors['5m'] = 50;
    let report = await computePromSlo(spec(), 'prod', prom.query, now);
    expect(report.alerts).toEqual([{ severity: 'critical', long: '1h', short: '5m', factor: 14.4 }]);
    prom.errors['5m'] = 0; // the burn stopped: the short window recovers first
    report = await computePromSlo(spec(), 'prod', prom.query, now);
    expect(report.alerts).toEqual([]);
    prom.errors['6h'] = 8; // a slow burn the 1h page misses: 8x over 6h and 30m
    prom.errors['30m'] = 8;
    report = await computePromSlo(spec(), 'prod', prom.query, now);
    expect(report.alerts).toEqual([{ severity: 'critical', long: '6h', short: '30m', factor: 6 }]);
  });

  it('reads no traffic (0/0 = NaN, or no series) as no data, not as a perfect score', async () => {
    const prom = new FakeProm();
    prom.steady(0);
    for (const w of Object.keys(prom.total)) prom.total[w] = 0;
    const nan = await computePromSlo(spec(), 'prod', prom.query, now);
    expect(nan.budgetRemaining).toBeNull();
    expect(nan.objectives.find((o) => o.kind === 'availability')).toMatchObject({ actual: null, met: null });
    const empty = await computePromSlo(spec(), 'prod', new FakeProm().query, now);
    expect(empty.burnRates.every((b) => b.rate === null)).toBe(true);
  });

  it('gives "source unavailable" with nothing measured when Prometheus is down, and names unaggregated queries', async () => {
    const prom = new FakeProm();
    prom.steady(0);
    prom.down = 'connect ECONNREFUSED 127.0.0.1:9090';
    const report = await computePromSlo(spec(), 'prod', prom.query, now);
    expect(report.status).toBe('unavailable');
    expect(report.statusReason).toContain('ECONNREFUSED');
    expect(report.budgetRemaining).toBeNull();
    expect(report.objectives.every((o) => o.actual === null && o.met === null)).toBe(true);
    expect(report.alerts).toEqual([]);

    const split: QueryFn = (_expr, time) => Promise.resolve([sample(0.1, time), { labels: { code: '500' }, value: 0.2, time }]);
    const bad = await computePromSlo(spec(), 'prod', split, now);
    expect(bad.status).toBe('query-error');
    expect(bad.statusReason).toMatch(/returns 2 series; aggregate it/);
    const rejected: QueryError = new QueryError('bad_data', 'parse error: unexpected end of input');
    const refused = await computePromSlo(spec(), 'prod', () => Promise.reject(rejected), now);
    expect(refused).toMatchObject({ status: 'query-error', statusReason: 'parse error: unexpected end of input' });
  });
});

describe('PromQL SLOs: the service', () => {
  let t: TestContext | null = null;
  afterEach(() => {
    t?.dispose();
    t = null;
  });

  const yaml = `prometheus:
  - name: prod
    url: http://127.0.0.1:1
slos:
  - service: checkout
    objective: 99
    runbook: https://runbooks.example.com/checkout-slo
    events:
      errors: sum(rate(http_requests_total{code=~"5.."}[{{window}}]))
      total: sum(rate(http_requests_total[{{window}}]))
`;

  function setup() {
    const clock = new FakeClock(now);
    t = makeContext(yaml, clock);
    const prom = new FakeProm();
    const service = new PromSloService(t.ctx, { queryFor: () => prom.query, every: 60_000 });
    const ctx = t.ctx;
    const burnAlerts = () => ctx.alerts.merged().filter((a) => a.labels.alertname === 'SLOBurnRate');
    return { clock, prom, service, burnAlerts };
  }

  it('evaluates every minute on the clock, publishes burn alerts, keeps them while blind and resolves them when the burn stops', async () => {
    const { clock, prom, service, burnAlerts } = setup();
    prom.steady(0.2);
    service.start();
    clock.advance(0);
    await service.evaluate();
    const firing = burnAlerts();
    expect(firing.map((a) => `${a.labels.severity} ${a.labels.long_window}/${a.labels.short_window}`).sort()).toEqual(['critical 1h/5m', 'critical 6h/30m', 'warning 1d/2h', 'warning 3d/6h']);
    expect(firing[0]).toMatchObject({ source: 'rule', sourceName: 'slo:checkout/availability', state: 'firing', labels: { service: 'checkout', slo: 'availability' }, annotations: { runbook_url: 'https://runbooks.example.com/checkout-slo' } });

    prom.down = 'no answer within 10000 ms';
    clock.advance(60_000);
    await service.evaluate();
    const [blind] = await service.reports();
    expect(blind).toMatchObject({ status: 'unavailable', budgetRemaining: null });
    expect(burnAlerts().every((a) => a.state === 'firing')).toBe(true);
    expect(burnAlerts()).toHaveLength(4);

    prom.down = null;
    prom.steady(0);
    clock.advance(60_000);
    await service.evaluate();
    expect(burnAlerts().filter((a) => a.state === 'firing')).toEqual([]);
    await service.stop();
    expect(clock.pendingTimers()).toBe(0);
  });

  it('answers the UI from the last evaluation for half an interval, then asks Prometheus again; paused reads as unavailable', async () => {
    const { clock, prom, service } = setup();
    prom.steady(0.001);
    const first = await service.reports();
    const asked = prom.queries.length;
    expect(asked).toBeGreaterThan(0);
    clock.advance(29_000);
    expect(await service.reports()).toBe(first);
    expect(prom.queries.length).toBe(asked);
    clock.advance(1_000);
    await service.reports();
    expect(prom.queries.length).toBe(2 * asked);
    service.setPaused(true);
    expect(await service.reports()).toMatchObject([{ status: 'unavailable', statusReason: 'monitoring is paused' }]);
  });
});
