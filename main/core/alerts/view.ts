import { matchesAll, type Alert, type AlertGroupView, type AlertView, type Priority, type TrayState } from '../../../preload/contract';
import type { PolicyAlert } from './policy';
import { alertTitle, priorityOf, priorityRank } from './priority';
import type { Route } from './routes';
import { groupKey, groupLabels, matchRoutes } from './routes';
import type { LocalSilence, Mark } from './state-store';
import { TrayTally } from './tray-tally';

export interface DecorateInput {
  /** The merged alert for a fingerprint, undefined once it left the feed. */
  alert: (fingerprint: string) => Alert | undefined;
  marks: ReadonlyMap<string, Mark>;
  silences: readonly LocalSilence[];
  inhibitions: ReadonlyMap<string, string[]>;
  incidents: (fingerprint: string) => string[];
  now: number;
}

export interface Decorated {
  alert: Alert;
  mark: Mark | undefined;
  silenced: boolean;
  inhibited: boolean;
  snoozed: boolean;
  incidents: string[];
  view: AlertView;
  policy: PolicyAlert;
}

/** One alert's decoration before and after a recompute (undefined: not there). */
export interface Change {
  fingerprint: string;
  before: Decorated | undefined;
  after: Decorated | undefined;
}

interface GroupEntry {
  key: string;
  labels: Record<string, string>;
  routePath: string;
  members: Map<string, AlertView>;
  /** null when a member changed since the view was built. */
  view: AlertGroupView | null;
}

type Routing = { key: string; labels: Record<string, string>; route: Route }[];

/**
 * Turns the merged feed into what the policy and the UI need, for the fingerprints that changed
 * only: the decorated alerts, their Alertmanager-style groups and the tray tally are kept up to
 * date per change, and the lists the UI reads are rebuilt lazily. With 10,000 alerts, one change
 * must not rebuild all of them (see test/bench/alerts.bench.ts).
 */
export class AlertDecorator {
  private readonly cache = new Map<string, Decorated>();
  private readonly routing = new Map<string, Routing>();
  private readonly groupIndex = new Map<string, GroupEntry>();
  private viewList: AlertView[] | null = null;
  private groupList: AlertGroupView[] | null = null;
  readonly tally = new TrayTally();

  constructor(private route: Route) {}

  /** A new route tree: every alert is routed again at the next full recompute. */
  setRoute(route: Route): void {
    this.route = route;
    for (const fp of [...this.cache.keys()]) this.change(fp, this.cache.get(fp), undefined);
    this.routing.clear();
  }

  fingerprints(): IterableIterator<string> {
    return this.cache.keys();
  }

  get(fingerprint: string): Decorated | undefined {
    return this.cache.get(fingerprint);
  }

  /** Decorates the given fingerprints again; returns those whose decoration changed. */
  update(fingerprints: Iterable<string>, input: DecorateInput): Change[] {
    const active = input.silences.filter((s) => s.startsAt <= input.now && s.endsAt > input.now);
    const changes: Change[] = [];
    for (const fp of fingerprints) {
      const before = this.cache.get(fp);
      const alert = input.alert(fp);
      const after = alert ? this.decorate(alert, before, active, input) : undefined;
      if (after === before) continue;
      this.change(fp, before, after);
      changes.push({ fingerprint: fp, before, after });
    }
    return changes;
  }

  views(): AlertView[] {
    this.viewList ??= Array.from(this.cache.values(), (d) => d.view);
    return this.viewList;
  }

  policyEntries(): PolicyAlert[] {
    return Array.from(this.cache.values(), (d) => d.policy);
  }

  /** Alertmanager-style groups of every alert in view (pending and resolved ones included). */
  groups(): AlertGroupView[] {
    if (this.groupList) return this.groupList;
    const list: AlertGroupView[] = [];
    for (const g of this.groupIndex.values()) {
      if (!g.view) {
        let firing = 0;
        let worst: Priority = 'P4';
        for (const v of g.members.values()) {
          if (v.state === 'firing') firing++;
          if (priorityRank(v.priority) < priorityRank(worst)) worst = v.priority;
        }
        g.view = { key: g.key, labels: g.labels, routePath: g.routePath, fingerprints: [...g.members.keys()], firing, worst };
      }
      list.push(g.view);
    }
    this.groupList = list;
    return list;
  }

  groupsOf(alert: Alert): Routing {
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

  private decorate(alert: Alert, old: Decorated | undefined, active: readonly LocalSilence[], input: DecorateInput): Decorated {
    const fp = alert.fingerprint;
    const mark = input.marks.get(fp);
    const silenced = (alert.silencedBy?.length ?? 0) > 0 || active.some((s) => matchesAll(s.matchers, alert.labels));
    const inhibited = (alert.inhibitedBy?.length ?? 0) > 0 || input.inhibitions.has(fp);
    const snoozed = (mark?.snoozedUntil ?? 0) > input.now;
    const incidents = input.incidents(fp);
    if (old && old.alert === alert && old.mark === mark && old.silenced === silenced && old.inhibited === inhibited && old.snoozed === snoozed && sameList(old.incidents, incidents)) return old;
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
    return { alert, mark, silenced, inhibited, snoozed, incidents, view, policy: { alert, priority, muted: silenced || inhibited || snoozed, acknowledged } };
  }

  /** Moves one alert's contribution to its groups and the tray from `before` to `after`. */
  private change(fp: string, before: Decorated | undefined, after: Decorated | undefined): void {
    if (after) this.cache.set(fp, after);
    else this.cache.delete(fp);
    this.viewList = null;
    this.groupList = null;
    this.tally.replace(before?.view, after?.view);
    if (before && !after) {
      for (const g of this.groupsOf(before.alert)) {
        const entry = this.groupIndex.get(g.key);
        if (!entry) continue;
        entry.members.delete(fp);
        entry.view = null;
        if (entry.members.size === 0) this.groupIndex.delete(g.key);
      }
      this.routing.delete(fp);
      return;
    }
    if (!after) return;
    for (const g of this.groupsOf(after.alert)) {
      let entry = this.groupIndex.get(g.key);
      if (!entry) this.groupIndex.set(g.key, (entry = { key: g.key, labels: g.labels, routePath: g.route.describe, members: new Map(), view: null }));
      // Setting an existing key keeps the member's place in the group.
      entry.members.set(fp, after.view);
      entry.view = null;
    }
  }
}

type Decoration = Omit<AlertView, keyof Alert>;

/**
 * The view as one object literal with every field named, not `{ ...alert, ...decoration }`: in
 * V8 (Node 20) objects built by spread-and-extend read up to 50x slower, and the UI and the tray
 * walk all 10,000 views.
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
  return a === b || (a.length === b.length && a.every((x, i) => x === b[i]));
}

export interface TrayInput {
  pausedUntil: number | null;
  quietHours: boolean;
  criticalSound: boolean;
  now: number;
}

/** The tray at a glance: colour of the worst unmuted firing alert, counts, and the top five. */
export function trayState(tally: TrayTally, input: TrayInput): TrayState {
  const { count, unacknowledged, worst, blind, pager } = tally.totals();
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
    top: tally.top().map((v) => ({ fingerprint: v.fingerprint, title: alertTitle(v), priority: v.priority, since: v.firedAt })),
    pausedUntil: paused ? input.pausedUntil : null,
    quietHours: input.quietHours,
    pagerSound: pager && input.criticalSound && !paused,
  };
}
