import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConsole, type Console } from '../support/e2e';
import { keygen, startSshd, type Sshd } from '../support/sshd';

/** A rollback runbook whose commands leave files behind, so the test can see what really ran. */
function rollbackRunbook(work: string): string {
  return `---
id: e2e-rollback
title: Roll back the e2e service
severity: P2
tags: [rollback, e2e]
params:
  service:
    description: service to roll back
    default: api
    pattern: '[a-z][a-z0-9-]*'
  build:
    description: the build to go back to
    pattern: '[A-Za-z0-9._-]+'
hosts: [app-1]
---
# Roll back the e2e service

## Announce the rollback

- [ ] Deploy freeze announced in the incident channel

## Roll back {{service}}

\`\`\`sh {host=app-1 timeout=30s}
echo "rolling back {{service}} to {{build}}" > ${work}/rolled-back-{{build}}
cat ${work}/rolled-back-{{build}}
for i in $(seq 1 40); do echo "progress line $i"; done
# Holds the step open until the test lets it finish, so the page shows output while it streams.
while [ ! -f ${work}/go-{{build}} ]; do sleep 0.05; done
echo "rollout complete"
\`\`\`

## The old build answers

\`\`\`sh {host=app-1 timeout=30s expect_exit=0}
test -f ${work}/healthy-{{build}}
\`\`\`

## Error rate back to normal

- [ ] 5xx below 1% on the dashboard
`;
}

/**
 * The host the runbook targets is the sshd; a probe target on loopback port 9 (nothing listens) fires
 * TargetDown at its first check, and its runbook_url names the runbook above, so the alert links to it
 * with its labels (service, build) as params.
 */
function config(sshd: Sshd, lockedKey: string): string {
  return `ssh:
  useSshConfig: false
  hosts:
    - name: app-1
      hostname: 127.0.0.1
      port: ${sshd.port}
      user: ${sshd.user}
      identityFile: ${sshd.clientKey}
    - name: app-2
      hostname: 127.0.0.1
      port: ${sshd.port}
      user: ${sshd.user}
      identityFile: ${lockedKey}
targets:
  - name: api
    url: http://127.0.0.1:9/health
    service: api
    labels: { build: v41 }
    interval: 1s
    timeout: 500ms
    failureThreshold: 1
    runbook: https://wiki.example.com/runbooks/e2e-rollback.md
`;
}

/**
 * A read-only step on a host whose key file is encrypted (the passphrase is asked in a dialog), then a
 * plain code block with no host, which asks the engineer where to run it.
 */
const unlockRunbook = `---
id: e2e-unlock
title: Check with the locked key
---
# Check with the locked key

## Who am I

\`\`\`sh {host=app-2 readonly=true timeout=30s}
echo "unlocked as $(id -un)"
\`\`\`

## Uptime, wherever you choose

\`\`\`sh
seq 1 20000
echo "uptime checked"
\`\`\`
`;

/** Fills its title and command only from an alert label (the dry run must get the labels too). */
const labelsRunbook = `---
id: e2e-labels
title: Look at the alerting instance
---
# Look at the alerting instance

## Disk on {{labels.instance}}

\`\`\`sh {host=local readonly=true}
echo checking {{labels.instance}}
\`\`\`
`;

const passphrase = 'correct horse battery';

const brokenRunbook = `---
id: broken-one
title: Broken one
params:
  x:
    pattern: '(['
---
# Broken

## Step

\`\`\`sh {host=app-1}
echo {{x}}
\`\`\`
`;

