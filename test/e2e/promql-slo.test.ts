import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startConsole, type Console } from '../support/e2e';
import { pumpRequestCounters, startExporter, startPrometheus, type PrometheusPeer, type TestExporter } from '../support/prometheus';

let c: Console | null = null;
let prom: PrometheusPeer | null = null;
let exporter: TestExporter | null = null;
let stopPump: (() => void) | null = null;
afterEach(async () => {
  stopPump?.();
  await c?.close();
  await prom?.stop();
  await exporter?.stop();
  [c, prom, exporter, stopPump] = [null, null, null, null];
});

describe('PromQL SLOs on the dashboard', () => {
  it('shows a PromQL SLO in the SLO panel with what Prometheus measured, and "source unavailable" once Prometheus stops', async () => {
    exporter = await startExporter();
    stopPump = pumpRequestCounters(exporter, () => ({ ok: 99, failed: 1 }));
    prom = await startPrometheus({ targets: [exporter.target] });
    const url = prom.url;
    c = await startConsole({
      prepareHome: (home) =>
        writeFileSync(
          join(home, 'config.yml'),
          [
            'prometheus:',
            '  - name: prod',
            `    url: ${url}`,
            '    readAlerts: false',
            'rules: { builtin: false, interval: 2s }',
            'slos:',
            '  - service: checkout',
            '    objective: 99.5',
            '    events:',
            '      errors: sum(rate(http_requests_total{code="500"}[{{window}}]))',
            '      total: sum(rate(http_requests_total[{{window}}]))',
            '',
          ].join('\n'),
        ),
    });
    const page = c.page;
    const panel = page.getByTestId('slo-promql-checkout');
    const measured = panel.locator('tr', { hasText: 'Availability' }).locator('td').nth(2);
    const budget = panel.locator('tr', { hasText: 'Error budget left' }).locator('td').nth(2);
    // 1 % of requests fail against a 0.5 % budget: availability about 99 %, the budget overspent.
    // Reloading asks the core afresh instead of waiting for the page's slow SLO refresh.
    const reloaded = async () => {
      await page.reload();
      await panel.waitFor();
      return measured.textContent();
    };
    await expect.poll(reloaded, { timeout: 30_000, interval: 1_000 }).toMatch(/^99\.\d\d %$/);
    expect(await budget.textContent()).toMatch(/^-\d+\.\d %$/);
    expect(await panel.locator('h3').textContent()).toContain('PromQL on prod');
    expect(await panel.textContent()).not.toContain('Source unavailable');
    await c.screenshot('promql-slo-01-ok');

    await prom.stop();
    prom = null;
    await expect.poll(async () => (await reloaded(), panel.textContent()), { timeout: 30_000, interval: 1_000 }).toContain('Source unavailable');
    expect(await measured.textContent()).toBe('—');
    expect(await budget.textContent()).toBe('—');
    await c.screenshot('promql-slo-02-unavailable');
  });
});
