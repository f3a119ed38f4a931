import { describe, expect, it } from 'vitest';
import { AlertRowPages, buildRows } from '../../../main/core/alerts/rows';
import type { AlertsList, AlertView, TrayState } from '../../../preload/contract';
import { matchesFilter, parseFilter, tokenize } from '../../../preload/contract/alert-filter';
import { annotationBlocks, inlines } from '../../../renderer/src/alerts/logic/annotation-text';
import { matchersForAlert, runbookRoute } from '../../../renderer/src/alerts/logic/links';
import { nextLocalTime, parseDuration, relative, silenceEnd } from '../../../renderer/src/alerts/logic/time';

let seq = 0;
function alert(labels: Record<string, string>, extra: Partial<AlertView> = {}): AlertView {
  seq++;
  return {
    fingerprint: seq.toString(16).padStart(16, '0'),
    labels,
    annotations: { summary: `${labels.alertname ?? 'x'} summary` },
    state: 'firing',
    activeAt: 1000 + seq,
    firedAt: 1000 + seq,
    resolvedAt: null,
    value: null,
    source: 'probe',
    sourceName: 'api-target',
    priority: labels.severity === 'critical' ? 'P1' : 'P2',
    acknowledged: false,
    acknowledgedAt: null,
    snoozedUntil: null,
    silenced: false,
    inhibited: false,
    groups: [],
    incidents: [],
    ...extra,
  };
}

describe('filter bar parser', () => {
  it('reads label matchers with all four operators', () => {
    const f = parseFilter('severity=critical service=~api.* env!=dev instance!~10\\.0\\..*');
    expect(f.errors).toEqual([]);
    expect(f.labels).toEqual([
      { name: 'severity', op: '=', value: 'critical' },
      { name: 'service', op: '=~', value: 'api.*' },
      { name: 'env', op: '!=', value: 'dev' },
      { name: 'instance', op: '!~', value: '10\\.0\\..*' },
    ]);
  });

  it('accepts text pasted from Alertmanager: braces, commas, quoted values with spaces', () => {
    const f = parseFilter('{alertname="Disk full", severity="warning"}');
    expect(f.errors).toEqual([]);
    expect(f.labels).toEqual([
      { name: 'alertname', op: '=', value: 'Disk full' },
      { name: 'severity', op: '=', value: 'warning' },
    ]);
  });

  it('does not split a matcher at spaces around its operator', () => {
    expect(tokenize('severity = critical  service =~ api.*').map((t) => t.text)).toEqual(['severity=critical', 'service=~api.*']);
  });

  it('maps status fields apart from labels and normalises their values', () => {
    const f = parseFilter('state=firing acknowledged=no silenced=false priority=p1 source=~prom.*');
    expect(f.errors).toEqual([]);
    expect(f.labels).toEqual([]);
    expect(f.status).toEqual([
      { name: 'state', op: '=', value: 'firing' },
      { name: 'acknowledged', op: '=', value: 'false' },
      { name: 'silenced', op: '=', value: 'false' },
      { name: 'priority', op: '=', value: 'P1' },
      { name: 'source', op: '=~', value: 'prom.*' },
    ]);
  });

  it('reports bad terms with their column and keeps the good ones', () => {
    const f = parseFilter('severity=critical state=burning service=~(api acknowledged=maybe =x');
    expect(f.labels).toEqual([{ name: 'severity', op: '=', value: 'critical' }]);
    expect(f.errors.map((e) => [e.column, e.term])).toEqual([
      [19, 'state=burning'],
      [33, 'service=~(api'],
      [47, 'acknowledged=maybe'],
      [66, '=x'],
    ]);
    expect(f.errors[0]!.message).toContain('pending, firing, resolved');
    expect(f.errors[1]!.message).toContain('bad regex');
    expect(f.errors[2]!.message).toContain('true or false');
  });

  it('treats bare words as case-insensitive text search', () => {
    expect(parseFilter('Disk "Full"').words).toEqual(['disk', 'full']);
  });
});

