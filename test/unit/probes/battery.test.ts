import { describe, expect, it } from 'vitest';
import type { PowerView } from '../../../preload/contract';
import { harness, target } from './support';

const battery: PowerView = { state: 'battery', intervalFactor: 2, stretched: true };
const ac: PowerView = { state: 'ac', intervalFactor: 2, stretched: false };

/** Seconds between consecutive checks of `name` from `from` on (rounded: the harness steps 100 ms). */
function gaps(h: ReturnType<typeof harness>, name: string, from: number): number[] {
  const at = h.checks.filter((c) => c.target === name && c.check.at >= from).map((c) => c.check.at);
  return at.slice(1).map((t, i) => Math.round((t - at[i]!) / 1000));
}

describe('intervals on battery power', () => {
  it('stretches non-critical targets from their next scheduling on; critical ones keep their interval', async () => {
    const h = harness([target({ name: 'api' }), target({ name: 'pager', critical: true })]);
    h.scheduler.start();
    await h.advance(10_100);
    h.scheduler.setPower(battery);
    const t0 = h.clock.now();
    await h.advance(60_000);
    // api: the timer armed before the switch still fires after 10 s, then every 20 s.
    expect(gaps(h, 'api', t0 - 10_000)).toEqual([10, 20, 20]);
    expect(gaps(h, 'pager', t0)).toEqual([10, 10, 10, 10, 10]);
    const snap = h.scheduler.snapshot();
    expect(snap.power).toEqual(battery);
    const api = snap.targets.find((t) => t.name === 'api');
    expect(api).toMatchObject({ intervalMs: 10_000, effectiveIntervalMs: 20_000, critical: false, health: 'up' });
    expect(snap.targets.find((t) => t.name === 'pager')).toMatchObject({ effectiveIntervalMs: 10_000, critical: true });
    h.scheduler.stop();
  });

  it('a stretched target is not shown stale, and back on AC the interval returns at the next scheduling', async () => {
    const h = harness([target({ name: 'api' })]);
    h.scheduler.setPower(battery);
    h.scheduler.start();
    await h.advance(100);
    // 25 s after a check with a 20 s wait armed: more than 2 × 10 s, less than 2 × 20 s.
    await h.advance(25_000);
    expect(h.health('api')).toBe('up');
    expect(h.scheduler.snapshot().targets[0]!.health).toBe('up');
    h.scheduler.setPower(ac);
    expect(h.scheduler.snapshot().targets[0]!.effectiveIntervalMs).toBe(10_000);
    const t0 = h.clock.now();
    await h.advance(60_000);
    // The 20 s wait armed on battery runs out first, then every 10 s.
    expect(gaps(h, 'api', t0 - 25_000)).toEqual([20, 10, 10, 10, 10]);
    h.scheduler.stop();
  });

  it('a factor of 1 or an unknown power state changes nothing', async () => {
    const h = harness([target({ name: 'api' })]);
    h.scheduler.setPower({ state: 'unknown', intervalFactor: 2, stretched: false });
    h.scheduler.start();
    await h.advance(100);
    await h.advance(60_000);
    expect(gaps(h, 'api', 0)).toEqual([10, 10, 10, 10, 10, 10]);
    h.scheduler.stop();
  });
});
