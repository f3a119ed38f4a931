import type { Alert, NotificationLogEntry, Priority } from '../../../preload/contract';
import type { Clock } from '../shared/clock';
import { alertTitle, notificationSeverity, priorityRank } from './priority';
import { timeMuted } from './am/time-intervals';
import { groupKey, groupLabels, matchRoutes, type Route } from './routes';

/** An alert as the policy sees it: muted alerts stay in their group but never notify. */
export interface PolicyAlert {
  alert: Alert;
  priority: Priority;
  muted: boolean;
  acknowledged: boolean;
}

export interface PolicyNotification {
  id: string;
  kind: NotificationLogEntry['kind'];
  groupKey: string;
  title: string;
  body: string;
  severity: 'critical' | 'warning' | 'info';
  priority: Priority;
  fingerprints: string[];
  route: string;
}

export interface PolicyDeps {
  clock: Clock;
  /** Why a notification of this severity must wait (paused, quiet hours), or null to deliver now. */
  heldBecause(severity: PolicyNotification['severity'], priority: Priority): string | null;
  /** Called for every notification, delivered or held; the caller shows and logs it. */
  emit(notification: PolicyNotification, delivered: boolean): void;
  /**
   * Called at every flush of a group with its firing (unmuted) and resolved members, before the
   * desktop's own decision: the hook through which channels/ (which imports alerts/, never the
   * reverse) applies Alertmanager's per-integration notify condition.
   */
  flushed?(flush: GroupFlush): void;
}

export interface GroupFlush {
  root: Route;
  route: Route;
  labels: Record<string, string>;
  firing: PolicyAlert[];
  resolved: PolicyAlert[];
  /** The route's mute/active time intervals hold everything, as Alertmanager's time stages do. */
  timeMuted: boolean;
  now: number;
}

interface Member {
  entry: PolicyAlert;
  /** Set when the alert left the feed or resolved; dropped from the group after the next flush. */
  resolved: boolean;
}

export interface Group {
  key: string;
  route: Route;
  labels: Record<string, string>;
  members: Map<string, Member>;
  flushed: boolean;
  cancelTimer: (() => void) | null;
  /** Fingerprints announced by a delivered notification and still in the group (firing or muted), and when the last one went out. */
  notified: Set<string>;
  notifiedAt: number;
}

/**
 * Alertmanager's dispatcher and dedup stage, for one desktop: alerts are routed into groups; a new
 * group waits `group_wait`, then flushes every `group_interval`; a flush notifies only when the set
 * of firing alerts grew, when the whole group resolved, or when `repeat_interval` has passed since
 * the last notification and something is still unacknowledged.
 */
export class NotificationPolicy {
  readonly groups = new Map<string, Group>();
  /** fingerprint -> the groups it belongs to (cached: a fingerprint's labels never change). */
  private readonly routing = new Map<string, { key: string; route: Route; labels: Record<string, string> }[]>();
  private current = new Map<string, PolicyAlert>();
  private seq = 0;

  constructor(
    private route: Route,
    private readonly deps: PolicyDeps,
  ) {}

  setRoute(route: Route): void {
    this.route = route;
    this.routing.clear();
    for (const g of this.groups.values()) g.cancelTimer?.();
    this.groups.clear();
    const entries = [...this.current.values()];
    this.current = new Map();
    for (const e of entries) this.enter(e);
  }

  groupsOf(fingerprint: string): string[] {
    return this.routesFor(this.current.get(fingerprint)?.alert ?? null, fingerprint).map((r) => r.key);
  }

  /**
   * Applies the alerts whose decoration changed (firing or pending; others count as resolved, as
   * does an alert that left). An unchanged alert needs nothing: it is already a live member of
   * each of its groups, since a group is only deleted once all its members resolved.
   */
  apply(changes: readonly { fingerprint: string; after: { policy: PolicyAlert } | undefined }[]): void {
    for (const { fingerprint: fp, after } of changes) {
      const entry = after?.policy;
      if (entry && entry.alert.state === 'firing') {
        this.enter(entry);
        continue;
      }
      const old = this.current.get(fp);
      if (!old) continue;
      this.current.delete(fp);
      for (const r of this.routesFor(old.alert, fp)) {
        const member = this.groups.get(r.key)?.members.get(fp);
        if (member) member.resolved = true;
      }
      this.routing.delete(fp);
    }
  }

  /** Runs a group's flush now (tests and "notify me again" use it). */
  flushNow(key: string): void {
    const group = this.groups.get(key);
    if (group) this.flush(group);
  }

  stop(): void {
    for (const g of this.groups.values()) g.cancelTimer?.();
    this.groups.clear();
  }

  private enter(e: PolicyAlert): void {
    const fp = e.alert.fingerprint;
    this.current.set(fp, e);
    for (const r of this.routesFor(e.alert, fp)) {
      let group = this.groups.get(r.key);
      if (!group) {
        group = { key: r.key, route: r.route, labels: r.labels, members: new Map(), flushed: false, cancelTimer: null, notified: new Set(), notifiedAt: 0 };
        this.groups.set(r.key, group);
        this.schedule(group, r.route.groupWait);
      }
      group.members.set(fp, { entry: e, resolved: false });
    }
  }

