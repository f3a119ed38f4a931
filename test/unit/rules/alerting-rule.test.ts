import { describe, expect, it } from 'vitest';
import { AlertingRule, resolvedRetentionMs, type EvalContext } from '../../../main/core/rules/alerting-rule';
import { apiAlertsDocument } from '../../../main/core/rules/api-shape';
import { RuleGroup } from '../../../main/core/rules/group';
import type { RuleDef } from '../../../main/core/rules/types';
import { SourceUnavailableError } from '../../../main/core/prometheus/errors';
import type { Sample } from '../../../main/core/prometheus/types';
import { FakeClock } from '../../support/fake-clock';

const t0 = Date.UTC(2026, 10, 23, 9, 0, 0);
const min = 60_000;

function rule(over: Partial<RuleDef> = {}): AlertingRule {
  return new AlertingRule({ kind: 'alerting', name: 'HighLatency', expr: 'latency_p99 > 5', for: 3 * min, keepFiringFor: 0, labels: { severity: 'critical' }, annotations: { summary: '{{ $labels.instance }} p99 is {{ $value }}s' }, line: 1, ...over });
}

/** A Prometheus stand-in whose answer the test sets; `down` makes every query "unavailable". */
function fakeServer() {
  const state = { samples: [] as Sample[], down: false, queries: [] as { expr: string; time: number }[] };
  const ctx: EvalContext = {
    externalLabels: { region: 'eu' },
    externalUrl: 'http://prom.example',
    query: (expr, time) => {
      state.queries.push({ expr, time });
      if (state.down) return Promise.reject(new SourceUnavailableError('prom', 'connect ECONNREFUSED'));
      return Promise.resolve(state.samples.map((s) => ({ ...s, labels: { ...s.labels } })));
    },
  };
  const set = (...instances: [string, number][]) => {
    state.samples = instances.map(([instance, value]) => ({ labels: { __name__: 'latency_p99', instance }, value, time: 0 }));
  };
  return { state, ctx, set };
}

const brief = (r: AlertingRule) => [...r.active.values()].map((a) => `${a.labels.instance}:${a.state}`);

