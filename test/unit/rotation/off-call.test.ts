import { afterEach, describe, expect, it, vi } from 'vitest';
import { AlertsService } from '../../../main/core/alerts/service';
import { AlertStateStore } from '../../../main/core/alerts/state-store';
import { createRotationDomain } from '../../../main/core/rotation/domain';
import type { WhoReport } from '../../../preload/contract/rotation';
import { FakeClock } from '../../support/fake-clock';
import { FakeTimeline, makeAlert, makeContext } from '../alerts/harness';

const min = 60_000;
const day = 24 * 60 * min;

// Severity critical is P1, warning P2 (alerts/priority.ts). The fake clock starts on Monday 2026-11-23 09:00 UTC: alice's week; bob takes over a week later.
const config = (offCall = '') => `rotation:
  timezone: UTC
  me: bob
  layers:
    - { name: primary, members: [alice, bob], handoff: weekly, at: "08:00", start: "2026-11-23" }
${offCall}alerting:
  route: { group_by: [alertname] }
`;

describe('an off-call console', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => {
    for (const c of cleanups.splice(0)) c();
  });

  async function setup(yaml: string) {
    const clock = new FakeClock();
    const base = makeContext(yaml, clock);
    const rotation = createRotationDomain(base.ctx);
    const changes: (WhoReport | null)[] = [];
    base.ctx.bus.on('rotation:changed', (r) => changes.push(r));
    await rotation.start!();
    const store = new AlertStateStore(base.db);
    const service = new AlertsService({ ctx: base.ctx, store, timeline: new FakeTimeline(), notifiesOnCall: (p) => rotation.notifies(p) });
    service.start();
    cleanups.push(() => {
      service.stop();
      void rotation.stop!();
      base.dispose();
    });
    const log = () => store.notifications(100).reverse().map((n) => [n.title.includes('DiskFull') ? 'DiskFull' : n.title.includes('ApiDown') ? 'ApiDown' : n.title, n.delivered, n.heldBecause]);
    return { clock, base, rotation, service, store, changes, log };
  }

  it('notifies only P1 by default, holding the rest as "off call", and everything once the user is on call', async () => {
    const t = await setup(config());
    expect((await t.rotation.handlers['rotation:who'](undefined))?.meOnCall).toBe(false);
    t.base.ctx.alerts.publish('rule', 'test.yml', [makeAlert({ alertname: 'ApiDown', severity: 'critical' }), makeAlert({ alertname: 'DiskFull', severity: 'warning' })]);
    t.clock.advance(1 * min);
    expect(t.log()).toEqual([
      ['ApiDown', true, null],
      ['DiskFull', false, 'off call'],
    ]);

    // A week later bob is on call: the minute-by-minute refresh notices, the UI hears of it, and the
    // still-firing warning is delivered at its group's next flush.
    t.clock.advance(7 * day);
    await vi.waitFor(
      () => {
        t.clock.advance(1 * min);
        expect(t.changes.at(-1)?.meOnCall).toBe(true);
      },
      { timeout: 10_000, interval: 20 },
    );
    t.clock.advance(10 * min);
    expect(t.log().filter(([name, delivered]) => name === 'DiskFull' && delivered)).toHaveLength(1);
  });

  it('notifies the priorities config.yml lists for off-call people', async () => {
    const t = await setup(config('  offCall: { notify: [P1, P2] }\n'));
    t.base.ctx.alerts.publish('rule', 'test.yml', [makeAlert({ alertname: 'DiskFull', severity: 'warning' })]);
    t.clock.advance(1 * min);
    const [entry] = t.store.notifications(10);
    expect(entry?.heldBecause ?? null).toBe(null);
    expect(entry?.delivered).toBe(true);
  });
});
