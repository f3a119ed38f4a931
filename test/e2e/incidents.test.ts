import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliProcess } from '../support/cli';
import { startConsole, type Console } from '../support/e2e';
import { seedExports } from './incidents-seed';

describe('the incident journal in a real browser', () => {
  let c: Console;
  let incidentId = '';
  beforeAll(async () => {
    c = await startConsole();
  });
  afterAll(async () => {
    await c?.close();
  });

  const timeline = () => c.page.getByRole('region', { name: 'Timeline' });
  const composer = () => c.page.getByRole('textbox', { name: 'Add to timeline' });

  it('shows an empty state that says how to open an incident', async () => {
    await c.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Incidents' }).click();
    await expect.poll(() => c.page.getByRole('heading', { name: 'No incidents yet' }).isVisible()).toBe(true);
    expect(await c.page.getByText('oncall incident open --title').isVisible()).toBe(true);
  });

  it('opens a P1 from the keyboard and lands on its page with the start checklist', async () => {
    await c.page.getByRole('button', { name: 'Open an incident' }).click();
    await c.page.getByRole('textbox', { name: 'Title' }).fill('API 5xx storm after deploy');
    await c.page.keyboard.press('Alt+1');
    await c.page.getByRole('combobox', { name: 'Category' }).selectOption('A');
    await c.page.getByRole('textbox', { name: 'Title' }).press('Enter');
    await expect.poll(() => c.page.getByRole('heading', { level: 1 }).textContent()).toBe('API 5xx storm after deploy');
    incidentId = decodeURIComponent(c.page.url().split('#/incidents/')[1] ?? '');
    expect(incidentId).toMatch(/^INC-\d{8}-\d{6}-[0-9a-f]{4,8}$/);
    expect(await c.page.getByRole('combobox', { name: 'Severity' }).inputValue()).toBe('P1');
    await expect.poll(() => c.page.getByRole('region', { name: /15-minute start checklist/ }).isVisible()).toBe(true);
    // The composer has the focus: typing goes straight to the timeline.
    expect(await composer().evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
    await expect.poll(() => c.page.getByTestId('incident-clock').textContent()).toMatch(/^0:0[1-9]$/);
  });

  it('journals every checklist tick', async () => {
    const checklist = c.page.getByRole('region', { name: /15-minute start checklist/ });
    const boxes = checklist.getByRole('checkbox');
    const count = await boxes.count();
    expect(count).toBe(5);
    for (let i = 0; i < count; i++) {
      const box = boxes.nth(i);
      if (!(await box.isChecked())) {
        await box.click();
        await expect.poll(() => box.isChecked()).toBe(true);
      }
    }
    await expect.poll(() => checklist.getByRole('heading').textContent()).toContain('5/5');
    // Severity is ticked by the core when the incident opens; the other four are the clicks above.
    await expect.poll(() => timeline().locator('[data-kind="checklist"]').count()).toBe(5);
  });

  it('adds a note on Enter and a decision with /decision and with Ctrl+D', async () => {
    await composer().fill('restarted api-2, errors continue');
    await composer().press('Enter');
    await expect.poll(() => timeline().locator('[data-kind="note"]').last().textContent()).toContain('restarted api-2, errors continue');
    expect(await composer().inputValue()).toBe('');

    await composer().fill('/decision roll back to v41 | 5xx below 1% | 5xx at 0.2% | watch for 15 min');
    await composer().press('Enter');
    await expect.poll(() => timeline().locator('[data-kind="decision"]').last().textContent()).toMatch(/\[\d\d:\d\d\] roll back to v41, 5xx below 1%, 5xx at 0\.2%, watch for 15 min/);

    await composer().fill('scale api to 6 replicas | p99 recovers');
    await composer().press('Control+d');
    await expect.poll(() => timeline().locator('[data-kind="decision"]').count()).toBe(2);
    expect(await timeline().locator('[data-kind="decision"]').last().textContent()).toMatch(/scale api to 6 replicas, p99 recovers, –, –/);

    await composer().fill('/decision only an action');
    await composer().press('Enter');
    await expect.poll(() => c.page.getByText('a decision needs an expectation').isVisible()).toBe(true);
    await composer().fill('');
  });

  it('warns about personal data without blocking the note', async () => {
    await composer().fill('customer jane.doe@example.com reports errors');
    await expect.poll(() => c.page.getByTestId('pii-warning').first().isVisible()).toBe(true);
    await composer().press('Enter');
    await expect.poll(() => timeline().locator('[data-kind="note"]').last().textContent()).toContain('jane.doe@example.com');
  });

  it('shows a correction next to the entry it supersedes', async () => {
    const first = timeline().locator('[data-kind="note"]').first();
    await first.hover();
    await first.getByRole('button', { name: /Correct entry/ }).click();
    await expect.poll(() => composer().inputValue()).toBe('restarted api-2, errors continue');
    await composer().fill('restarted api-2 and api-3, errors continue');
    await composer().press('Enter');
    const group = timeline().locator('.tl-group.corrected');
    await expect.poll(() => group.count()).toBe(1);
    const texts = await group.locator('[data-testid="timeline-entry"]').allTextContents();
    expect(texts[0]).toContain('corrected below');
    expect(texts[0]).toContain('restarted api-2, errors continue');
    expect(texts[1]).toContain('correction');
    expect(texts[1]).toContain('restarted api-2 and api-3');
  });

  it('changes status and roles in one click each', async () => {
    const status = c.page.getByRole('group', { name: 'Status' });
    await status.getByRole('button', { name: 'investigating' }).click();
    await expect.poll(() => status.getByRole('button', { name: 'investigating' }).getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => timeline().locator('[data-kind="status_change"]').last().textContent()).toContain('investigating');

    await c.page.getByRole('textbox', { name: 'Your name' }).fill('alex');
    await c.page.getByRole('button', { name: 'Take Incident commander' }).click();
    await expect.poll(() => c.page.getByTestId('role-commander').textContent()).toContain('alex');
    await expect.poll(() => timeline().locator('[data-kind="role_change"]').last().textContent()).toContain('alex');
    await c.screenshot('incidents-02-detail');
  });

  it('shows a note written with the CLI within a second, in the open page', async () => {
    const result = cliProcess(['--home', c.home, 'note', '--incident', incidentId, 'zebra crossing: cache flushed from the terminal']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const written = performance.now();
    await timeline().getByText('zebra crossing: cache flushed from the terminal').waitFor({ timeout: 1000 });
    const seenAfter = performance.now() - written;
    console.log(`CLI note visible in the open incident page ${seenAfter.toFixed(0)} ms after the CLI exited`);
    expect(seenAfter).toBeLessThan(1000);
  });

  it('finds the CLI note with full-text search and highlights the hit', async () => {
    await c.page.getByRole('link', { name: '← Incidents' }).click();
    await c.page.getByRole('link', { name: 'Search' }).click();
    await c.page.getByRole('searchbox', { name: 'Search incidents' }).fill('zebra');
    const snippet = c.page.getByTestId('search-snippet').first();
    await expect.poll(() => snippet.locator('mark').first().textContent()).toMatch(/zebra/i);
    await c.screenshot('incidents-03-search');
    await snippet.click();
    await expect.poll(() => c.page.locator('.tl-entry.focused').textContent()).toContain('zebra crossing');
  });

  it('downloads the postmortem Markdown and merges its own JSON export without duplicates', async () => {
    const [md] = await Promise.all([c.page.waitForEvent('download'), c.page.getByRole('button', { name: 'Postmortem (Markdown)' }).click()]);
    expect(md.suggestedFilename()).toBe(`${incidentId}-postmortem.md`);
    const markdown = readFileSync(await md.path(), 'utf8');
    expect(markdown).toContain('API 5xx storm after deploy');
    expect(markdown).toContain('roll back to v41');

    const [json] = await Promise.all([c.page.waitForEvent('download'), c.page.getByRole('button', { name: 'Full incident (JSON)' }).click()]);
    const exported = readFileSync(await json.path(), 'utf8');
    const entries = (JSON.parse(exported) as { timeline: unknown[] }).timeline.length;
    await c.page.getByRole('link', { name: '← Incidents' }).click();
    await c.page.getByLabel('Import file').setInputFiles({ name: 'colleague.json', mimeType: 'application/json', buffer: Buffer.from(exported) });
    await expect.poll(() => c.page.getByRole('status').filter({ hasText: 'Imported colleague.json' }).textContent()).toContain(`0 new, 1 merged, 0 entries added, ${entries} already here`);
    await c.page.getByLabel('Import file').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"format":"something else"}') });
    await expect.poll(() => c.page.getByRole('alert').filter({ hasText: 'Nothing imported from broken.json' }).isVisible()).toBe(true);
  });

  it('shows stats for the period', async () => {
    await c.page.getByRole('link', { name: 'Stats' }).click();
    await expect.poll(() => c.page.getByTestId('stats-total').textContent()).toBe('1');
    expect(await c.page.getByRole('img', { name: /per day/ }).isVisible()).toBe(true);
  });

  it('renders only the visible rows of a long list, filters and sorts it', async () => {
    const seeded = 3000;
    await c.page.getByRole('link', { name: 'List' }).click();
    await c.page.getByLabel('Import file').setInputFiles({ name: 'many.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(seedExports(seeded))) });
    await expect.poll(() => c.page.getByTestId('incident-count').textContent(), { timeout: 15_000 }).toBe(`${(seeded + 1).toLocaleString('en')} incidents`);
    const rows = c.page.getByTestId('incident-rows').getByRole('row');
    expect(await rows.count()).toBeLessThan(60);
    await c.screenshot('incidents-01-list');

    // Scroll to the end: the last rows are fetched and rendered, still only a window of them. Each
    // step waits on a fetch over the WebSocket, so the polls allow for a loaded CI machine.
    await c.page.getByTestId('incident-rows').evaluate((el) => {
      el.scrollTop = el.scrollHeight;
    });
    await expect.poll(() => rows.last().textContent(), { timeout: 10_000 }).toContain('Seeded incident 0:');
    expect(await rows.count()).toBeLessThan(60);

    // Keyboard: Home goes back to the newest, Enter opens it.
    await c.page.getByTestId('incident-rows').focus();
    await c.page.keyboard.press('Home');
    await expect.poll(() => rows.first().textContent(), { timeout: 10_000 }).toContain('API 5xx storm after deploy');

    await c.page.getByRole('group', { name: 'Severity' }).getByRole('button', { name: 'P1' }).click();
    await expect.poll(() => c.page.getByTestId('incident-count').textContent(), { timeout: 10_000 }).toBe(`${(seeded / 4 + 1).toLocaleString('en')} incidents`);
    await c.page.getByRole('button', { name: /^Started/ }).click();
    await expect.poll(() => rows.first().textContent(), { timeout: 10_000 }).toContain('Seeded incident 0:');
    await c.page.getByRole('button', { name: 'Clear filters' }).click();
    await expect.poll(() => c.page.getByTestId('incident-count').textContent(), { timeout: 10_000 }).toBe(`${(seeded + 1).toLocaleString('en')} incidents`);
  });
});
