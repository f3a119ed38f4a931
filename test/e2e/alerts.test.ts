import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAlertmanager, type AlertmanagerPeer } from '../integration/alertmanager/alertmanager-peer';
import { startConsole, type Console } from '../support/e2e';

// Three real probe targets on loopback port 9, where nothing listens: every check is refused, so their
// TargetDown alerts fire at the first check. Grouped by alertname and env: prod (two P1s) and staging
// (one P2, which escalates after 20 s).
// The runbook URL's last segment names `api-down`, which resolves to the runbook written into the home
// below. It replaces the bundled `api-down` (whose read-only steps would run by themselves once the test
// attaches the alerts to an incident) with one manual step, so the incident holds only what the test does.
const runbook = `---
id: api-down
title: Target down (e2e)
severity: P1
alerts: [TargetDown]
params:
  service:
    default: api
---
# Target down (e2e)

## Look at the service

- [ ] Checked the health endpoint of {{service}}
`;

const config = `targets:
  - name: api-gateway
    url: http://127.0.0.1:9/health
    service: api-gateway
    labels: { env: prod }
    interval: 1s
    timeout: 500ms
    failureThreshold: 1
    runbook: https://wiki.example.com/runbooks/api-down.md
  - name: billing
    url: http://127.0.0.1:9/billing/health
    service: billing
    labels: { env: prod }
    interval: 1s
    timeout: 500ms
    failureThreshold: 1
  - name: cache
    url: http://127.0.0.1:9/cache/health
    service: cache
    labels: { env: staging, priority: P2 }
    interval: 1s
    timeout: 500ms
    failureThreshold: 1
alerting:
  escalation:
    priorities: [P2]
    levels:
      - { level: 2, after: 20s, name: On-call SRE, phone: "+32 2 555 0100" }
  route:
    group_by: [alertname, env]
    group_wait: 5s
    group_interval: 5s
`;

