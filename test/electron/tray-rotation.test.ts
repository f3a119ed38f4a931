import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createEngine, type Engine } from '../../main/core/engine';
import { trayAlertActions } from '../../main/electron/alerts-glue';
import { TrayController } from '../../main/electron/tray';
import { followRotation } from '../../main/electron/tray-rotation';
import { FakeClock } from '../support/fake-clock';
import { projectRoot } from '../support/cli';
import { tempHome } from '../support/temp-home';
import { Menu, Tray, type FakeMenuItem } from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));

describe('the tray shows who is on call', () => {
  let engine: Engine | null = null;
  let cleanup = () => {};
  afterEach(async () => {
    await engine?.close();
    cleanup();
  });

  it('lists now and next per layer and whether I am on call, and follows a handoff', async () => {
    const t = tempHome();
    cleanup = t.cleanup;
    // The fake clock starts Monday 2026-11-23 09:00 UTC: alice's day; bob from Tuesday 08:00.
    writeFileSync(join(t.home, 'config.yml'), 'rotation:\n  timezone: UTC\n  me: bob\n  layers:\n    - { name: primary, members: [alice, bob], handoff: daily, start: "2026-11-23" }\n');
    const clock = new FakeClock();
    engine = createEngine({ home: t.home, resourcesDir: join(projectRoot, 'resources'), clock, ports: { face: 'electron', notify: () => undefined, openExternal: () => Promise.resolve() } });
    await engine.start();
    const tray = new TrayController({
      createTray: (icon) => new Tray(icon) as never,
      buildMenu: (template) => Menu.buildFromTemplate(template as FakeMenuItem[]) as never,
      iconFor: (color) => ({ color }) as never,
      setBadge: () => undefined,
      openWindow: () => undefined,
      setPaused: () => undefined,
      alerts: trayAlertActions(engine, () => undefined, () => clock.now()),
      quit: () => undefined,
    });
    followRotation(engine, tray);
    const labels = () => Tray.last!.menu.map((i) => i.label ?? '-');
    await vi.waitFor(() => expect(labels()).toContain('You (bob) are off call'), { timeout: 10_000 });
    expect(labels().some((l) => /^primary: alice until /.test(l))).toBe(true);
    expect(labels().some((l) => /^ {3}next bob from /.test(l))).toBe(true);

    // The refresh is asynchronous: each try moves the clock a minute on and lets that minute's refresh finish.
    clock.advance(23 * 3_600_000);
    await vi.waitFor(
      () => {
        clock.advance(60_000);
        expect(labels()).toContain('You (bob) are on call');
      },
      { timeout: 10_000, interval: 50 },
    );
  });
});
