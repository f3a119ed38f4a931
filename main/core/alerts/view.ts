import { matchesAll, type Alert, type AlertGroupView, type AlertView, type Priority, type TrayAlert, type TrayState } from '../../../preload/contract';
import type { PolicyAlert } from './policy';
import { alertTitle, priorityOf, priorityRank } from './priority';
import type { Route } from './routes';
import { groupKey, groupLabels, matchRoutes } from './routes';
import type { LocalSilence, Mark } from './state-store';

export interface DecorateInput {
  alerts: readonly Alert[];
  marks: ReadonlyMap<string, Mark>;
  silences: readonly LocalSilence[];
  inhibitions: ReadonlyMap<string, string[]>;
  incidents: (fingerprint: string) => string[];
  now: number;
}

interface Cached {
  alert: Alert;
  mark: Mark | undefined;
  silenced: boolean;
  inhibited: boolean;
  snoozed: boolean;
  incidents: string[];
  view: AlertView;
  policy: PolicyAlert;
}

/**
 * Turns the merged feed into what the policy and the UI need, reusing the previous objects for
 * alerts whose inputs did not change: with 10,000 alerts, one change must not rebuild all of them.
 */
export class AlertDecorator {
  private cache = new Map<string, Cached>();
  private routing = new Map<string, { key: string; labels: Record<string, string>; route: Route }[]>();

  constructor(private route: Route) {}

  setRoute(route: Route): void {
    this.route = route;
    this.routing.clear();
    this.cache.clear();
  }

  decorate(input: DecorateInput): { views: AlertView[]; policy: PolicyAlert[] } {
    const next = new Map<string, Cached>();
    const views: AlertView[] = [];
    const policy: PolicyAlert[] = [];
    const active = input.silences.filter((s) => s.startsAt <= input.now && s.endsAt > input.now);
    for (const alert of input.alerts) {
      const fp = alert.fingerprint;
      const mark = input.marks.get(fp);
      const silenced = (alert.silencedBy?.length ?? 0) > 0 || active.some((s) => matchesAll(s.matchers, alert.labels));
      const inhibited = (alert.inhibitedBy?.length ?? 0) > 0 || input.inhibitions.has(fp);
      const snoozed = (mark?.snoozedUntil ?? 0) > input.now;
      const incidents = input.incidents(fp);
      const old = this.cache.get(fp);
      if (old && old.alert === alert && old.mark === mark && old.silenced === silenced && old.inhibited === inhibited && old.snoozed === snoozed && sameList(old.incidents, incidents)) {
        next.set(fp, old);
        views.push(old.view);
        policy.push(old.policy);
        continue;
      }
      const priority = priorityOf(alert.labels);
      const acknowledged = mark?.acknowledgedAt != null;
      const view = toView(alert, {
        priority,
        acknowledged,
        acknowledgedAt: mark?.acknowledgedAt ?? null,
        snoozedUntil: snoozed ? (mark?.snoozedUntil ?? null) : null,
        silenced,
        inhibited,
        groups: this.groupsOf(alert).map((g) => g.key),
        incidents,
      });
      const entry: PolicyAlert = { alert, priority, muted: silenced || inhibited || snoozed, acknowledged };
      next.set(fp, { alert, mark, silenced, inhibited, snoozed, incidents, view, policy: entry });
      views.push(view);
      policy.push(entry);
    }
    this.cache = next;
    for (const fp of this.routing.keys()) if (!next.has(fp)) this.routing.delete(fp);
    return { views, policy };
  }

  groupsOf(alert: Alert): { key: string; labels: Record<string, string>; route: Route }[] {
    let groups = this.routing.get(alert.fingerprint);
    if (!groups) {
      groups = matchRoutes(this.route, alert.labels).map((route) => {
        const labels = groupLabels(route, alert.labels);
        return { key: groupKey(route, labels), labels, route };
      });
      this.routing.set(alert.fingerprint, groups);
    }
    return groups;
  }

