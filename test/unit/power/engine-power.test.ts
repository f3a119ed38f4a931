import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PowerState, PowerView } from '../../../preload/contract';
import type { PowerSource } from '../../../main/core/context';
import { createEngine, type Engine } from '../../../main/core/engine';
import { projectRoot } from '../../support/cli';
import { FakeClock } from '../../support/fake-clock';
import { tempHome } from '../../support/temp-home';

const open: { engine: Engine; cleanup(): void }[] = [];
afterEach(async () => {
  for (const o of open.splice(0)) {
    await o.engine.close();
    o.cleanup();
  }
});

function fakePower(initial: PowerState): PowerSource & { set(s: PowerState): void } {
  let state = initial;
  const listeners = new Set<(s: PowerState) => void>();
  return {
    current: () => state,
    onChange: (l) => (listeners.add(l), () => listeners.delete(l)),
    set(s) {
      state = s;
      for (const l of listeners) l(s);
    },
  };
}

describe('the engine and the power port', () => {
  it('stretches by monitoring.onBattery.intervalFactor on battery and tells the faces', async () => {
    const t = tempHome();
    writeFileSync(join(t.home, 'config.yml'), 'monitoring:\n  onBattery:\n    intervalFactor: 3\ntargets:\n  - { name: api, url: "http://127.0.0.1:9/health", interval: 10s }\n  - { name: pager, url: "http://127.0.0.1:9/p", interval: 10s, critical: true }\nrules:\n  builtin: false\n');
    const power = fakePower('ac');
    const engine = createEngine({ home: t.home, clock: new FakeClock(), resourcesDir: join(projectRoot, 'resources'), ports: { face: 'cli', notify: () => undefined, openExternal: () => Promise.resolve(), power } });
    open.push({ engine, cleanup: t.cleanup });
    const events: PowerView[] = [];
    engine.bus.on('monitoring:power-changed', (v) => events.push(v));
    await engine.start();
    expect((await engine.handlers['monitoring:targets']({})).power).toEqual({ state: 'ac', intervalFactor: 3, stretched: false });
    power.set('battery');
    expect(events).toEqual([{ state: 'battery', intervalFactor: 3, stretched: true }]);
    const snap = await engine.handlers['monitoring:targets']({});
    expect(snap.targets.map((x) => [x.name, x.effectiveIntervalMs])).toEqual([
      ['api', 30_000],
      ['pager', 10_000],
    ]);
  });

  it('refuses a factor below 1 in config.yml', async () => {
    const t = tempHome();
    writeFileSync(join(t.home, 'config.yml'), 'monitoring:\n  onBattery:\n    intervalFactor: 0.5\n');
    const engine = createEngine({ home: t.home, clock: new FakeClock(), resourcesDir: join(projectRoot, 'resources'), ports: { face: 'cli', notify: () => undefined, openExternal: () => Promise.resolve(), power: fakePower('battery') } });
    open.push({ engine, cleanup: t.cleanup });
    const state = await engine.invoke('config:get', {});
    expect(JSON.stringify(state)).toMatch(/intervalFactor/);
  });
});