describe('AlertingRule state machine', () => {
  it('goes inactive -> pending -> firing once active for `for`', async () => {
    const r = rule();
    const s = fakeServer();
    s.set(['a:1', 7]);
    expect(await r.eval(t0, s.ctx)).toMatchObject([{ from: 'inactive', to: 'pending', at: t0, value: 7 }]);
    expect(r.state()).toBe('pending');
    expect(await r.eval(t0 + 2 * min, s.ctx)).toEqual([]);
    expect(r.state()).toBe('pending');
    const [fired] = await r.eval(t0 + 3 * min, s.ctx);
    expect(fired).toMatchObject({ rule: 'HighLatency', from: 'pending', to: 'firing', at: t0 + 3 * min });
    expect(fired?.labels).toEqual({ alertname: 'HighLatency', instance: 'a:1', severity: 'critical' });
    expect(fired?.annotations).toEqual({ summary: 'a:1 p99 is 7s' });
    const alert = r.activeAlerts()[0];
    expect(alert).toMatchObject({ state: 'firing', activeAt: t0, firedAt: t0 + 3 * min });
  });

  it('fires on the first evaluation when `for` is 0', async () => {
    const r = rule({ for: 0 });
    const s = fakeServer();
    s.set(['a:1', 7]);
    expect((await r.eval(t0, s.ctx)).map((t) => `${t.from}->${t.to}`)).toEqual(['inactive->pending', 'pending->firing']);
  });

  it('updates value and annotations on every evaluation but keeps activeAt', async () => {
    const r = rule();
    const s = fakeServer();
    s.set(['a:1', 7]);
    await r.eval(t0, s.ctx);
    s.set(['a:1', 9.5]);
    await r.eval(t0 + min, s.ctx);
    expect(r.activeAlerts()[0]).toMatchObject({ value: 9.5, activeAt: t0, annotations: { summary: 'a:1 p99 is 9.5s' } });
  });

  it('drops a pending alert whose series vanish, without a resolved event', async () => {
    const r = rule();
    const s = fakeServer();
    s.set(['a:1', 7], ['b:1', 8]);
    await r.eval(t0, s.ctx);
    s.set(['b:1', 8]);
    const transitions = await r.eval(t0 + min, s.ctx);
    expect(transitions.map((t) => `${t.labels.instance}:${t.from}->${t.to}`)).toEqual(['a:1:pending->inactive']);
    expect(transitions.some((t) => t.to === 'resolved')).toBe(false);
    expect(brief(r)).toEqual(['b:1:pending']);
  });

  it('resolves a firing alert whose series vanish and keeps it for 15 minutes', async () => {
    const r = rule({ for: 0 });
    const s = fakeServer();
    s.set(['a:1', 7]);
    await r.eval(t0, s.ctx);
    s.set();
    expect((await r.eval(t0 + min, s.ctx)).map((t) => `${t.from}->${t.to}`)).toEqual(['firing->resolved']);
    expect(r.activeAlerts()).toEqual([]);
    expect(r.active.get([...r.active.keys()][0] ?? '')).toMatchObject({ state: 'inactive', resolvedAt: t0 + min });
    await r.eval(t0 + min + resolvedRetentionMs, s.ctx);
    expect(r.active.size).toBe(1);
    await r.eval(t0 + min + resolvedRetentionMs + min, s.ctx);
    expect(r.active.size).toBe(0);
  });

  it('starts a fresh pending alert when a resolved series comes back', async () => {
    const r = rule();
    const s = fakeServer();
    s.set(['a:1', 7]);
    await r.eval(t0, s.ctx);
    await r.eval(t0 + 3 * min, s.ctx);
    s.set();
    await r.eval(t0 + 4 * min, s.ctx);
    s.set(['a:1', 7]);
    expect((await r.eval(t0 + 5 * min, s.ctx)).map((t) => `${t.from}->${t.to}`)).toEqual(['inactive->pending']);
    expect(r.activeAlerts()[0]).toMatchObject({ state: 'pending', activeAt: t0 + 5 * min, resolvedAt: null });
  });

  it('holds a firing alert for keep_firing_for after its series vanish, then resolves', async () => {
    const r = rule({ for: 0, keepFiringFor: 2 * min });
    const s = fakeServer();
    s.set(['a:1', 7]);
    await r.eval(t0, s.ctx);
    s.set();
    expect(await r.eval(t0 + min, s.ctx)).toEqual([]);
    expect(r.activeAlerts()[0]).toMatchObject({ state: 'firing', keepFiringSince: t0 + min });
    expect(apiAlertsDocument(r.activeAlerts()).data.alerts[0]?.keepFiringSince).toBe('2026-11-23T09:01:00Z');
    expect(await r.eval(t0 + 2 * min, s.ctx)).toEqual([]);
    expect((await r.eval(t0 + 3 * min, s.ctx)).map((t) => `${t.from}->${t.to}`)).toEqual(['firing->resolved']);
  });

  it('clears keepFiringSince when the series return during keep_firing_for', async () => {
    const r = rule({ for: 0, keepFiringFor: 2 * min });
    const s = fakeServer();
    s.set(['a:1', 7]);
    await r.eval(t0, s.ctx);
    s.set();
    await r.eval(t0 + min, s.ctx);
    s.set(['a:1', 7]);
    await r.eval(t0 + 2 * min, s.ctx);
    expect(r.activeAlerts()[0]).toMatchObject({ state: 'firing', keepFiringSince: null, activeAt: t0 });
    s.set();
    await r.eval(t0 + 3 * min, s.ctx);
    expect(r.state()).toBe('firing');
  });

  it('never keeps a pending alert firing: keep_firing_for applies to firing alerts only', async () => {
    const r = rule({ keepFiringFor: 10 * min });
    const s = fakeServer();
    s.set(['a:1', 7]);
    await r.eval(t0, s.ctx);
    s.set();
    expect((await r.eval(t0 + min, s.ctx)).map((t) => `${t.from}->${t.to}`)).toEqual(['pending->inactive']);
  });

  it('fails the rule and drops its alerts when more alerts than the group limit', async () => {
    const r = rule({ for: 0 });
    const s = fakeServer();
    s.set(['a:1', 7], ['b:1', 7], ['c:1', 7]);
    await expect(r.eval(t0, s.ctx, { limit: 2 })).rejects.toThrow('exceeded limit of 2 with 3 alerts');
    expect(r.health).toBe('err');
    expect(r.active.size).toBe(0);
    s.set(['a:1', 7], ['b:1', 7]);
    await r.eval(t0 + min, s.ctx, { limit: 2 });
    expect(r.health).toBe('ok');
    expect(brief(r)).toEqual(['a:1:firing', 'b:1:firing']);
  });

  it('queries at the evaluation time minus query_offset', async () => {
    const r = rule();
    const s = fakeServer();
    await r.eval(t0, s.ctx, { queryOffset: min });
    expect(s.state.queries).toEqual([{ expr: 'latency_p99 > 5', time: t0 - min }]);
  });

  it('keeps every alert as it was when Prometheus is unavailable: not knowing is not resolved', async () => {
    const r = rule({ for: 0 });
    const s = fakeServer();
    s.set(['a:1', 7]);
    await r.eval(t0, s.ctx);
    s.state.down = true;
    await expect(r.eval(t0 + min, s.ctx)).rejects.toBeInstanceOf(SourceUnavailableError);
    expect(brief(r)).toEqual(['a:1:firing']);
    expect(r.health).toBe('ok');
  });

  it('expands label templates (an empty result removes the label) and drops __name__', async () => {
    const r = rule({ for: 0, labels: { severity: '{{ if gt $value 10.0 }}critical{{ else }}warning{{ end }}', region: '{{ $externalLabels.region }}', gone: '{{ $labels.absent }}' } });
    const s = fakeServer();
    s.set(['a:1', 7]);
    await r.eval(t0, s.ctx);
    expect(r.activeAlerts()[0]?.labels).toEqual({ alertname: 'HighLatency', instance: 'a:1', region: 'eu', severity: 'warning' });
  });

  it('fails when alert labels make two samples identical', async () => {
    const r = rule({ labels: { instance: 'same' } });
    const s = fakeServer();
    s.set(['a:1', 7], ['b:1', 8]);
    await expect(r.eval(t0, s.ctx)).rejects.toThrow('vector contains metrics with the same labelset after applying alert labels');
    expect(r.health).toBe('err');
  });

  it('prints alerts in the shape of GET /api/v1/alerts', async () => {
    const r = rule({ for: 0 });
    const s = fakeServer();
    s.set(['a:1', 7.25]);
    await r.eval(t0 + 500, s.ctx);
    expect(apiAlertsDocument(r.activeAlerts())).toEqual({
      status: 'success',
      data: { alerts: [{ labels: { alertname: 'HighLatency', instance: 'a:1', severity: 'critical' }, annotations: { summary: 'a:1 p99 is 7.25s' }, state: 'firing', activeAt: '2026-11-23T09:00:00.5Z', value: '7.25e+00' }] },
    });
  });
});