describe('the Alerts screen in a real browser', () => {
  let c: Console;
  let incidentId = '';
  beforeAll(async () => {
    c = await startConsole({ args: ['--demo'], prepareHome: (home) => {
        writeFileSync(join(home, 'config.yml'), config);
        mkdirSync(join(home, 'runbooks'), { recursive: true });
        writeFileSync(join(home, 'runbooks', 'api-down.md'), runbook);
      },
    });
  });
  afterAll(async () => {
    await c?.close();
  });

  const rows = () => c.page.getByTestId('alert-row');
  const row = (service: string) => rows().filter({ hasText: `${service} is down` });
  const detail = () => c.page.getByTestId('alert-detail');
  const toasts = () => c.page.getByTestId('toast');

  it('groups the firing alerts like Alertmanager and notifies in the page; the toast acknowledges the group', async () => {
    await c.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Alerts' }).click();
    await expect.poll(() => rows().count(), { timeout: 20_000 }).toBe(3);
    const groups = c.page.getByTestId('alert-group');
    expect(await groups.count()).toBe(2);
    expect(await groups.first().textContent()).toContain('alertname="TargetDown", env="prod"');
    expect(await groups.first().textContent()).toContain('2 alerts, 2 firing');
    expect(await groups.nth(1).textContent()).toContain('alertname="TargetDown", env="staging"');
    expect(await Promise.all((await rows().all()).map((r) => r.getAttribute('data-state')))).toEqual(['firing', 'firing', 'firing']);

    // One notification for the prod group (group_wait 5s), shown in the page because this is a browser tab.
    const toast = toasts().filter({ hasText: 'P1: TargetDown' });
    await expect.poll(() => toast.count(), { timeout: 15_000 }).toBe(1);
    expect(await toast.textContent()).toContain('(+1 more)');
    await c.screenshot('alerts-01-grouped-with-toast');
    await toast.getByRole('button', { name: 'Acknowledge' }).click();
    await expect.poll(() => toast.count()).toBe(0);
    await expect.poll(() => rows().filter({ hasText: 'acked' }).count()).toBe(2);
  });

  it('filters with matchers and status fields and names a bad term', async () => {
    const filter = c.page.getByRole('searchbox', { name: 'Filter alerts' });
    await filter.fill('service=~api.*');
    await expect.poll(() => rows().count()).toBe(1);
    expect(await c.page.getByTestId('alert-count').textContent()).toBe('1 of 3 alerts');
    await filter.fill('service=~api acknowledged=true');
    await expect.poll(() => rows().count()).toBe(0);
    await filter.fill('env=prod state=burning');
    await expect.poll(() => c.page.getByTestId('filter-errors').textContent()).toContain('column 10');
    expect(await rows().count()).toBe(2);
    await filter.fill('env = prod');
    await expect.poll(() => c.page.getByTestId('filter-errors').count()).toBe(0);
    expect(await rows().count()).toBe(2);
  });

  it('moves through the list from the keyboard, opens the detail and toggles acknowledgement with "a"', async () => {
    await c.page.getByRole('searchbox', { name: 'Filter alerts' }).press('Enter');
    const list = c.page.getByTestId('alert-list');
    expect(await list.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
    await list.press('Home');
    await list.press('ArrowDown');
    const first = await rows().first().getAttribute('data-fingerprint');
    await expect.poll(() => detail().getAttribute('data-fingerprint')).toBe(first);
    await list.press('a');
    await expect.poll(() => rows().first().textContent()).not.toContain('acked');
    await list.press('a');
    await expect.poll(() => rows().first().textContent()).toContain('acked');
    // ← folds the group (the cursor goes to its header), → unfolds it.
    await list.press('ArrowLeft');
    await expect.poll(() => rows().count()).toBe(0);
    await list.press('ArrowRight');
    await expect.poll(() => rows().count()).toBe(2);
  });

  it('shows labels, rendered annotations, the value history and a local runbook link', async () => {
    await row('api-gateway').click();
    await expect.poll(() => detail().getByText('service="api-gateway"').isVisible()).toBe(true);
    expect(await detail().getByRole('region', { name: 'Summary' }).textContent()).toContain('api-gateway is down');
    expect(await detail().getByTestId('alert-chart').getAttribute('data-points')).not.toBe('0');
    const href = await detail().getByTestId('runbook-link').getAttribute('href');
    expect(href).toMatch(/^#\/runbooks\/api-down\?/);
    // The runbook declares one parameter, `service`: the alert's label fills it, and nothing else is passed.
    expect([...new URLSearchParams(href!.split('?')[1])]).toEqual([['service', 'api-gateway']]);
    expect(await detail().getByTestId('runbook-link').textContent()).toBe('Runbook: Target down (e2e)');
    await c.screenshot('alerts-02-detail');
  });

  it('silences by matchers with an end and a comment, lists the silence and expires it', async () => {
    await row('billing').click();
    await expect.poll(() => detail().textContent()).toContain('billing');
    await detail().getByRole('button', { name: 'Silence…' }).click();
    const form = c.page.getByRole('form', { name: 'New silence' });
    const matchers = form.getByRole('textbox', { name: 'Matchers' });
    expect(await matchers.inputValue()).toContain('service="billing"');
    await matchers.fill('service="billing" alertname="TargetDown"');
    await expect.poll(() => form.getByTestId('silence-preview').textContent()).toBe('Mutes 1 active alert right now.');
    await form.getByRole('textbox', { name: 'Ends' }).fill('1h');
    await form.getByRole('textbox', { name: 'Comment' }).fill('billing maintenance window');
    await form.getByRole('button', { name: 'Create silence' }).click();
    await expect.poll(() => row('billing').textContent()).toContain('silenced');
    expect(await row('api-gateway').textContent()).not.toContain('silenced');

    await c.page.getByRole('link', { name: 'Silences' }).click();
    const silence = c.page.getByTestId('silence-row').filter({ hasText: 'billing' });
    await expect.poll(() => silence.count()).toBe(1);
    expect(await silence.textContent()).toContain('billing maintenance window');
    expect(await silence.getAttribute('data-state')).toBe('active');
    await c.screenshot('alerts-03-silences');
    await silence.getByRole('button', { name: 'Expire' }).click();
    await expect.poll(() => silence.getAttribute('data-state')).toBe('expired');

    // A silence that matches nothing and ends within 10 minutes: both are flagged, here and above the alerts.
    await c.page.getByRole('button', { name: 'New silence…' }).click();
    await form.getByRole('textbox', { name: 'Matchers' }).fill('service="retired-service"');
    await expect.poll(() => form.getByTestId('silence-preview').textContent()).toBe('Mutes 0 active alerts right now (it matches nothing).');
    await form.getByRole('textbox', { name: 'Ends' }).fill('5m');
    await form.getByRole('textbox', { name: 'Comment' }).fill('left over from a migration');
    await form.getByRole('button', { name: 'Create silence' }).click();
    const stale = c.page.getByTestId('silence-row').filter({ hasText: 'retired-service' });
    await expect.poll(() => stale.textContent()).toContain('matches nothing');
    expect(await stale.textContent()).toContain('expiring soon');
    await c.page.getByRole('link', { name: 'Alerts', exact: true }).first().click();
    await expect.poll(() => row('billing').textContent()).not.toContain('silenced');
    const warnings = c.page.getByTestId('silence-warnings');
    await expect.poll(() => warnings.textContent()).toContain('1 silence expiring within 10 minutes.');
    expect(await warnings.textContent()).toContain('1 silence matches nothing.');
  });

  it('opens an incident from an alert, attaches a second one, and the alerts land on its timeline', async () => {
    await row('api-gateway').click();
    await detail().getByRole('button', { name: 'Open incident…' }).click();
    const form = c.page.getByRole('form', { name: 'Incident from alert' });
    expect(await form.getByRole('textbox', { name: 'Incident title' }).inputValue()).toBe('TargetDown: api-gateway is down');
    expect(await form.getByRole('combobox', { name: 'Severity' }).inputValue()).toBe('P1');
    await form.getByRole('button', { name: 'Open incident' }).click();
    await expect.poll(() => c.page.url()).toMatch(/#\/incidents\/INC-/);
    incidentId = decodeURIComponent(c.page.url().split('#/incidents/')[1] ?? '');
    const timeline = c.page.getByRole('region', { name: 'Timeline' });
    await expect.poll(() => timeline.locator('[data-kind="alert_transition"]').count(), { timeout: 10_000 }).toBe(1);
    expect(await timeline.locator('[data-kind="alert_transition"]').textContent()).toContain('Attached alert TargetDown: api-gateway is down');

    await c.page.goto(`${c.url.split('#')[0]}#/alerts`);
    await row('billing').click();
    await detail().getByRole('button', { name: 'Open incident…' }).click();
    await form.getByRole('radio', { name: /Attach to an open one/ }).click();
    // The open incidents load after the form opens.
    await expect.poll(() => form.getByRole('combobox', { name: 'Incident' }).inputValue()).toBe(incidentId);
    await form.getByRole('button', { name: 'Attach alert' }).click();
    await expect.poll(() => detail().getByRole('link', { name: incidentId }).isVisible()).toBe(true);

    // From now on the alert's own changes are journaled: unacknowledging and acknowledging writes an entry.
    await detail().getByRole('button', { name: 'Unacknowledge', exact: true }).click();
    await detail().getByRole('button', { name: 'Acknowledge', exact: true }).click();
    await detail().getByRole('link', { name: incidentId }).click();
    await expect.poll(() => timeline.locator('[data-kind="alert_transition"]').count(), { timeout: 10_000 }).toBe(3);
    expect(await timeline.textContent()).toContain('Attached alert TargetDown: billing is down');
    await c.screenshot('alerts-04-incident-timeline');
  });

  it('opens the local runbook from the alert with its labels and its incident filled in', async () => {
    await c.page.goto(`${c.url.split('#')[0]}#/alerts`);
    await row('api-gateway').click();
    const link = detail().getByTestId('runbook-link');
    await expect.poll(() => link.getAttribute('href')).toContain(`incident=${incidentId}`);
    await link.click();
    const start = c.page.getByRole('form', { name: /Target down \(e2e\)/ });
    await expect.poll(() => start.isVisible(), { timeout: 10_000 }).toBe(true);
    await expect.poll(() => start.getByRole('textbox', { name: /service/ }).inputValue()).toBe('api-gateway');
    await expect.poll(() => start.getByRole('combobox', { name: 'Incident' }).inputValue()).toBe(incidentId);
    await c.screenshot('alerts-05-runbook-from-alert');
  });

  it('notifies about a new alert from the demo; clicking the toast opens that alert', async () => {
    await c.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Dashboard' }).click();
    await c.page.getByTestId('demo-panel').getByLabel('database').click();
    const toast = toasts().filter({ hasText: 'demo is down' });
    await expect.poll(() => toast.count(), { timeout: 20_000 }).toBe(1);
    await toast.getByRole('link').first().click();
    await expect.poll(() => c.page.url()).toMatch(/#\/alerts\/[0-9a-f]{16}$/);
    const fingerprint = c.page.url().split('#/alerts/')[1];
    await expect.poll(() => detail().getAttribute('data-fingerprint')).toBe(fingerprint);
    expect(await detail().textContent()).toContain('failing checks: database');
    await c.screenshot('alerts-06-demo-alert');
  });

  it('pauses notifications until 08:00 and resumes them', async () => {
    await c.page.getByRole('button', { name: 'until 08:00' }).click();
    await expect.poll(() => c.page.getByTestId('paused-until').textContent()).toContain('until 08:00');
    await c.page.getByRole('button', { name: 'Resume' }).click();
    await expect.poll(() => c.page.getByTestId('paused-until').count()).toBe(0);
  });

  it('prompts to escalate the P2 that stays unresolved, and journals "I escalated" on its incident', async () => {
    const prompts = c.page.getByTestId('escalations');
    await expect.poll(() => prompts.count(), { timeout: 30_000 }).toBe(1);
    expect(await prompts.textContent()).toContain('Escalate to level 2: On-call SRE (TargetDown)');
    expect(await prompts.getByRole('link', { name: '+32 2 555 0100' }).getAttribute('href')).toBe('tel:+32 2 555 0100');

    await row('cache').click();
    await detail().getByRole('button', { name: 'Open incident…' }).click();
    const form = c.page.getByRole('form', { name: 'Incident from alert' });
    await form.getByRole('radio', { name: /Attach to an open one/ }).click();
    // The open incidents load after the form opens.
    await expect.poll(() => form.getByRole('combobox', { name: 'Incident' }).inputValue()).toBe(incidentId);
    await form.getByRole('button', { name: 'Attach alert' }).click();
    await expect.poll(() => detail().getByRole('link', { name: incidentId }).isVisible()).toBe(true);
    await c.screenshot('alerts-07-escalation');

    await prompts.getByRole('button', { name: 'I escalated' }).click();
    await expect.poll(() => prompts.count()).toBe(0);
    await detail().getByRole('link', { name: incidentId }).click();
    const escalated = c.page.getByRole('region', { name: 'Timeline' }).locator('[data-kind="communication"]');
    await expect.poll(() => escalated.count(), { timeout: 10_000 }).toBe(1);
    expect(await escalated.textContent()).toContain('Escalated to level 2 (On-call SRE)');
  });
});

describe('silencing an Alertmanager alert from the Alerts screen', () => {
  let am: AlertmanagerPeer;
  let c: Console;
  const amJson = async <T>(path: string): Promise<T> => (await (await fetch(`${am.url}${path}`)).json()) as T;
  type AmSilence = { id: string; comment: string; createdBy: string; status: { state: string }; matchers: { name: string; value: string; isRegex: boolean }[] };

  beforeAll(async () => {
    am = await startAlertmanager();
    // Posted the way Prometheus posts: Debian's Alertmanager holds it, the console reads it every second.
    const posted = await fetch(`${am.url}/api/v2/alerts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ labels: { alertname: 'DiskAlmostFull', instance: 'db-1:9100', service: 'db', severity: 'warning' }, annotations: { summary: 'db-1 disk 93% full' } }]),
    });
    expect(posted.ok).toBe(true);
    c = await startConsole({
      prepareHome: (home) => writeFileSync(join(home, 'config.yml'), `alertmanagers:\n  - name: team\n    url: ${am.url}\nalerting:\n  alertmanagerPoll: 1s\n`),
    });
  });
  afterAll(async () => {
    await c?.close();
    await am?.stop();
  });

  it('creates the silence in Alertmanager, shows the alert silenced, and expires it there', async () => {
    await c.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Alerts' }).click();
    const row = c.page.getByTestId('alert-row').filter({ hasText: 'db-1 disk 93% full' });
    await expect.poll(() => row.count(), { timeout: 20_000 }).toBe(1);
    await row.click();
    const detail = c.page.getByTestId('alert-detail');
    await detail.getByRole('button', { name: 'Silence…' }).click();
    const form = c.page.getByRole('form', { name: 'New silence' });
    expect(await form.textContent()).toContain('Created in Alertmanager “team”');
    await form.getByRole('textbox', { name: 'Matchers' }).fill('alertname="DiskAlmostFull" instance="db-1:9100"');
    await form.getByRole('textbox', { name: 'Comment' }).fill('resizing the volume, OPS-231');
    await form.getByRole('button', { name: 'Create silence' }).click();

    // Alertmanager's own API: the team sees the silence there.
    const inAm = async () => (await amJson<AmSilence[]>('/api/v2/silences')).filter((s) => s.comment === 'resizing the volume, OPS-231');
    await expect.poll(async () => (await inAm()).map((s) => s.status.state), { timeout: 10_000 }).toEqual(['active']);
    const [created] = await inAm();
    expect(created!.matchers.map((m) => `${m.name}=${m.value}`).sort()).toEqual(['alertname=DiskAlmostFull', 'instance=db-1:9100']);
    await expect.poll(() => row.textContent(), { timeout: 10_000 }).toContain('silenced');

    await c.page.getByRole('link', { name: 'Silences' }).click();
    const listed = c.page.getByTestId('silence-row').filter({ hasText: 'OPS-231' });
    await expect.poll(() => listed.textContent()).toContain('team');
    await c.screenshot('alerts-08-alertmanager-silence');
    await listed.getByRole('button', { name: 'Expire' }).click();
    await expect.poll(async () => (await inAm()).map((s) => s.status.state), { timeout: 10_000 }).toEqual(['expired']);
    await expect.poll(() => listed.getAttribute('data-state'), { timeout: 10_000 }).toBe('expired');
  });
});
