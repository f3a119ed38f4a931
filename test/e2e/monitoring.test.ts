import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConsole, type Console } from '../support/e2e';

describe('monitoring on the dashboard in a real browser', () => {
  let c: Console;
  beforeAll(async () => {
    c = await startConsole();
  });
  afterAll(async () => {
    await c?.close();
  });

  it('demo -> break the database -> the dashboard shows the target down with "database" named', async () => {
    await c.page.getByRole('button', { name: 'Try the demo' }).click();
    const row = c.page.getByTestId('target-demo');
    await expect.poll(() => row.getAttribute('data-health'), { timeout: 15_000 }).toBe('up');
    await expect.poll(() => c.page.getByTestId('target-chart').isVisible(), { timeout: 10_000 }).toBe(true);
    await c.screenshot('monitoring-01-demo-up');

    await c.page.getByTestId('demo-panel').getByLabel('database').click();
    await expect.poll(() => row.getAttribute('data-health'), { timeout: 15_000 }).toBe('down');
    expect(await c.page.getByTestId('failing-demo').textContent()).toBe('database');
    expect(await row.locator('.health').textContent()).toBe('down');
    await expect.poll(() => c.page.getByTestId('slo-panel').isVisible()).toBe(true);
    await c.screenshot('monitoring-02-demo-down');

    await c.page.getByTestId('demo-panel').getByLabel('database').click();
    await expect.poll(() => row.getAttribute('data-health'), { timeout: 15_000 }).toBe('up');
  });

  it('shows configured targets next to the demo and marks a refused one down', async () => {
    const file = join(c.home, 'config.yml');
    // Port 9 on loopback: nothing listens there, so the connection is refused (a real failure, not "offline").
    writeFileSync(file, 'targets:\n  - name: nothing-here\n    url: http://127.0.0.1:9/health\n    interval: 1s\n    timeout: 500ms\n');
    const row = c.page.getByTestId('target-nothing-here');
    await expect.poll(() => row.getAttribute('data-health'), { timeout: 15_000 }).toBe('down');
    expect(await c.page.getByTestId('failing-nothing-here').textContent()).toContain('ECONNREFUSED');
    await c.screenshot('monitoring-03-config-target');
  });
});
