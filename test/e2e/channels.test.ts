import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startChannelReceiver, type ChannelReceiver } from '../support/channel-receiver';
import { startConsole, type Console } from '../support/e2e';

/** Settings → Receivers → "Send test": the message reaches the local receiver and its answer is shown. */
describe('sending a test message from Settings', () => {
  let c: Console;
  let rx: ChannelReceiver;
  beforeAll(async () => {
    rx = await startChannelReceiver();
    c = await startConsole({
      prepareHome: (home) =>
        writeFileSync(
          join(home, 'config.yml'),
          `alerting:\n  route: { receiver: ops }\n  receivers:\n    - name: ops\n      webhook_configs: [{ url: '\${env:OPS_HOOK}' }]\n      msteams_configs: [{ webhook_url: '\${env:OPS_TEAMS}' }]\n      pagerduty_configs: [{ routing_key_file: /nope }]\n`,
        ),
      env: { OPS_HOOK: `${rx.url}/webhook`, OPS_TEAMS: `${rx.url}/teams-gone` },
    });
  });
  afterAll(async () => {
    await c?.close();
    await rx?.stop();
  });

  it('shows each integration with the server answer', async () => {
    await c.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    const panel = c.page.locator('[data-receiver="ops"]');
    await expect.poll(() => panel.isVisible()).toBe(true);
    expect(await panel.textContent()).toContain('(not delivered by the console)');
    await panel.getByRole('button', { name: 'Send test' }).click();
    await expect.poll(() => panel.getByRole('status').count()).toBe(2);
    const statuses = await panel.getByRole('status').allTextContents();
    // The receiver quotes the path it was sent to; the path of a secret URL is masked.
    expect(statuses.some((s) => /ok 200: ok/.test(s)), statuses.join(' / ')).toBe(true);
    expect(statuses.some((s) => /failed 400: HTTP 400: no receiver at \*\*\*/.test(s)), statuses.join(' / ')).toBe(true);
    expect(rx.received.map((r) => r.path).sort()).toEqual(['/teams-gone', '/webhook']);
    await c.screenshot('channels-send-test');
  });
});
