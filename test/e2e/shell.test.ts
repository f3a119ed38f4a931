import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConsole, type Console } from '../support/e2e';

describe('the UI shell in a real browser', () => {
  let c: Console;
  beforeAll(async () => {
    c = await startConsole();
  });
  afterAll(async () => {
    await c?.close();
  });

  it('drops the token from the address bar after login', () => {
    expect(c.page.url()).not.toContain('token=');
  });

  it('shows the first-run empty state with a demo button', async () => {
    await expect.poll(() => c.page.getByRole('heading', { name: 'Nothing is being watched yet' }).isVisible()).toBe(true);
    await c.screenshot('01-first-run');
  });

  it('clicks through every screen', async () => {
    for (const name of ['Alerts', 'Incidents', 'Runbooks', 'Settings', 'Dashboard']) {
      await c.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name }).click();
      await expect.poll(() => c.page.getByRole('heading', { level: 1 }).textContent()).toBe(name);
      await c.screenshot(`02-screen-${name.toLowerCase()}`);
    }
    await expect.poll(() => c.page.getByText(c.home).first().isVisible()).toBe(true);
  });

  it('navigates with the command palette and Alt+number', async () => {
    await c.page.keyboard.press('Control+k');
    await c.page.getByRole('textbox', { name: 'Command' }).fill('settings');
    await c.screenshot('03-palette');
    await c.page.keyboard.press('Enter');
    await expect.poll(() => c.page.getByRole('heading', { level: 1 }).textContent()).toBe('Settings');
    await c.page.keyboard.press('Alt+1');
    await expect.poll(() => c.page.getByRole('heading', { level: 1 }).textContent()).toBe('Dashboard');
  });

  it('starts the demo and breaks a check from the dashboard', async () => {
    await c.page.getByRole('button', { name: 'Try the demo' }).click();
    const panel = c.page.getByTestId('demo-panel');
    await expect.poll(() => panel.isVisible()).toBe(true);
    const url = await panel.locator('code').first().textContent();
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    // The box is driven by the core's reply, so click and wait for the round trip.
    await panel.getByLabel('database').click();
    await expect.poll(() => panel.getByLabel('database').isChecked()).toBe(true);
    const ready = await fetch(`${url}/health/ready`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({ status: 'not_ready', checks: { database: false, redis: true, disk_space: true } });
    await c.screenshot('04-demo');
  });

  it('shows a broken config.yml with file, line and field, and clears it when fixed', async () => {
    const file = join(c.home, 'config.yml');
    const good = readFileSync(file, 'utf8');
    writeFileSync(file, good.replace('prometheus: []', 'prometheus:\n  - name: prod\n    url: not-a-url'));
    const banner = c.page.getByTestId('config-issues');
    await expect.poll(() => banner.textContent(), { timeout: 10_000 }).toContain('prometheus[0].url');
    expect(await banner.textContent()).toMatch(/config\.yml:\d+:\d+/);
    expect(await banner.textContent()).toContain('the last good configuration is still running');
    await c.screenshot('05-config-error');
    writeFileSync(file, good);
    await expect.poll(() => banner.count(), { timeout: 10_000 }).toBe(0);
  });

  it('follows the OS colour scheme', async () => {
    const background = () => c.page.evaluate<string>('getComputedStyle(document.body).backgroundColor');
    await c.page.emulateMedia({ colorScheme: 'light' });
    const light = await background();
    await c.page.emulateMedia({ colorScheme: 'dark' });
    const dark = await background();
    expect(light).not.toBe(dark);
    await c.screenshot('06-dark');
    await c.page.emulateMedia({ colorScheme: 'light' });
  });
});
