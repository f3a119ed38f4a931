import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../support/cli';
import { startConsole, type Console } from '../support/e2e';

/** The oncall:// link forms as browser-mode routes: each opens its screen, prefills, runs nothing. */
describe('deep links in browser mode (#/incident, #/alert, #/runbook)', () => {
  let c: Console;
  let incidentId = '';
  let work = '';
  beforeAll(async () => {
    c = await startConsole({
      prepareHome: (home) => {
        work = join(home, 'work');
        mkdirSync(join(home, 'runbooks'), { recursive: true });
        mkdirSync(work, { recursive: true });
        writeFileSync(
          join(home, 'runbooks', 'touch.md'),
          `---\nid: touch-file\ntitle: Touch a file\nparams:\n  name:\n    description: file to create\n    pattern: '[a-z]+'\n---\n# Touch\n\n## Create it\n\n\`\`\`sh {host=local}\ntouch ${work}/{{name}}\n\`\`\`\n`,
        );
      },
    });
    const out = await cli(['--home', c.home, 'incident', 'open', '--title', 'linked incident', '--severity', 'P3', '--json']);
    incidentId = (JSON.parse(out.stdout) as { id: string }).id;
  });
  afterAll(async () => {
    await c?.close();
  });

  // Sets the hash inside the page, so the app sees a hashchange as a link click would cause.
  const go = (hash: string) => c.page.evaluate((h) => void ((globalThis as unknown as { location: { hash: string } }).location.hash = h), hash);
  const origin = () => new URL(c.page.url()).origin;

  it('#/incident/ID opens the incident (on load and on hashchange)', async () => {
    await c.page.goto(`${origin()}/#/incident/${incidentId}`);
    await expect.poll(() => c.page.getByRole('heading', { name: /linked incident/ }).first().isVisible()).toBe(true);
    expect(new URL(c.page.url()).hash).toBe(`#/incidents/${incidentId}`);
    await go('#/dashboard');
    await go(`#/incident/${incidentId}`);
    await expect.poll(() => new URL(c.page.url()).hash).toBe(`#/incidents/${incidentId}`);
  });

  it('#/alert/FP opens the alerts screen on that alert', async () => {
    await go('#/alert/00ff00ff00ff00ff');
    await expect.poll(() => new URL(c.page.url()).hash).toBe('#/alerts/00ff00ff00ff00ff');
    await expect.poll(() => c.page.getByRole('heading', { level: 1 }).textContent()).toBe('Alerts');
  });

  it('#/runbook/ID?param=value prefills the start form and starts nothing', async () => {
    await go('#/runbook/touch-file?name=linked');
    await expect.poll(() => c.page.getByRole('heading', { name: /Touch a file/ }).isVisible()).toBe(true);
    await expect.poll(() => c.page.locator('.rb-param input').first().inputValue()).toBe('linked');
    await c.screenshot('deep-link-runbook');
    // The step would create work/linked; nothing ran, so the folder stays empty.
    expect(readdirSync(work)).toEqual([]);
  });

  it('a malformed link shows the refusal', async () => {
    await go('#/runbook/touch-file/run?name=x');
    await expect.poll(() => c.page.getByTestId('link-refused').textContent()).toContain('extra parts after the runbook');
    await go('#/incident/42');
    await expect.poll(() => c.page.getByTestId('link-refused').textContent()).toContain('"42" is not an incident id');
    await c.screenshot('deep-link-refused');
    expect(readdirSync(work)).toEqual([]);
  });
});
