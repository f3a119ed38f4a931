import { EventEmitter } from 'node:events';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { currentBlocker, installBlocker, UpdateController, type UpdaterLike } from '../../main/electron/updates';
import { closeTestEngines, invokeOk, openTestEngine } from '../support/engine';
import { tempHome } from '../support/temp-home';
import { until } from '../support/until';

/** electron-updater's autoUpdater as far as the controller uses it. */
class FakeUpdater extends EventEmitter implements UpdaterLike {
  autoDownload = false;
  autoInstallOnAppQuit = true;
  checks = 0;
  installs = 0;
  checkForUpdates() {
    this.checks++;
    return Promise.resolve();
  }
  quitAndInstall() {
    this.installs++;
  }
}

describe('updates wait for the user and never install during a P1/P2 incident or a running step', () => {
  const homes: { cleanup: () => void }[] = [];
  afterEach(async () => {
    await closeTestEngines();
    for (const h of homes.splice(0)) h.cleanup();
  });

  it('the gate names what blocks the restart', () => {
    const run = (status: string) => ({ id: 'RUN-1', title: 'Disk full', steps: [{ status }] }) as never;
    expect(installBlocker([], [])).toBeNull();
    expect(installBlocker([{ id: 'INC-a', severity: 'P3' }, { id: 'INC-b', severity: 'P4' }], [run('passed'), run('pending')])).toBeNull();
    expect(installBlocker([{ id: 'INC-a', severity: 'P2' }], [])).toBe('a P2 incident is open (INC-a)');
    expect(installBlocker([{ id: 'INC-a', severity: 'P2' }, { id: 'INC-b', severity: 'P1' }], [])).toBe('2 P1 incidents are open (INC-a, INC-b)');
    expect(installBlocker([], [run('running')])).toBe('a runbook step is running (Disk full)');
  });

  it('downloads in the background, asks before restarting, and refuses while a P1 is open in a real journal', async () => {
    const t = tempHome();
    homes.push(t);
    const engine = await openTestEngine(t.home);
    const updater = new FakeUpdater();
    const told: string[] = [];
    let restartAction: (() => void) | undefined;
    const controller = new UpdateController({
      updater,
      blocker: () => currentBlocker((m, i) => engine.invoke(m, i)),
      notify: (title, body, action) => {
        told.push(`${title}: ${body}`);
        if (action) restartAction = action.run;
      },
      changed: () => undefined,
    });
    expect(updater.autoDownload).toBe(true);
    expect(updater.autoInstallOnAppQuit).toBe(false);
    await controller.check();
    expect(updater.checks).toBe(1);
    expect(await controller.restart()).toBe(false); // nothing downloaded yet
    const { incident } = await invokeOk<{ incident: { id: string } }>(engine, 'incidents:open', { title: 'checkout down', severity: 'P1' });
    updater.emit('update-downloaded', { version: '0.2.0' });
    expect(controller.state).toEqual({ status: 'ready', version: '0.2.0' });
    expect(told.at(-1)).toMatch(/^Update ready: Oncall Console 0\.2\.0 is downloaded/);
    restartAction?.();
    await until('the refusal', () => (told.length === 2 ? true : undefined));
    expect(told.at(-1)).toBe(`Update waits: Not restarting now: a P1 incident is open (${incident.id}). Restart from the tray menu when it is over.`);
    expect(updater.installs).toBe(0);
    await invokeOk(engine, 'incidents:set-status', { id: incident.id, status: 'resolved' });
    expect(await controller.restart()).toBe(true);
    expect(updater.installs).toBe(1);
  });

  it('refuses while a runbook step is running', async () => {
    const t = tempHome();
    homes.push(t);
    const work = join(t.home, 'go');
    mkdirSync(join(t.home, 'runbooks'), { recursive: true });
    writeFileSync(join(t.home, 'runbooks', 'slow.md'), `---\nid: slow\ntitle: Slow step\n---\n# Slow\n\n## Wait\n\n\`\`\`sh {timeout=30s}\nwhile [ ! -f ${work} ]; do sleep 0.05; done\n\`\`\`\n`);
    const engine = await openTestEngine(t.home);
    const run = await invokeOk<{ id: string }>(engine, 'runbooks:start', { id: 'slow', params: {}, host: 'local' });
    const block = () => currentBlocker((m, i) => engine.invoke(m, i));
    expect(await block()).toBeNull(); // started, but no step runs until asked
    // The call answers when the step ends, so it is left pending while the gate is asked.
    const acting = invokeOk(engine, 'runbooks:act', { runId: run.id, action: 'run' });
    await until('the step to run', async () => ((await block()) !== null ? true : undefined));
    expect(await block()).toBe('a runbook step is running (Slow step)');
    writeFileSync(work, '');
    await acting;
    await until('the step to finish', async () => ((await block()) === null ? true : undefined));
  });
});