  /** Alertmanager-style groups of every alert in view (pending and resolved ones included). */
  groups(views: readonly AlertView[]): AlertGroupView[] {
    const out = new Map<string, AlertGroupView>();
    for (const v of views) {
      for (const g of this.groupsOf(v)) {
        let group = out.get(g.key);
        if (!group) out.set(g.key, (group = { key: g.key, labels: g.labels, routePath: g.route.describe, fingerprints: [], firing: 0, worst: 'P4' }));
        group.fingerprints.push(v.fingerprint);
        if (v.state === 'firing') group.firing++;
        if (priorityRank(v.priority) < priorityRank(group.worst)) group.worst = v.priority;
      }
    }
    return [...out.values()];
  }
}

type Decoration = Omit<AlertView, keyof Alert>;

/**
 * The view as one object literal with every field named, not `{ ...alert, ...decoration }`: in
 * V8 (Node 20) objects built by spread-and-extend read up to 50x slower, and every recompute
 * walks all 10,000 views several times (see test/bench/alerts.bench.ts).
 */
function toView(alert: Alert, d: Decoration): AlertView {
  const view: AlertView = {
    fingerprint: alert.fingerprint,
    labels: alert.labels,
    annotations: alert.annotations,
    state: alert.state,
    activeAt: alert.activeAt,
    firedAt: alert.firedAt,
    resolvedAt: alert.resolvedAt,
    value: alert.value,
    source: alert.source,
    sourceName: alert.sourceName,
    priority: d.priority,
    acknowledged: d.acknowledged,
    acknowledgedAt: d.acknowledgedAt,
    snoozedUntil: d.snoozedUntil,
    silenced: d.silenced,
    inhibited: d.inhibited,
    groups: d.groups,
    incidents: d.incidents,
  };
  if (alert.generatorUrl !== undefined) view.generatorUrl = alert.generatorUrl;
  if (alert.silencedBy !== undefined) view.silencedBy = alert.silencedBy;
  if (alert.inhibitedBy !== undefined) view.inhibitedBy = alert.inhibitedBy;
  return view;
}

function sameList(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

export interface TrayInput {
  views: readonly AlertView[];
  pausedUntil: number | null;
  quietHours: boolean;
  criticalSound: boolean;
  now: number;
}

/** The tray at a glance: colour of the worst unmuted firing alert, counts, and the top five. */
export function trayState(input: TrayInput): TrayState {
  let count = 0;
  let unacknowledged = 0;
  let worst: Priority | null = null;
  let blind = false;
  let pager = false;
  const top: AlertView[] = [];
  for (const v of input.views) {
    if (v.state !== 'firing') continue;
    if (v.labels.alertname === 'MonitoringDegraded') blind = true;
    if (v.silenced || v.inhibited || v.snoozedUntil !== null) continue;
    count++;
    if (!v.acknowledged) unacknowledged++;
    if (worst === null || priorityRank(v.priority) < priorityRank(worst)) worst = v.priority;
    if (v.priority === 'P1' && !v.acknowledged) pager = true;
    insertTop(top, v);
  }
  const paused = input.pausedUntil !== null && input.pausedUntil > input.now;
  const color = blind ? 'grey' : worst === null ? 'green' : worst === 'P1' ? 'red' : 'yellow';
  const label = blind
    ? 'Monitoring degraded: alert state unknown'
    : count === 0
      ? 'All clear'
      : `${count} firing (${unacknowledged} unacknowledged), worst ${worst ?? ''}`;
  return {
    color,
    count,
    unacknowledged,
    worst,
    label,
    top: top.map((v): TrayAlert => ({ fingerprint: v.fingerprint, title: alertTitle(v), priority: v.priority, since: v.firedAt })),
    pausedUntil: paused ? input.pausedUntil : null,
    quietHours: input.quietHours,
    pagerSound: pager && input.criticalSound && !paused,
  };
}

/** More urgent: higher priority, then older. */
function before(a: AlertView, b: AlertView): boolean {
  const d = priorityRank(a.priority) - priorityRank(b.priority);
  return d !== 0 ? d < 0 : (a.firedAt ?? 0) < (b.firedAt ?? 0);
}

/** Keeps the five most urgent without sorting 10,000 alerts. */
function insertTop(top: AlertView[], v: AlertView): void {
  if (top.length === 5 && !before(v, top[4]!)) return;
  let i = top.length;
  while (i > 0 && before(v, top[i - 1]!)) i--;
  top.splice(i, 0, v);
  if (top.length > 5) top.pop();
}