describe('filter matching', () => {
  const api = alert({ alertname: 'TargetDown', service: 'api-gateway', severity: 'critical' });
  const billing = alert({ alertname: 'TargetDown', service: 'billing', severity: 'warning' }, { acknowledged: true });
  const muted = alert({ alertname: 'DiskFull', service: 'api-db', severity: 'warning' }, { snoozedUntil: 99_999, state: 'pending' });
  const all = [api, billing, muted];
  const pick = (text: string) => all.filter((a) => matchesFilter(a, parseFilter(text))).map((a) => a.labels.service);

  it('anchors regexes like Alertmanager', () => {
    expect(pick('service=~api.*')).toEqual(['api-gateway', 'api-db']);
    expect(pick('service=~api')).toEqual([]);
    expect(pick('service!~api.*')).toEqual(['billing']);
  });

  it('tests a missing label as the empty string', () => {
    expect(pick('team=""')).toEqual(['api-gateway', 'billing', 'api-db']);
    expect(pick('team!=""')).toEqual([]);
  });

  it('filters on acknowledged, muted and state', () => {
    expect(pick('acknowledged=true')).toEqual(['billing']);
    expect(pick('muted=true')).toEqual(['api-db']);
    expect(pick('snoozed=false state=firing')).toEqual(['api-gateway', 'billing']);
    expect(pick('severity=warning acknowledged=false')).toEqual(['api-db']);
  });

  it('searches words in the summary and label values', () => {
    expect(pick('diskfull')).toEqual(['api-db']);
    expect(pick('targetdown billing')).toEqual(['billing']);
  });
});

