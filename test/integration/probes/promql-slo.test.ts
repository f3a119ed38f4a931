import { afterEach, describe, expect, it } from 'vitest';
import { PrometheusClient } from '../../../main/core/prometheus/client';
import { promSloSchema } from '../../../main/core/slo/config';
import { computePromSlo } from '../../../main/core/slo/promql';
import { burnRules, label } from '../../../main/core/slo/slo';
import { prometheusApi, pumpRequestCounters, startExporter, startPrometheus, type PrometheusPeer, type TestExporter } from '../../support/prometheus';

let exporter: TestExporter | null = null;
let prom: PrometheusPeer | null = null;
let client: PrometheusClient | null = null;
let stopPump: (() => void) | null = null;
afterEach(async () => {
  stopPump?.();
  client?.close();
  await prom?.stop();
  await exporter?.stop();
  [exporter, prom, client, stopPump] = [null, null, null, null];
});

async function until(what: string, fn: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await fn())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** One number from an instant query at `time` (ms), asked of the peer directly, not through the console's client. */
async function promValue(url: string, expr: string, time: number): Promise<number> {
  const data = await prometheusApi<{ result: { value: [number, string] }[] }>(url, `query?query=${encodeURIComponent(expr)}&time=${time / 1000}`);
  expect(data.result).toHaveLength(1);
  return Number(data.result[0]?.value[1]);
}

describe('PromQL SLOs against a real Prometheus', () => {
  it('computes the error ratio and burn rates that Prometheus itself returns for the same SLI, and reads a stopped server as unavailable', async () => {
    exporter = await startExporter();
    const ex = exporter;
    // Counters that grow at an uneven pace, 1 error in every 9 to 13 requests.
    stopPump = pumpRequestCounters(ex, (n) => ({ ok: 40 + (n % 5) * 7, failed: 6 + (n % 3) }));
    prom = await startPrometheus({ targets: [ex.target] });
    const url = prom.url;
    // A fixed evaluation time with three scrapes behind it, so both sides see exactly the same samples.
    let at = 0;
    await until('three scrapes of the counters', async () => {
      at = Math.floor(Date.now() / 1000) * 1000;
      const data = await prometheusApi<{ result: unknown[] }>(url, `query?query=${encodeURIComponent('count_over_time(http_requests_total{code="500"}[1m]) >= 3')}&time=${at / 1000}`);
      return data.result.length === 1;
    });

    const spec = promSloSchema.parse({
      service: 'checkout',
      objective: 99,
      events: { errors: 'sum(rate(http_requests_total{code=~"5.."}[{{window}}]))', total: 'sum(rate(http_requests_total[{{window}}]))' },
      errorRate: 1,
    });
    client = new PrometheusClient({ name: 'prod', url });
    const c = client;
    const report = await computePromSlo(spec, 'prod', (expr, time) => c.queryVector(expr, time), at);
    expect(report.status).toBe('ok');

    // The same SLI written by hand, as a user would type it into Prometheus's own query page.
    const ratio = await promValue(url, 'sum(rate(http_requests_total{code="500"}[30d])) / sum(rate(http_requests_total[30d]))', at);
    expect(ratio).toBeGreaterThan(0.08);
    expect(ratio).toBeLessThan(0.14);
    const availability = report.objectives.find((o) => o.kind === 'availability');
    expect(availability?.actual).toBeCloseTo(100 * (1 - ratio), 9);
    expect(report.objectives.find((o) => o.kind === 'error-rate')?.actual).toBeCloseTo(100 * ratio, 9);
    const burns = new Map<string, number>();
    for (const w of ['5m', '30m', '1h', '2h', '6h', '1d', '3d', '30d']) {
      const burn = await promValue(url, `(sum(rate(http_requests_total{code="500"}[${w}])) / sum(rate(http_requests_total[${w}]))) / (1 - 0.99)`, at);
      burns.set(w, burn);
      expect(report.burnRates.find((b) => b.window === w)?.rate).toBeCloseTo(burn, 9);
    }
    expect(report.budgetRemaining).toBeCloseTo(1 - ratio / 0.01, 9);
    // Roughly 10x everywhere: the multi-window rules decide on Prometheus's own burn rates the same way.
    const expected = burnRules.filter((r) => (burns.get(label(r.long)) ?? 0) >= r.factor && (burns.get(label(r.short)) ?? 0) >= r.factor).map((r) => `${label(r.long)}/${label(r.short)}`);
    expect(expected).toContain('6h/30m');
    expect(expected).not.toContain('1h/5m');
    expect(report.alerts.map((a) => `${a.long}/${a.short}`)).toEqual(expected);

    await prom.stop();
    prom = null;
    const blind = await computePromSlo(spec, 'prod', (expr, time) => c.queryVector(expr, time), at);
    expect(blind.status).toBe('unavailable');
    expect(blind.statusReason).toMatch(/Prometheus "prod" is unavailable/);
    expect(blind.budgetRemaining).toBeNull();
    expect(blind.alerts).toEqual([]);
  });
});
