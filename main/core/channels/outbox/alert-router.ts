import type Database from 'better-sqlite3';
import { formatAmMatchers } from '../../alerts/am/matchers';
import type { GroupFlush, PolicyAlert } from '../../alerts/policy';
import type { Route } from '../../alerts/routes';
import type { IntegrationRef, NotificationAlert, NotificationData } from '../message';
import type { OutboxStore } from './store';

export interface AlertRouterDeps {
  store: OutboxStore;
  db: Database.Database;
  integrationsOf(receiver: string): readonly IntegrationRef[];
  sendsResolved(ref: IntegrationRef): boolean;
  externalURL(): string;
  /** An open incident one of the alerts is attached to, so delivery attempts land on its timeline. */
  incidentOf?(fingerprints: readonly string[]): string | undefined;
}

interface LogEntry {
  firing: string[];
  resolved: string[];
  at: number;
}

const zeroTime = '0001-01-01T00:00:00Z';

/**
 * Turns the policy's group flushes into outbox messages per receiver integration, with
 * Alertmanager's dedup stage (notify/dedup.go needsUpdate) and its notification log, kept in
 * outbox_notify_log so a restart does not announce a group again.
 */
export class AlertRouter {
  private readonly getLog: Database.Statement;
  private readonly putLog: Database.Statement;

  constructor(private readonly deps: AlertRouterDeps) {
    this.getLog = deps.db.prepare('SELECT firing, resolved, at FROM outbox_notify_log WHERE group_key = ? AND receiver = ? AND integration_kind = ? AND integration_index = ?');
    this.putLog = deps.db.prepare('INSERT OR REPLACE INTO outbox_notify_log (group_key, receiver, integration_kind, integration_index, firing, resolved, at) VALUES (?, ?, ?, ?, ?, ?, ?)');
  }

  flushed(f: GroupFlush): void {
    if (f.timeMuted || !f.route.receiver) return;
    const targets = this.deps.integrationsOf(f.route.receiver);
    if (targets.length === 0) return;
    const key = amGroupKey(f.root, f.route, f.labels);
    const firing = f.firing.map((a) => a.alert.fingerprint);
    const resolved = f.resolved.map((a) => a.alert.fingerprint);
    this.deps.db
      .transaction(() => {
        for (const ref of targets) {
          const row = this.getLog.get(key, ref.receiver, ref.kind, ref.index) as { firing: string; resolved: string; at: number } | undefined;
          const entry: LogEntry | null = row ? { firing: JSON.parse(row.firing) as string[], resolved: JSON.parse(row.resolved) as string[], at: row.at } : null;
          const sendResolved = this.deps.sendsResolved(ref);
          if (!needsUpdate(entry, firing, resolved, sendResolved, f.route.repeatInterval, f.now)) continue;
          const alerts = sendResolved ? [...f.firing, ...f.resolved] : f.firing;
          // Alertmanager logs the notification even when nothing is left to send (all resolved, send_resolved off).
          if (alerts.length) {
            const data = notificationData(ref.receiver, key, f.labels, alerts, new Set(resolved), this.deps.externalURL(), f.now);
            const incidentId = this.deps.incidentOf?.(alerts.map((a) => a.alert.fingerprint));
            this.deps.store.enqueueTo([ref], { receiver: ref.receiver, message: { kind: 'alerts', data }, ...(incidentId ? { incidentId } : {}) });
          }
          this.putLog.run(key, ref.receiver, ref.kind, ref.index, JSON.stringify(firing), JSON.stringify(resolved), f.now);
        }
      })
      .immediate();
  }
}

/** Alertmanager's DedupStage.needsUpdate. */
export function needsUpdate(entry: LogEntry | null, firing: string[], resolved: string[], sendResolved: boolean, repeat: number, now: number): boolean {
  if (!entry) return firing.length > 0;
  const wasFiring = new Set(entry.firing);
  if (!firing.every((fp) => wasFiring.has(fp))) return true;
  if (firing.length === 0) return entry.firing.length > 0;
  const wasResolved = new Set(entry.resolved);
  if (sendResolved && !resolved.every((fp) => wasResolved.has(fp))) return true;
  // Strictly before, as Go's Timestamp.Before: a repeat falls on the flush after the interval has passed.
  return entry.at < now - repeat;
}

/** `{}/{severity="critical"}:{alertname="X"}`: the route's matchers from the root down, then the group's labels. */
export function amGroupKey(root: Route, route: Route, labels: Record<string, string>): string {
  const chain: Route[] = [root];
  for (const i of route.id.split('.').slice(1)) chain.push(chain.at(-1)!.routes[Number(i)]!);
  const routeKey = chain.map((r) => formatAmMatchers([...r.matchers].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.value < b.value ? -1 : a.value > b.value ? 1 : 0)))).join('/');
  return `${routeKey}:${labelSetString(labels)}`;
}

function labelSetString(labels: Record<string, string>): string {
  return `{${Object.keys(labels)
    .sort()
    .map((k) => `${k}=${JSON.stringify(labels[k])}`)
    .join(', ')}}`;
}

function common(maps: Record<string, string>[]): Record<string, string> {
  const [first, ...rest] = maps;
  if (!first) return {};
  return Object.fromEntries(Object.entries(first).filter(([k, v]) => rest.every((m) => m[k] === v)));
}

const rfc3339 = (ms: number | null): string => (ms === null ? zeroTime : new Date(ms).toISOString());

/** `resolved`: fingerprints that left the group (the policy keeps their last firing copy). */
export function notificationData(
  receiver: string,
  groupKey: string,
  groupLabels: Record<string, string>,
  alerts: readonly PolicyAlert[],
  resolvedSet: ReadonlySet<string>,
  externalURL: string,
  now: number,
): NotificationData {
  const list: NotificationAlert[] = alerts.map(({ alert }) => {
    const resolved = resolvedSet.has(alert.fingerprint) || alert.state === 'resolved';
    return {
      status: resolved ? 'resolved' : 'firing',
      labels: alert.labels,
      annotations: alert.annotations,
      startsAt: rfc3339(alert.firedAt ?? alert.activeAt),
      endsAt: resolved ? rfc3339(alert.resolvedAt ?? now) : zeroTime,
      generatorURL: alert.generatorUrl ?? '',
      fingerprint: alert.fingerprint,
    };
  });
  return {
    receiver,
    status: list.some((a) => a.status === 'firing') ? 'firing' : 'resolved',
    alerts: list,
    groupLabels,
    commonLabels: common(list.map((a) => a.labels)),
    commonAnnotations: common(list.map((a) => a.annotations)),
    externalURL,
    groupKey,
    truncatedAlerts: 0,
  };
}
