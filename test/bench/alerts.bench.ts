// Alerting figures: 10,000 active alerts in 500 groups, cost of one change (feed -> groups -> tray).
import { availableParallelism, loadavg } from 'node:os';
import { AlertRowPages } from '../../main/core/alerts/rows';
import { AlertsService } from '../../main/core/alerts/service';
import { AlertStateStore } from '../../main/core/alerts/state-store';
import type { Clock } from '../../main/core/shared/clock';
import type { Alert } from '../../preload/contract';
import { fingerprint } from '../../main/core/shared/fingerprint';
import { FakeTimeline, makeContext } from '../unit/alerts/harness';
import { median, ms, percentile } from './stats';

const alertCount = 10_000;
const groupCount = 500;
const changes = 1_000;

/**
 * Time moves 1 ms per change and no timer ever fires (group_wait is never reached during the run),
 * so only the recompute is measured; timers are kept in a Set so cancelling one costs what a real
 * clearTimeout costs, not a scan of 20,000 escalation timers.
 */
function benchClock(start: number): Clock & { tick(): void } {
  let now = start;
  const timers = new Set<object>();
  return {
    now: () => now,
    monotonic: () => now - start,
    setTimeout() {
      const timer = {};
      timers.add(timer);
      return () => timers.delete(timer);
    },
    tick() {
      now += 1;
    },
  };
}

/**
 * Built field by field, as the rule evaluator, probes and the Alertmanager client build theirs
 * (a spread-built object would measure V8's slow path for such objects, not the pipeline).
 */
function alert(labels: Record<string, string>, state: Alert['state'], firedAt: number, value: number, resolvedAt: number | null, fp = fingerprint(labels)): Alert {
  return { fingerprint: fp, labels, annotations: {}, state, activeAt: firedAt, firedAt, resolvedAt, value, source: 'rule', sourceName: 'bench.yml' };
}

function severityOf(i: number): string {
  if (i % 20 === 0) return 'critical';
  return i % 5 === 0 ? 'warning' : 'info';
}

export async function run(): Promise<void> {
  const clock = benchClock(Date.UTC(2026, 10, 23, 9));
  // One inhibition rule with `equal`, as in a real config, on top of the built-in MonitoringDegraded one.
  const base = makeContext(
    `alerting:
  inhibit_rules:
    - source_matchers: ['alertname="Alert0"']
      target_matchers: ['alertname="Alert1"']
      equal: [instance]
`,
    clock,
  );
  const service = new AlertsService({ ctx: base.ctx, store: new AlertStateStore(base.db), timeline: new FakeTimeline() });
  service.start();
  try {
    // group_by alertname (the default route): 500 alert names, 20 instances each.
    const alerts: Alert[] = Array.from({ length: alertCount }, (_, i) =>
      alert({ alertname: `Alert${i % groupCount}`, instance: `host-${Math.floor(i / groupCount)}`, service: `svc-${i % 37}`, severity: severityOf(i) }, 'firing', clock.now() - i * 1000, i, null),
    );
    base.ctx.alerts.publish('rule', 'bench.yml', alerts);
    const list = service.list();
    if (list.alerts.length !== alertCount || list.groups.length !== groupCount) throw new Error(`setup: ${list.alerts.length} alerts in ${list.groups.length} groups`);

    // One change = one alert's new sample: every 4th change resolves or re-fires it, the others
    // change its value. The source republishes its whole snapshot, as the rule evaluator does.
    const samples: number[] = [];
    // CPU time of this process too: on a busy CI machine the wall time also holds time spent
    // waiting for a core, which says more about the neighbours than about the code.
    const cpuSamples: number[] = [];
    let state = alerts;
    for (let c = 0; c < changes + 50; c++) {
      const i = (c * 7919) % alertCount;
      const old = state[i]!;
      const flip = c % 4 === 0;
      const nextState = flip ? (old.state === 'firing' ? 'resolved' : 'firing') : old.state;
      const next = alert(old.labels, nextState, old.firedAt ?? 0, (old.value ?? 0) + (flip ? 0 : 1), nextState === 'resolved' ? clock.now() : null, old.fingerprint);
      state = state.slice();
      state[i] = next;
      clock.tick();
      const cpu = process.cpuUsage();
      const start = performance.now();
      base.ctx.alerts.publish('rule', 'bench.yml', state);
      // What the UI fetches after the change: the alert list, its groups and the tray state.
      const { tray, groups } = service.list();
      const elapsed = performance.now() - start;
      const used = process.cpuUsage(cpu);
      if (tray.count === 0 || groups.length !== groupCount) throw new Error(`lost alerts: tray ${tray.count}, ${groups.length} groups`);
      // The first 50 warm up the JIT.
      if (c >= 50) {
        samples.push(elapsed);
        cpuSamples.push((used.user + used.system) / 1000);
      }
    }
    const groups = service.list().groups.length;
    console.log(
      `${alertCount.toLocaleString('en')} active alerts in ${groups} groups, one change -> alert list, groups and tray state up to date: ` +
        `wall p50 ${ms(median(samples))}, p99 ${ms(percentile(samples, 99))}, max ${ms(Math.max(...samples))}; ` +
        `CPU p50 ${ms(median(cpuSamples))}, p99 ${ms(percentile(cpuSamples, 99))} over ${changes} changes (goal p99 < 5 ms); load average ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores`,
    );
    rowPages(service.list());
  } finally {
    service.stop();
    base.dispose();
  }
  await Promise.resolve();
}

/**
 * What the Alerts screen costs the core per refresh (alerts:rows, all groups unfolded, one screenful):
 * building the grouped rows after a change, slicing an already built list (a scroll), and the answer's
 * size next to the whole list the screen used to receive.
 */
function rowPages(list: ReturnType<AlertsService['list']>): void {
  const args = { filter: '', collapsed: [], offset: 0, limit: 75 };
  const builds: number[] = [];
  const slices: number[] = [];
  for (let i = 0; i < 40; i++) {
    const pages = new AlertRowPages();
    let start = performance.now();
    pages.page(list, args);
    builds.push(performance.now() - start);
    start = performance.now();
    pages.page(list, { ...args, offset: 5000 });
    slices.push(performance.now() - start);
  }
  const page = new AlertRowPages().page(list, args);
  const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;
  console.log(
    `alerts:rows over ${list.alerts.length.toLocaleString('en')} alerts (${page.count} rows): build after a change p50 ${ms(median(builds.slice(5)))}, max ${ms(Math.max(...builds.slice(5)))}; ` +
      `slice of a built list p50 ${ms(median(slices.slice(5)))}; answer ${kb(JSON.stringify(page).length)} for ${page.rows.length} rows vs alerts:list ${kb(JSON.stringify(list).length)}`,
  );
}
