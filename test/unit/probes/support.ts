import type { Alert, ProbesSnapshot } from '../../../preload/contract';
import { targetSchema, type TargetInput } from '../../../main/core/probes/config';
import type { Check } from '../../../main/core/probes/evaluate';
import type { ProbeTarget, RawResult } from '../../../main/core/probes/runner';
import { ProbeScheduler, type ScheduledTarget } from '../../../main/core/probes/scheduler';
import { FakeClock } from '../../support/fake-clock';

/** `'hang'`: the probe never comes back (a wedged socket the runner's timeout did not catch). */
export type Reply = Partial<RawResult> | ((target: ProbeTarget) => Partial<RawResult>) | 'hang';

export function target(input: Partial<TargetInput> & { name: string }): ScheduledTarget {
  return targetSchema.parse({ url: `https://${input.name}.example.com/health/ready`, interval: '10s', timeout: '2s', ...input });
}

export const okReply: Partial<RawResult> = { connected: true, status: 200, body: '{"status":"ready","checks":{"database":true}}', durationMs: 40 };
export const networkDown: Partial<RawResult> = { connected: false, status: null, error: 'connect ENETUNREACH', errorKind: 'network' };

/** A scheduler on a FakeClock with a scripted network: `replies` per target name, `online` for the route check. */
export function harness(targets: ScheduledTarget[]) {
  const clock = new FakeClock();
  const replies = new Map<string, Reply>();
  const alerts = new Map<string, Alert[]>();
  const system: Alert[][] = [];
  const checks: { target: string; check: Check }[] = [];
  const snapshots: ProbesSnapshot[] = [];
  let probes = 0;
  const net = { online: true };
  const scheduler = new ProbeScheduler({
    clock,
    network: { online: () => net.online },
    run: (t) => {
      probes++;
      const name = targets.find((x) => x.url === t.url)?.name ?? '';
      const reply = replies.get(name) ?? okReply;
      if (reply === 'hang') return new Promise<RawResult>(() => undefined);
      const r = typeof reply === 'function' ? reply(t) : reply;
      return Promise.resolve({ at: clock.now(), durationMs: 30, connected: true, status: 200, body: '', certExpiresAt: null, ip: '10.0.0.1', error: null, errorKind: null, ...r });
    },
    onCheck: (t, check) => checks.push({ target: t.name, check }),
    publishAlerts: (name, list) => alerts.set(name, list),
    publishSystem: (list) => system.push(list),
    onSnapshot: (s) => snapshots.push(s),
  });
  scheduler.setTargets(targets);
  const flush = async () => {
    for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
  };
  return {
    clock,
    scheduler,
    replies,
    alerts,
    system,
    checks,
    snapshots,
    net,
    probes: () => probes,
    flush,
    /** Advances in 100 ms steps so probes started by timers complete and reschedule on the way. */
    async advance(ms: number) {
      for (let done = 0; done < ms; done += 100) {
        clock.advance(Math.min(100, ms - done));
        await flush();
      }
    },
    health: (name: string) => scheduler.snapshot().targets.find((t) => t.name === name)?.health,
    firing: (name: string) => (alerts.get(name) ?? []).filter((a) => a.state === 'firing').map((a) => a.labels.alertname),
  };
}