describe('grouped rows', () => {
  const down = '0:{alertname="TargetDown"}';
  const slow = '0:{alertname="Slow"}';
  const a1 = alert({ alertname: 'TargetDown', service: 'a', severity: 'warning' }, { groups: [down] });
  const a2 = alert({ alertname: 'TargetDown', service: 'b', severity: 'critical' }, { groups: [down] });
  const r1 = alert({ alertname: 'Slow', service: 'c', severity: 'critical' }, { state: 'resolved', groups: [slow] });
  const list = {
    alerts: [a1, a2, r1],
    groups: [
      { key: slow, labels: { alertname: 'Slow' }, routePath: 'root', fingerprints: [r1.fingerprint], firing: 0, worst: 'P1' as const },
      { key: down, labels: { alertname: 'TargetDown' }, routePath: 'root', fingerprints: [a1.fingerprint, a2.fingerprint], firing: 2, worst: 'P1' as const },
    ],
  };

  it('puts firing groups first and the most urgent alert first inside a group', () => {
    const { rows, shown } = buildRows(list, parseFilter(''), new Set());
    expect(rows.map((r) => (r.kind === 'group' ? `[${r.labels.alertname}]` : r.alert.labels.service))).toEqual(['[TargetDown]', 'b', 'a', '[Slow]', 'c']);
    expect(shown).toBe(3);
  });

  it('hides groups without a matching alert and the alerts of collapsed groups', () => {
    const { rows } = buildRows(list, parseFilter('service=~a|c'), new Set([slow]));
    expect(rows.map((r) => (r.kind === 'group' ? `[${r.labels.alertname}:${r.shown}${r.collapsed ? '+' : ''}]` : r.alert.labels.service))).toEqual(['[TargetDown:1]', 'a', '[Slow:1+]']);
  });

  it('keeps alerts that no route took in an "ungrouped" group', () => {
    const lost = { ...a1, groups: [] };
    const { rows } = buildRows({ alerts: [lost], groups: [] }, parseFilter(''), new Set());
    expect(rows.map((r) => r.key)).toEqual(['ungrouped', `ungrouped|${a1.fingerprint}`]);
  });

  it('lists an alert under each group it is routed to (continue: true) but counts it once', () => {
    const both = { ...a1, groups: [down, slow] };
    const { rows, shown } = buildRows({ alerts: [both, a2, r1], groups: list.groups }, parseFilter(''), new Set());
    expect(rows.filter((r) => r.kind === 'alert' && r.alert === both)).toHaveLength(2);
    expect(shown).toBe(3);
  });

  const tray = { color: 'red', count: 2, unacknowledged: 2, worst: 'P1', label: '', top: [], pausedUntil: null, quietHours: false, pagerSound: false } satisfies TrayState;
  const full = (version: number, alerts = list.alerts): AlertsList => ({ version, alerts, groups: list.groups, tray, sourceErrors: [] });
  const ask = (extra: { filter?: string; collapsed?: string[]; offset?: number; limit?: number; cursor?: string; since?: number } = {}) => ({ filter: '', collapsed: [], offset: 0, limit: 200, ...extra });

  it('answers a window of the rows with the counts of the whole list', () => {
    const page = new AlertRowPages().page(full(1), ask({ offset: 1, limit: 2 }));
    expect(page.rows.map((r) => r.key)).toEqual([`${down}|${a2.fingerprint}`, `${down}|${a1.fingerprint}`]);
    expect([page.count, page.offset, page.total, page.shown, page.unchanged]).toEqual([5, 1, 3, 3, false]);
    const past = new AlertRowPages().page(full(1), ask({ offset: 50, limit: 10 }));
    expect([past.rows.length, past.offset]).toEqual([0, 5]);
  });

  it('filters and folds in the core, and lists what "a" on a group header acknowledges', () => {
    const page = new AlertRowPages().page(full(1, [a1, { ...a2, acknowledged: true }, r1]), ask({ filter: 'severity=~warning|critical', collapsed: [slow] }));
    const header = page.rows[0]!;
    expect(header.kind === 'group' && header.unacknowledged).toEqual([a1.fingerprint]);
    expect(page.rows.map((r) => (r.kind === 'group' ? `[${r.labels.alertname}${r.collapsed ? '+' : ''}]` : r.alert.labels.service))).toEqual(['[TargetDown]', 'b', 'a', '[Slow+]']);
    const filtered = new AlertRowPages().page(full(1), ask({ filter: 'service=c' }));
    expect([filtered.shown, filtered.total, filtered.count]).toEqual([1, 3, 2]);
  });

  it('locates the cursor row, and says -1 once that row left the list', () => {
    const pages = new AlertRowPages();
    expect(pages.page(full(1), ask({ cursor: `${slow}|${r1.fingerprint}`, limit: 0 })).cursorIndex).toBe(4);
    expect(pages.page(full(2), ask({ cursor: `${slow}|${r1.fingerprint}`, collapsed: [slow] })).cursorIndex).toBe(-1);
    expect(pages.page(full(2), ask({ cursor: slow, collapsed: [slow] })).cursorIndex).toBe(3);
  });

  it('skips the rows when the caller already has this revision, and rebuilds after a change', () => {
    const pages = new AlertRowPages();
    const first = pages.page(full(7), ask());
    const again = pages.page(full(7), ask({ since: first.revision }));
    expect([again.unchanged, again.rows.length, again.count, again.revision]).toEqual([true, 0, 5, 7]);
    const changed = pages.page(full(8, [a1, a2]), ask({ since: first.revision }));
    expect([changed.unchanged, changed.count, changed.total]).toEqual([false, 3, 2]);
  });
});