  private routesFor(alert: Alert | null, fp: string): { key: string; route: Route; labels: Record<string, string> }[] {
    let routes = this.routing.get(fp);
    if (!routes && alert) {
      routes = matchRoutes(this.route, alert.labels).map((route) => {
        const labels = groupLabels(route, alert.labels);
        return { key: groupKey(route, labels), route, labels };
      });
      this.routing.set(fp, routes);
    }
    return routes ?? [];
  }

  private schedule(group: Group, ms: number): void {
    group.cancelTimer?.();
    group.cancelTimer = this.deps.clock.setTimeout(() => this.flush(group), ms);
  }

  private flush(group: Group): void {
    group.cancelTimer = null;
    group.flushed = true;
    const now = this.deps.clock.now();
    const firing: PolicyAlert[] = [];
    for (const m of group.members.values()) if (!m.resolved && !m.entry.muted) firing.push(m.entry);
    const firingSet = new Set(firing.map((e) => e.alert.fingerprint));

    // Announced alerts that are still in the group, firing or muted. A muted alert keeps its place
    // in the record (as in Alertmanager, where muting never touches the notification log), so the
    // end of a silence or an inhibition announces nothing again; one that resolved leaves the record,
    // so if it fires again later it is news.
    const stillActive = (fp: string): boolean => group.members.get(fp)?.resolved === false;
    const announcedActive = [...group.notified].filter(stillActive);
    const announcedGone = [...group.notified].filter((fp) => !stillActive(fp));

    const muted = group.route.mute || timeMuted(group.route, group.route.intervals, now).muted;
    if (this.deps.flushed) {
      const resolved: PolicyAlert[] = [];
      for (const m of group.members.values()) if (m.resolved && !m.entry.muted) resolved.push(m.entry);
      this.deps.flushed({ root: this.route, route: group.route, labels: group.labels, firing, resolved, timeMuted: muted, now });
    }

    let kind: PolicyNotification['kind'] | null = null;
    // A route's mute/active time intervals hold its notifications as Alertmanager's time stages do:
    // nothing is recorded as sent, so the first flush after the interval announces the group.
    if (!muted) {
      const grew = firing.some((e) => !group.notified.has(e.alert.fingerprint));
      if (grew) kind = 'firing';
      else if (firing.length === 0 && announcedGone.length > 0) kind = 'resolved';
      else if (firing.length > 0 && now - group.notifiedAt >= group.route.repeatInterval && firing.some((e) => !e.acknowledged)) kind = 'reminder';
    }
    const delivered = kind !== null && this.notify(group, kind, kind === 'resolved' ? announcedGone : firing, now);
    if (delivered) {
      group.notified = new Set([...firingSet, ...announcedActive]);
      group.notifiedAt = now;
    } else if (kind !== 'resolved') {
      group.notified = new Set(announcedActive);
    }
    // A held "resolved" keeps the gone alerts in the record, so the next flush retries it.

    for (const [fp, m] of group.members) if (m.resolved) group.members.delete(fp);
    if (group.members.size === 0) {
      this.groups.delete(group.key);
      return;
    }
    this.schedule(group, group.route.groupInterval);
  }

  /** Emits one notification; returns whether it was delivered (not held by a pause or quiet hours). */
  private notify(group: Group, kind: PolicyNotification['kind'], about: PolicyAlert[] | string[], now: number): boolean {
    const entries = about.filter((a): a is PolicyAlert => typeof a !== 'string');
    const fingerprints = entries.length ? entries.map((e) => e.alert.fingerprint) : (about as string[]);
    const worst = entries.reduce<Priority>((w, e) => (priorityRank(e.priority) < priorityRank(w) ? e.priority : w), 'P4');
    const severity = kind === 'resolved' ? 'info' : notificationSeverity(worst);
    const first = entries[0];
    const headline = first ? alertTitle(first.alert) : 'alerts';
    const title =
      kind === 'resolved'
        ? `Resolved: ${describeGroup(group)}`
        : `${kind === 'reminder' ? 'Still firing' : worst}: ${headline}${entries.length > 1 ? ` (+${entries.length - 1} more)` : ''}`;
    const body = kind === 'resolved' ? `${fingerprints.length} alert(s) resolved` : entries.slice(0, 3).map((e) => e.alert.annotations.description ?? alertTitle(e.alert)).join('\n');
    const notification: PolicyNotification = {
      id: `n${now.toString(36)}-${(this.seq++).toString(36)}`,
      kind,
      groupKey: group.key,
      title,
      body,
      severity,
      priority: worst,
      fingerprints,
      route: fingerprints.length === 1 ? `#/alerts/${fingerprints[0]}` : `#/alerts`,
    };
    // A held notification is not remembered as sent: the first flush after the pause or the quiet
    // hours delivers it if the group is still firing.
    const delivered = this.deps.heldBecause(severity, worst) === null;
    this.deps.emit(notification, delivered);
    return delivered;
  }
}

function describeGroup(group: Group): string {
  const parts = Object.entries(group.labels).map(([k, v]) => `${k}=${v}`);
  return parts.length ? parts.join(', ') : 'all alerts';
}