describe('guided runbooks in a real browser against a real sshd', () => {
  let c: Console;
  let sshd: Sshd;
  let work: string;
  let userHome: string;
  let dataHome: string;
  let fingerprint: string;
  // The server's HOME has an empty ~/.ssh: the sshd's key is unknown, so the UI must ask about it.
  const open = () => startConsole({ home: dataHome, env: { HOME: userHome, SSH_AUTH_SOCK: '' } });

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'oncall-e2e-rb-work-'));
    const lockedKey = join(work, 'locked_key');
    sshd = await startSshd({ authorizedKeys: [keygen(lockedKey, passphrase)] });
    userHome = mkdtempSync(join(tmpdir(), 'oncall-e2e-rb-user-'));
    mkdirSync(join(userHome, '.ssh'));
    writeFileSync(join(work, 'host_key.pub'), `${sshd.hostKeyPublic}\n`);
    fingerprint = execFileSync('ssh-keygen', ['-lf', join(work, 'host_key.pub')], { encoding: 'utf8' }).split(' ')[1] ?? '';
    dataHome = mkdtempSync(join(tmpdir(), 'oncall-e2e-rb-home-'));
    writeFileSync(join(dataHome, 'config.yml'), config(sshd, lockedKey));
    mkdirSync(join(dataHome, 'runbooks'));
    writeFileSync(join(dataHome, 'runbooks', 'e2e-rollback.md'), rollbackRunbook(work));
    writeFileSync(join(dataHome, 'runbooks', 'broken.md'), brokenRunbook);
    writeFileSync(join(dataHome, 'runbooks', 'e2e-unlock.md'), unlockRunbook);
    writeFileSync(join(dataHome, 'runbooks', 'e2e-labels.md'), labelsRunbook);
    c = await open();
  });
  afterAll(async () => {
    await c?.close();
    await sshd?.stop();
    for (const dir of [work, userHome, dataHome]) if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const page = () => c.page;
  const step = (n: number) => page().getByTestId('run-step').nth(n - 1);
  // A link followed by hand (the test's own code has no DOM types, hence the cast).
  const go = (hash: string) =>
    page().evaluate((h) => {
      (globalThis as unknown as { location: { hash: string } }).location.hash = h;
    }, hash);

  it('lists the library with tags, severity, source file, and a broken file with file:line', async () => {
    await page().getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Runbooks' }).click();
    const library = page().getByRole('table', { name: 'Runbook library' });
    await expect.poll(() => library.getByTestId('runbook-row').count()).toBeGreaterThan(10);
    const mine = library.getByTestId('runbook-row').filter({ hasText: 'Roll back the e2e service' });
    expect(await mine.textContent()).toMatch(/rollback.*P2.*e2e.*4.*yours.*e2e-rollback\.md/);
    const broken = page().getByRole('list', { name: 'Problems in broken-one' });
    expect(await broken.textContent()).toMatch(/broken\.md:6 params\.x\.pattern: error: not a valid regular expression/);
    // A broken runbook has no start link.
    expect(await library.getByRole('link', { name: 'Broken one' }).count()).toBe(0);
    await page().getByRole('searchbox', { name: 'Filter runbooks' }).fill('rollback');
    await expect.poll(() => library.getByTestId('runbook-row').count()).toBeLessThan(8);
    await c.screenshot('runbooks-01-library');
  });

  it('shows a dry run with every command rendered and runs nothing', async () => {
    await go('#/runbooks/e2e-rollback?build=v42');
    const build = page().getByRole('textbox', { name: /^build/ });
    await expect.poll(() => build.inputValue()).toBe('v42');
    await build.fill('v42; id');
    await expect.poll(() => page().getByText('build: does not match the pattern [A-Za-z0-9._-]+').isVisible()).toBe(true);
    expect(await page().getByRole('button', { name: 'Start run' }).isDisabled()).toBe(true);
    await build.fill('v42');
    await page().getByRole('checkbox', { name: /Dry run/ }).check();
    const steps = page().getByRole('region', { name: 'Dry run' }).getByTestId('dry-run-step');
    await expect.poll(() => steps.count()).toBe(4);
    // Values are shell-quoted where they land; the rendered command names the build typed above.
    await expect.poll(() => steps.nth(1).textContent()).toMatch(/echo "rolling back "?api"? to "?v42"?" > \S+\/rolled-back-v42/);
    expect(await steps.nth(1).textContent()).toContain('confirm: type app-1');
    expect(await steps.nth(1).textContent()).toContain('on app-1');
    expect(await steps.nth(2).textContent()).toContain(`test -f ${work}/healthy-v42`);
    expect(await steps.nth(3).textContent()).toContain('5xx below 1% on the dashboard');
    await c.screenshot('runbooks-02-dry-run');
    expect(existsSync(join(work, 'rolled-back-v42'))).toBe(false);
    expect(await page().getByRole('button', { name: 'Start run' }).count()).toBe(0);

    // Alert labels from the link fill {{labels.x}} in the dry run as they would in the run.
    await go('#/runbooks/e2e-labels?labels.instance=db-9');
    await page().getByRole('checkbox', { name: /Dry run/ }).check();
    const labelled = page().getByRole('region', { name: 'Dry run' }).getByTestId('dry-run-step');
    await expect.poll(() => labelled.first().textContent()).toContain('echo checking db-9');
    expect(await labelled.first().textContent()).toContain('Disk on db-9');
    expect(await labelled.first().textContent()).not.toContain('has no value');
  });

  let runUrl = '';
  it("starts from the firing alert's runbook link, marks a manual step done, pauses, and resumes from the list", async () => {
    await page().getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Alerts' }).click();
    const alert = page().getByTestId('alert-row').filter({ hasText: 'api is down' });
    await expect.poll(() => alert.count(), { timeout: 20_000 }).toBe(1);
    await alert.click();
    const link = page().getByTestId('alert-detail').getByTestId('runbook-link');
    expect(await link.textContent()).toBe('Runbook: Roll back the e2e service');
    await link.click();
    await page().getByRole('checkbox', { name: /Dry run/ }).waitFor();
    // The alert's labels arrive as params: build from the target's labels, service from its service.
    await expect.poll(() => page().getByRole('textbox', { name: /^build/ }).inputValue()).toBe('v41');
    expect(await page().getByRole('textbox', { name: /^service/ }).inputValue()).toBe('api');
    expect(await page().getByRole('combobox', { name: 'Incident' }).inputValue()).toBe('');
    await page().getByRole('button', { name: 'Start run' }).click();
    await expect.poll(() => page().url()).toMatch(/#\/runbooks\/run\/RUN-/);
    await expect.poll(() => page().getByTestId('run-progress').textContent()).toBe('Step 1 of 4');
    expect(await step(1).getAttribute('aria-current')).toBe('step');
    // "d" marks the current step done from the keyboard.
    await page().keyboard.press('d');
    await expect.poll(() => step(1).getAttribute('data-status')).toBe('done');
    await expect.poll(() => page().getByTestId('run-progress').textContent()).toBe('Step 2 of 4');
    expect(await step(2).getAttribute('aria-current')).toBe('step');

    await page().getByRole('button', { name: 'Pause and close' }).click();
    await expect.poll(() => page().url()).toMatch(/#\/runbooks$/);
    const unfinished = () => page().getByRole('region', { name: 'Unfinished runs' });
    await expect.poll(() => unfinished().getByTestId('run-row').textContent()).toMatch(/Roll back the e2e service.*paused.*2 \/ 4/);

    // An app restart on the same data directory: the run is picked up where it stopped.
    await c.close();
    c = await open();
    await page().getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Runbooks' }).click();
    // The step count is the runbook's, not just the steps that have results so far.
    await expect.poll(() => unfinished().getByTestId('run-row').textContent()).toMatch(/Roll back the e2e service.*paused.*2 \/ 4/);
    await unfinished().getByRole('link', { name: 'Roll back the e2e service' }).click();
    await expect.poll(() => page().getByTestId('run-status').textContent()).toBe('paused');
    expect(await step(1).getAttribute('data-status')).toBe('done');
    await page().getByRole('button', { name: 'Resume at step 2' }).click();
    await expect.poll(() => page().getByTestId('run-status').textContent()).toBe('active');
    runUrl = page().url();
  });

  it('runs a rollback step over ssh only after the host is typed, asking to trust the host key first', async () => {
    expect(page().url()).toBe(runUrl);
    expect(runUrl).toMatch(/#\/runbooks\/run\/RUN-/);
    const run = step(2).getByRole('button', { name: /^Run/ });
    expect(await run.isDisabled()).toBe(true);
    const confirm = step(2).getByRole('textbox', { name: 'Confirm step 2' });
    await confirm.fill('app-2');
    expect(await run.isDisabled()).toBe(true);
    await confirm.fill('app-1');
    await run.click();

    const dialog = page().getByRole('dialog', { name: 'Unknown host key for app-1' });
    await expect.poll(() => dialog.isVisible(), { timeout: 20_000 }).toBe(true);
    expect(await dialog.getByTestId('host-key-fingerprint').textContent()).toBe(fingerprint);
    expect(fingerprint).toMatch(/^SHA256:/);
    await c.screenshot('runbooks-03-host-key');
    await dialog.getByRole('button', { name: 'Trust this key' }).click();

    // The command waits for a file: its output so far streams into the page while it runs.
    const output = step(2).getByTestId('step-output');
    await expect.poll(() => output.textContent(), { timeout: 20_000 }).toContain('progress line 40');
    expect(await step(2).getAttribute('data-status')).toBe('running');
    expect(await step(2).getByText('· streaming').isVisible()).toBe(true);
    expect(existsSync(join(work, 'rolled-back-v41'))).toBe(true);
    writeFileSync(join(work, 'go-v41'), '');
    await expect.poll(() => step(2).getAttribute('data-status'), { timeout: 20_000 }).toBe('passed');
    const facts = await step(2).getByTestId('step-facts').textContent();
    expect(facts).toMatch(/exit 0 · \d+\.\d s · passed/);
    expect(facts).toContain(`host key ${fingerprint}`);
    // 42 lines of output: the newest 30 show, the rest is folded.
    expect(await output.textContent()).toContain('rollout complete');
    expect(await output.textContent()).not.toContain('rolling back api to v41');
    await step(2).getByRole('button', { name: 'Show 12 earlier lines' }).click();
    await expect.poll(() => output.textContent()).toContain('rolling back api to v41');
    await expect.poll(() => page().getByTestId('run-progress').textContent()).toBe('Step 3 of 4');
  });

  it('shows a failed check against expect_exit, retries it, and skips a step with a reason', async () => {
    const confirm = step(3).getByRole('textbox', { name: 'Confirm step 3' });
    await confirm.fill('app-1');
    await step(3).getByRole('button', { name: /^Run/ }).click();
    await expect.poll(() => step(3).getAttribute('data-status'), { timeout: 20_000 }).toBe('failed');
    expect(await step(3).getByTestId('step-facts').textContent()).toMatch(/exit 1 · .* · failed/);
    expect(await page().getByTestId('run-progress').textContent()).toBe('Step 3 of 4');

    writeFileSync(join(work, 'healthy-v41'), 'ok\n');
    await step(3).getByRole('textbox', { name: 'Confirm step 3' }).fill('app-1');
    await step(3).getByRole('button', { name: /^Retry/ }).click();
    await expect.poll(() => step(3).getAttribute('data-status'), { timeout: 20_000 }).toBe('passed');
    expect(await step(3).getByTestId('step-facts').textContent()).toMatch(/exit 0 · .* · passed · attempt 2/);

    await step(4).getByRole('button', { name: /Skip/ }).click();
    await step(4).getByRole('textbox', { name: 'Reason for skipping' }).fill('checked on the dashboard already');
    await step(4).getByRole('button', { name: 'Skip step' }).click();
    await expect.poll(() => page().getByTestId('run-status').textContent()).toBe('finished');
    expect(await page().getByTestId('run-progress').textContent()).toBe('All 4 steps done');
    expect(await step(4).getByTestId('step-facts').textContent()).toContain('checked on the dashboard already');
    await c.screenshot('runbooks-04-finished');
  });

  it("puts every step on the incident's timeline, with the confirmation, host key and output", async () => {
    await page().getByTestId('run-incident').click();
    await expect.poll(() => page().getByRole('heading', { level: 1 }).textContent()).toBe('Runbook: Roll back the e2e service');
    const entries = page().getByRole('region', { name: 'Timeline' }).locator('[data-kind="runbook_step"]');
    await expect.poll(() => entries.count()).toBeGreaterThanOrEqual(11);
    const texts = (await entries.allTextContents()).join('\n');
    expect(texts).toContain('Runbook "Roll back the e2e service" started');
    expect(texts).toContain('Step 1/4 "Announce the rollback" marked done by hand');
    expect(texts).toContain('paused at step 2');
    expect(texts).toContain('resumed at step 2');
    // Step titles are rendered with the run's params, as the checklist shows them.
    expect(texts).toContain('Step 2/4 "Roll back api" confirmed by typing "app-1"');
    expect(texts).toContain(`started on app-1 (host key ${fingerprint})`);
    expect(texts).toContain('Step 2/4 "Roll back api" passed: exit 0');
    expect(texts).toMatch(/Step 3\/4 "The old build answers" failed: exit 1/);
    expect(texts).toMatch(/Step 3\/4 "The old build answers" started on app-1.*attempt 2/);
    expect(texts).toContain('Step 4/4 "Error rate back to normal" skipped: checked on the dashboard already');
    expect(texts).toContain('Runbook "Roll back the e2e service" finished');
    // The output is stored with the step and shown folded.
    const withOutput = entries.filter({ hasText: 'Output (' }).first();
    await withOutput.getByText(/Output \(\d+ lines\)/).click();
    expect(await withOutput.locator('.step-output').textContent()).toContain('rolling back api to v41');
    await c.screenshot('runbooks-05-timeline');
  });
  it('attaches a second run to the same incident from a link, aborts it with a reason, and lists both runs', async () => {
    const incidentId = decodeURIComponent(page().url().split('#/incidents/')[1] ?? '');
    expect(incidentId).toMatch(/^INC-/);
    await go(`#/runbooks/e2e-rollback?build=v43&incident=${incidentId}`);
    await expect.poll(() => page().getByRole('combobox', { name: 'Incident' }).inputValue()).toBe(incidentId);
    await page().getByRole('button', { name: 'Start run' }).click();
    await expect.poll(() => page().getByTestId('run-progress').textContent()).toBe('Step 1 of 4');
    expect(await page().getByTestId('run-incident').textContent()).toBe(`Timeline of ${incidentId}`);
    await page().getByRole('button', { name: 'Abort…' }).click();
    await page().getByRole('textbox', { name: 'Reason for aborting' }).fill('wrong build picked');
    await page().getByRole('button', { name: 'Abort the run' }).click();
    await expect.poll(() => page().getByTestId('run-status').textContent()).toBe('aborted');
    expect(await step(1).getByRole('button').count()).toBe(0);

    await go('#/runbooks/runs');
    const rows = page().getByRole('table', { name: 'Runs' }).getByTestId('run-row');
    await expect.poll(async () => (await rows.allTextContents()).map((t) => /finished|aborted|active|paused/.exec(t)?.[0]).sort()).toEqual(['aborted', 'finished']);

    await go(`#/incidents/${incidentId}`);
    const entries = page().getByRole('region', { name: 'Timeline' }).locator('[data-kind="runbook_step"]');
    await expect.poll(() => entries.filter({ hasText: 'aborted: wrong build picked' }).count()).toBe(1);
  });
  it('asks for the passphrase of an encrypted key in a dialog, again after a wrong one', async () => {
    await go('#/runbooks/e2e-unlock');
    await page().getByRole('button', { name: 'Start run' }).click();
    await expect.poll(() => page().getByTestId('run-progress').textContent()).toBe('Step 1 of 2');
    await step(1).getByRole('button', { name: /^Run/ }).click();
    const dialog = page().getByRole('dialog', { name: `Passphrase for ${join(work, 'locked_key')}` });
    await expect.poll(() => dialog.isVisible(), { timeout: 20_000 }).toBe(true);
    await dialog.getByLabel('Passphrase').fill('wrong guess');
    await dialog.getByRole('button', { name: 'Unlock' }).click();
    await expect.poll(() => dialog.getByText('That passphrase was wrong').isVisible(), { timeout: 20_000 }).toBe(true);
    await c.screenshot('runbooks-06-passphrase');
    await dialog.getByLabel('Passphrase').fill(passphrase);
    await dialog.getByRole('button', { name: 'Unlock' }).click();
    await expect.poll(() => step(1).getAttribute('data-status'), { timeout: 20_000 }).toBe('passed');
    expect(await step(1).getByTestId('step-output').textContent()).toMatch(/^unlocked as \S+/);
    expect(await dialog.count()).toBe(0);
  });

  it('asks which host to use for a plain code block, then runs it there', async () => {
    await expect.poll(() => page().getByTestId('run-progress').textContent()).toBe('Step 2 of 2');
    expect(await step(2).textContent()).toContain('choose a host');
    expect(await step(2).getByRole('button', { name: /^Run/ }).isDisabled()).toBe(true);
    await page().getByRole('combobox', { name: 'Host for the steps that do not name one' }).fill('app-2');
    await page().getByRole('button', { name: 'Use this host' }).click();
    await expect.poll(() => step(2).textContent()).toContain('on app-2');
    await step(2).getByRole('button', { name: /^Run/ }).click();
    await expect.poll(() => step(2).getAttribute('data-status'), { timeout: 20_000 }).toBe('passed');
    expect(await page().getByTestId('run-status').textContent()).toBe('finished');
    // 107 KiB of output: the run view holds the newest 64 KiB, folded; the rest loads on request.
    const output = step(2).getByTestId('step-output');
    expect(await output.textContent()).toMatch(/^19972\n[\s\S]*\n20000\nuptime checked\n?$/);
    await step(2).getByRole('button', { name: 'Load the full output' }).click();
    await expect.poll(async () => (await output.textContent())?.slice(0, 8)).toBe('1\n2\n3\n4\n');
    expect((await output.textContent())?.length).toBe(108_909);
  });
});