describe('times for pause, snooze and silence', () => {
  it('parses Prometheus-style durations', () => {
    expect(parseDuration('30m')).toBe(1_800_000);
    expect(parseDuration('1h30m')).toBe(5_400_000);
    expect(parseDuration('2d')).toBe(172_800_000);
    expect(parseDuration('90')).toBeNull();
    expect(parseDuration('soon')).toBeNull();
  });

  it('pauses until the next 08:00 local time', () => {
    const evening = new Date(2026, 10, 23, 22, 15).getTime();
    expect(nextLocalTime(evening, 8)).toBe(new Date(2026, 10, 24, 8, 0).getTime());
    const early = new Date(2026, 10, 23, 6, 59).getTime();
    expect(nextLocalTime(early, 8)).toBe(new Date(2026, 10, 23, 8, 0).getTime());
    const exactly = new Date(2026, 10, 23, 8, 0).getTime();
    expect(nextLocalTime(exactly, 8)).toBe(new Date(2026, 10, 24, 8, 0).getTime());
  });

  it('reads a silence end as a duration or a local time, never in the past', () => {
    const now = new Date(2026, 10, 23, 12, 0).getTime();
    expect(silenceEnd('2h', now)).toEqual({ endsAt: now + 7_200_000 });
    expect(silenceEnd('2026-11-24 08:00', now)).toEqual({ endsAt: new Date(2026, 10, 24, 8, 0).getTime() });
    expect(silenceEnd('2026-11-22T08:00', now)).toEqual({ error: 'the end time is in the past' });
    expect('error' in silenceEnd('tomorrow', now)).toBe(true);
  });

  it('says how long ago or how soon', () => {
    expect(relative(10_000 + 8 * 60_000, 10_000)).toBe('in 8 min');
    expect(relative(0, 2 * 3_600_000 + 5 * 60_000)).toBe('2 h 05 min ago');
    expect(relative(null, 0)).toBe('–');
  });
});

describe('annotations and links', () => {
  it('links http(s) URLs and code spans, and leaves markup and javascript: inert', () => {
    expect(inlines('See https://wiki.example.com/rb/disk. Run `df -h`.')).toEqual([
      { kind: 'text', text: 'See ' },
      { kind: 'link', text: 'https://wiki.example.com/rb/disk', href: 'https://wiki.example.com/rb/disk' },
      { kind: 'text', text: '. Run ' },
      { kind: 'code', text: 'df -h' },
      { kind: 'text', text: '.' },
    ]);
    expect(inlines('[dash](https://grafana/d/1) <img src=x onerror=alert(1)> javascript:alert(1)')).toEqual([
      { kind: 'link', text: 'dash', href: 'https://grafana/d/1' },
      { kind: 'text', text: ' <img src=x onerror=alert(1)> javascript:alert(1)' },
    ]);
  });

  it('splits paragraphs on blank lines and keeps line breaks', () => {
    expect(annotationBlocks('one\ntwo\n\nthree').map((p) => p.length)).toEqual([2, 1]);
  });

  it('opens a local runbook route with label values as parameters', () => {
    expect(runbookRoute({ kind: 'local', id: 'disk-full', path: '/x', title: 'Disk', params: { instance: 'db-1:9100', service: 'a b' } })).toBe(
      '#/runbooks/disk-full?instance=db-1%3A9100&service=a+b',
    );
    expect(runbookRoute({ kind: 'local', id: 'x', path: '/x', title: 'X', params: {} })).toBe('#/runbooks/x');
    // Attached to an incident: the runbook starts on it, unless the runbook has its own `incident` parameter.
    expect(runbookRoute({ kind: 'local', id: 'x', path: '/x', title: 'X', params: { service: 'api' } }, 'INC-20261123-101500-ab12')).toBe('#/runbooks/x?service=api&incident=INC-20261123-101500-ab12');
    expect(runbookRoute({ kind: 'local', id: 'x', path: '/x', title: 'X', params: { incident: 'own' } }, 'INC-1')).toBe('#/runbooks/x?incident=own');
  });

  it('builds matchers for one alert that the filter parser reads back', () => {
    const text = matchersForAlert({ labels: { service: 'api', alertname: 'Disk "full"' } });
    expect(text).toBe('alertname="Disk \\"full\\"" service="api"');
    expect(parseFilter(text).labels).toEqual([
      { name: 'alertname', op: '=', value: 'Disk "full"' },
      { name: 'service', op: '=', value: 'api' },
    ]);
  });
});
