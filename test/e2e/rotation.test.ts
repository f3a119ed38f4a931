import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../support/cli';
import { startConsole, type Console } from '../support/e2e';

describe('who is on call and the shift handoff, in a real browser', () => {
  let c: Console;
  const today = new Date().toISOString().slice(0, 10);
  beforeAll(async () => {
    c = await startConsole({
      prepareHome: (home) =>
        writeFileSync(join(home, 'config.yml'), `rotation:\n  timezone: UTC\n  me: alice\n  layers:\n    - { name: primary, members: [alice, bob], handoff: daily, at: "00:00", start: "${today}" }\n`),
    });
  });
  afterAll(async () => {
    await c?.close();
  });

  it('shows the rotation on the dashboard', async () => {
    const panel = c.page.getByTestId('on-call');
    await expect.poll(() => panel.textContent()).toContain('You (alice) are on call.');
    expect(await panel.getByRole('row').nth(1).textContent()).toMatch(/^primaryalice until .*bob from /);
    await c.screenshot('rotation-01-on-call');
  });

  it('drafts the handoff, hands it over with notes, and acknowledges receipt', async () => {
    const panel = c.page.getByTestId('handoff');
    await panel.getByRole('button', { name: 'Draft the handoff for my shift' }).click();
    await expect.poll(() => panel.textContent()).toContain('0 pages (0 at night), 0 open incidents');
    await panel.getByRole('textbox', { name: 'Notes for bob' }).fill('Quiet shift; the nightly batch is slow.');
    await c.screenshot('rotation-02-handoff-draft');
    await panel.getByRole('button', { name: 'Hand over' }).click();
    await expect.poll(() => panel.getByRole('status').textContent()).toContain('alice handed over at');
    await panel.getByRole('button', { name: 'Acknowledge receipt' }).click();
    await expect.poll(() => panel.getByRole('status').count()).toBe(0);
    const listed = await cli(['--home', c.home, 'handoff', 'list', '--json']);
    const [handoff] = JSON.parse(listed.stdout) as { notes: string; receivedBy: string | null }[];
    expect(handoff).toMatchObject({ notes: 'Quiet shift; the nightly batch is slow.', receivedBy: 'alice' });
  });
});
