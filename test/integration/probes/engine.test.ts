import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ProbesSnapshot } from '../../../preload/contract';
import { createEngine, type Engine } from '../../../main/core/engine';
import { projectRoot } from '../../support/cli';
import { tempHome } from '../../support/temp-home';
import { close, httpServer, json, listen } from './servers';
import { until } from '../../support/until';

let engine: Engine | null = null;
let cleanup: () => void = () => undefined;
afterEach(async () => {
  await engine?.close();
  engine = null;
  cleanup();
});

function open(home: string): Engine {
  return createEngine({ home, resourcesDir: join(projectRoot, 'resources'), ports: { face: 'cli', notify: () => undefined, openExternal: () => Promise.resolve() } });
}


describe('monitoring domain with the real engine', () => {
  it('watches the demo on /health/ready: breaking the database gives a down target and a TargetDown alert within ~2 intervals', async () => {
    const t = tempHome();
    cleanup = t.cleanup;
    engine = open(t.home);
    await engine.start();
    const e = engine;
    const started = await e.invoke('demo:start', {});
    expect(started.ok).toBe(true);
    const targets = async () => ((await e.invoke('monitoring:targets', {})) as { ok: true; value: ProbesSnapshot }).value;
    const demoUp = await until('demo up', async () => (await targets()).targets.find((x) => x.name === 'demo' && x.health === 'up'));
    expect(demoUp.runtime).toBe(true);
    expect(demoUp.url).toMatch(/\/health\/ready$/);

    const broke = Date.now();
    await e.invoke('demo:set-failure', { failing: ['database'] });
    const down = await until('demo down', async () => (await targets()).targets.find((x) => x.name === 'demo' && x.health === 'down'));
    // Two consecutive failures at a 2 s interval: at most ~2 intervals plus one in flight.
    expect(Date.now() - broke).toBeLessThan(6_500);
    expect(down.failingChecks).toEqual(['database']);
    const alert = e.ctx.alerts.merged().find((a) => a.labels.alertname === 'TargetDown' && a.labels.target === 'demo');
    expect(alert?.state).toBe('firing');
    expect(alert?.annotations.failing_checks).toBe('database');
    expect(alert?.source).toBe('probe');

    // History recorded both states; the chart endpoint serves it.
    const series = await e.handlers['monitoring:history']({ target: 'demo' });
    expect(series.t.length).toBeGreaterThanOrEqual(3);
    expect(series.up).toContain(0);
    const slos = await e.handlers['monitoring:slos']({});
    expect(slos.find((s) => s.service === 'demo')?.checks).toBeGreaterThanOrEqual(3);

    await e.invoke('demo:set-failure', { failing: [] });
    await until('demo up again', async () => (await targets()).targets.find((x) => x.name === 'demo' && x.health === 'up'));
    expect(e.ctx.alerts.merged().find((a) => a.labels.alertname === 'TargetDown')?.state).toBe('resolved');

    await e.invoke('demo:stop', {});
    await until('demo target removed', async () => ((await targets()).targets.length === 0 ? true : undefined));
  });

  it('polls targets from config.yml, and pausing stops polling', async () => {
    let hits = 0;
    const server = httpServer((_req, res) => {
      hits++;
      json(res, 200, { status: 'ok' });
    });
    const port = await listen(server);
    const t = tempHome();
    cleanup = t.cleanup;
    writeFileSync(join(t.home, 'config.yml'), `targets:\n  - name: local\n    url: http://127.0.0.1:${port}/health\n    interval: 1s\n    timeout: 500ms\n`);
    engine = open(t.home);
    await engine.start();
    const e = engine;
    try {
      await until('local up', async () => {
        const r = await e.invoke('monitoring:targets', {});
        return r.ok && (r.value as ProbesSnapshot).targets[0]?.health === 'up' ? true : undefined;
      });
      await e.invoke('monitoring:pause', { paused: true });
      const before = hits;
      await new Promise((r) => setTimeout(r, 2_500));
      expect(hits).toBe(before);
      await e.invoke('monitoring:pause', { paused: false });
      await until('polling again', () => (hits > before ? true : undefined));
      const missing = await e.invoke('monitoring:history', { target: 'nope' });
      expect(missing.ok).toBe(false);
    } finally {
      await close(server);
    }
  });
});
