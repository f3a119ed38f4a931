import { afterEach, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../../main/core/engine';
import type { NotificationPayload } from '../../../preload/contract';
import { tempHome } from '../../support/temp-home';

describe('the engine (composition root)', () => {
  let engine: Engine | undefined;
  let cleanup = () => undefined as void;
  afterEach(async () => {
    await engine?.close();
    cleanup();
  });

  const make = () => {
    const t = tempHome();
    cleanup = t.cleanup;
    const opened: string[] = [];
    const notified: NotificationPayload[] = [];
    engine = createEngine({
      home: t.home,
      resourcesDir: 'resources',
      ports: { face: 'cli', notify: (n) => notified.push(n), openExternal: (url) => Promise.resolve(void opened.push(url)) },
    });
    return { engine, opened, home: t.home };
  };

  it('answers with a result union and never throws across the boundary', async () => {
    const { engine: e, home } = make();
    expect(await e.invoke('app:info', {})).toMatchObject({ ok: true, value: { home, face: 'cli', firstRun: true } });
    expect(await e.invoke('no:such', {})).toEqual({ ok: false, error: { code: 'unknown_method', message: 'unknown method: no:such' } });
    const bad = await e.invoke('monitoring:pause', { paused: 'yes' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(!bad.ok && bad.error.message).toContain('paused');
  });

  it('treats input as unknown: extra fields are refused', async () => {
    const { engine: e } = make();
    expect(await e.invoke('monitoring:pause', { paused: true, extra: 1 })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('publishes state changes on the bus', async () => {
    const { engine: e } = make();
    const seen: boolean[] = [];
    e.bus.on('monitoring:changed', (s) => seen.push(s.paused));
    await e.invoke('monitoring:pause', { paused: true });
    await e.invoke('monitoring:pause', { paused: false });
    expect(seen).toEqual([true, false]);
  });

  it('opens only http(s) links', async () => {
    const { engine: e, opened } = make();
    expect(await e.invoke('app:open-external', { url: 'https://runbooks.example.com/x' })).toEqual({ ok: true, value: { opened: true } });
    expect(await e.invoke('app:open-external', { url: 'file:///etc/passwd' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await e.invoke('app:open-external', { url: 'javascript:alert(1)' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(opened).toEqual(['https://runbooks.example.com/x']);
  });

  it('runs the demo service with the seed 003 health shapes and failure controls', async () => {
    const { engine: e } = make();
    const started = await e.invoke('demo:start', {});
    expect(started.ok).toBe(true);
    const url = started.ok ? (started.value as { url: string }).url : '';
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(await (await fetch(`${url}/health/ready`)).json()).toEqual({ status: 'ready', checks: { database: true, redis: true, disk_space: true } });
    await e.invoke('demo:set-failure', { failing: ['redis'] });
    const ready = await fetch(`${url}/health/ready`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({ status: 'not_ready', checks: { database: true, redis: false, disk_space: true } });
    expect(await (await fetch(`${url}/metrics`)).text()).toContain('app_health_check_up{check="redis"} 0');
    expect(await e.invoke('demo:set-failure', { failing: ['nope'] })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });
});