describe('RuleGroup on a fake clock', () => {
  async function step(clock: FakeClock, group: RuleGroup, ms: number): Promise<void> {
    clock.advance(ms);
    await group.idle();
    // Let the finished tick schedule its next timer before the clock moves again.
    await new Promise((resolve) => setImmediate(resolve));
  }

  function setup(interval: number | null, forMs: number) {
    const clock = new FakeClock(t0);
    const s = fakeServer();
    const results: { at: number; transitions: string[]; unavailable: string | null }[] = [];
    const group = new RuleGroup(
      { name: 'latency', file: 'r.yml', interval, limit: 0, queryOffset: 0, line: 1, rules: [rule({ for: forMs }).def, { kind: 'recording', name: 'job:x', expr: 'sum(x)', for: 0, keepFiringFor: 0, labels: {}, annotations: {}, line: 9 }] },
      { ...s.ctx, clock, defaultInterval: min, onResult: (_g, r) => results.push({ at: r.at, transitions: r.transitions.map((t) => `${t.from}->${t.to}`), unavailable: r.unavailable }) },
    );
    return { clock, s, group, results };
  }

  it('evaluates every interval and fires after `for`', async () => {
    const { clock, s, group, results } = setup(30_000, min);
    s.set(['a:1', 7]);
    group.start();
    await step(clock, group, 0);
    for (let i = 0; i < 3; i++) await step(clock, group, 30_000);
    group.stop();
    expect(results.map((r) => [r.at - t0, r.transitions])).toEqual([
      [0, ['inactive->pending']],
      [30_000, []],
      [60_000, ['pending->firing']],
      [90_000, []],
    ]);
    expect(clock.pendingTimers()).toBe(0);
  });

  it('skips iterations missed while the laptop slept instead of replaying them', async () => {
    const { clock, s, group, results } = setup(null, 0);
    s.set(['a:1', 7]);
    group.start();
    await step(clock, group, 0);
    clock.sleep(10 * min + 1000);
    await step(clock, group, 0);
    await step(clock, group, min);
    group.stop();
    // Woken at 10m01s: one evaluation at the 10m slot, none for the nine slots missed.
    expect(results.map((r) => r.at - t0)).toEqual([0, 10 * min, 11 * min]);
  });

  it('reports unavailability and keeps the firing alert; resolved alerts stay in the feed for 15 minutes', async () => {
    const { clock, s, group, results } = setup(null, 0);
    s.set(['a:1', 7]);
    group.start();
    await step(clock, group, 0);
    s.state.down = true;
    await step(clock, group, min);
    expect(results.at(-1)?.unavailable).toBe('Prometheus "prom" is unavailable: connect ECONNREFUSED');
    expect(group.feedAlerts('r.yml:latency', '', clock.now()).map((a) => a.state)).toEqual(['firing']);
    s.state.down = false;
    s.set();
    await step(clock, group, min);
    expect(results.at(-1)?.transitions).toEqual(['firing->resolved']);
    group.stop();
    const feed = (at: number) => group.feedAlerts('r.yml:latency', 'http://prom.example/', at).map((a) => `${a.state}@${(a.resolvedAt ?? 0) - t0}`);
    expect(feed(clock.now())).toEqual([`resolved@${2 * min}`]);
    expect(feed(clock.now() + resolvedRetentionMs)).toEqual([`resolved@${2 * min}`]);
    expect(feed(clock.now() + resolvedRetentionMs + 1)).toEqual([]);
    expect(group.feedAlerts('x', 'http://prom.example/', clock.now())[0]?.generatorUrl).toBe('http://prom.example/graph?g0.expr=latency_p99%20%3E%205&g0.tab=1');
  });
});
